/**
 * 造一个"跑了一年"的县（只在本地用：npm run seed:load、基准）：演示县的通讯录再加到 20 个站、6 个小组，
 * 按 12 个月铺开若干张工单，各自走到一个真实的结局（有的准时接单、有的拖、有的办结并评价、有的转办或不予受理、
 * 有的还在办），连同"我也遇到了"。工单经存储的 createTicket 写入：汇总就在同一个事务里由同一套代码算出。
 * 随机数有种子，同样的参数造出同样的县。
 */
import type { Member, MemberGroup, Station, Ticket } from '../shared/domain/model';
import { CATEGORIES, type Category } from '../shared/domain/vocabulary';
import { seededRandom } from '../shared/triage/training/random';
import type { Deps } from '../shared/usecases/context';
import { seedDemoCounty } from '../cloudfunctions/_runtime/demo-county';
import type { Store } from '../shared/ports/store.port';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const TEXTS: Array<[Category, string]> = [
  ['城乡建设', '小区门口的路灯坏了一个多月，晚上老人出门看不见路。'],
  ['城乡建设', '楼下化粪池满溢好几天了，臭气熏天，请尽快处理。'],
  ['交通运输', '学校门口早晚高峰堵车严重，建议增设临时停车位。'],
  ['交通运输', '公交站台的遮雨棚坏了，下雨天等车全身湿透。'],
  ['环境保护', '河边有人倾倒建筑垃圾，河水发黑发臭。'],
  ['环境保护', '广场舞音响声音太大，晚上十点还不停。'],
  ['教育文体', '建议在社区里建一个篮球场，孩子们放学没地方运动。'],
  ['劳动和社会保障', '建议增设老年食堂，方便独居老人吃饭。'],
  ['商贸旅游', '菜市场门口占道经营，电动车过不去。'],
  ['卫生计生', '社区卫生服务站周末不开门，老人看病不方便。'],
];

export interface LoadOptions {
  tickets: number;
  /** 最近一刻（默认现在）：工单铺在它之前的 12 个月里 */
  now: Date;
  seed?: number;
  /** 每写完一批报一次进度 */
  onProgress?: (done: number) => void;
}

export function loadStations(): { groups: MemberGroup[]; stations: Station[]; members: Member[] } {
  const groups: MemberGroup[] = [];
  const stations: Station[] = [];
  const members: Member[] = [];
  for (let g = 3; g <= 6; g++) {
    groups.push({ id: `load-group-${g}`, name: `第${g}委员小组`, district: '演示县', webhookUrl: null, claimLimit: 3 });
    members.push({ id: `load-convener-${g}`, name: `召集人${g}`, sector: '社会福利界', phone: null, groups: [{ groupId: `load-group-${g}`, role: 'convener' }], isAdmin: false, openid: `load-convener-${g}`, inviteCode: null, active: true });
    for (let m = 1; m <= 4; m++) {
      const id = `load-member-${g}-${m}`;
      members.push({ id, name: `委员${g}-${m}`, sector: '经济界', phone: null, groups: [{ groupId: `load-group-${g}`, role: 'member' }], isAdmin: false, openid: id, inviteCode: null, active: true });
    }
  }
  // 演示县已有 4 个站，再加 16 个，共 20 个
  for (let i = 1; i <= 16; i++) {
    const groupId = i <= 4 ? 'demo-group-1' : `load-group-${3 + ((i - 5) % 4)}`;
    stations.push({ id: `load-station-${i}`, name: `第${i}社区委员联络站`, address: `演示路 ${i} 号`, groupId, enabled: true, neighbours: [], intro: '' });
  }
  return { groups, stations, members };
}

function ticketAt(rand: () => number, n: number, station: Station, createdMs: number): Ticket {
  const [category, text] = TEXTS[Math.floor(rand() * TEXTS.length)]!;
  const createdAt = new Date(createdMs).toISOString();
  const library = category === '教育文体' || category === '劳动和社会保障' ? 'suggestion' : 'problem';
  return {
    id: `load-${String(n).padStart(7, '0')}`,
    no: `L${String(n).padStart(7, '0')}`,
    stationId: station.id,
    groupId: station.groupId,
    residentOpenid: `load-resident-${Math.floor(rand() * 20000)}`,
    clientRequestId: `load-request-${n}`,
    kind: library,
    library,
    category,
    urgency: rand() < 0.05 ? 'urgent' : 'normal',
    scope: 'group',
    triage: { category, library, urgency: 'normal', scope: 'group', confidence: 0.9, reasons: { category: [], library: [], urgency: [], scope: [] }, libraryDisagrees: false },
    text,
    redactedText: text,
    photos: [],
    contact: null,
    anonymous: false,
    status: 'pending',
    claimants: [],
    claimLimit: 3,
    meToo: Array.from({ length: rand() < 0.2 ? Math.floor(rand() * 6) : 0 }, (_, i) => `load-metoo-${n}-${i}`),
    mergedFrom: [],
    outcome: null,
    caseSummary: null,
    publishCase: false,
    rating: null,
    ratings: [],
    dispatchedAt: createdAt,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
}

/** 让一张工单走到一个结局（只到 now 为止：还没发生的事不写） */
function liveThrough(rand: () => number, t: Ticket, nowMs: number): Ticket {
  const created = Date.parse(t.createdAt);
  const at = (ms: number) => new Date(ms).toISOString();
  const r = rand();
  if (r < 0.04) return { ...t, status: 'rejected', outcome: { kind: 'rejected', note: '不属于协商范围', at: at(Math.min(nowMs, created + DAY)) } };
  if (r < 0.08) return { ...t, status: 'referred', outcome: { kind: 'referred', note: '个人诉求', department: '区信访局', at: at(Math.min(nowMs, created + 2 * DAY)) } };
  const claimMs = created + (rand() < 0.8 ? rand() * 2 * DAY : (2 + rand() * 6) * DAY);
  if (claimMs > nowMs) return t;
  const claimed: Ticket = { ...t, status: 'claimed', claimants: [{ memberId: `load-member-${3 + Math.floor(rand() * 4)}-${1 + Math.floor(rand() * 4)}`, name: '委员', at: at(claimMs), assigned: false }] };
  const closeMs = claimMs + (rand() < 0.8 ? (3 + rand() * 15) : (20 + rand() * 20)) * DAY;
  if (closeMs > nowMs || rand() < 0.05) return claimed;
  const closed: Ticket = { ...claimed, status: 'closed', library: 'case', outcome: { kind: 'closed', note: '已协商解决', at: at(closeMs) }, caseSummary: '已协商解决' };
  const ratings = [t.residentOpenid, ...t.meToo]
    .filter(() => rand() < 0.7)
    .map((openid) => {
      const x = rand();
      const rating = x < 0.6 ? ('satisfied' as const) : x < 0.85 ? ('basic' as const) : ('unsatisfied' as const);
      return { openid, rating, reasons: [], comment: '', at: at(Math.min(nowMs, closeMs + rand() * 5 * DAY)), via: 'rate' as const };
    });
  return { ...closed, ratings, updatedAt: at(closeMs) };
}

/** 把县造出来；store 给了 bulk 时一批一个事务（快），否则一张一张写 */
export async function loadCounty(store: Store & { bulk?: (fn: () => void) => void }, opts: LoadOptions): Promise<{ tickets: number; stations: number }> {
  await seedDemoCounty({ store } as unknown as Deps, { tickets: false });
  const { groups, stations, members } = loadStations();
  for (const g of groups) await store.putGroup(g);
  for (const m of members) await store.putMember(m);
  for (const s of stations) await store.putStation(s);
  const all = await store.listStations();
  const rand = seededRandom(opts.seed ?? 20261201);
  const nowMs = opts.now.getTime();
  const spanMs = 365 * DAY;
  const BATCH = 2000;
  for (let done = 0; done < opts.tickets; ) {
    const n = Math.min(BATCH, opts.tickets - done);
    const batch: Ticket[] = [];
    for (let i = 0; i < n; i++) {
      const k = done + i;
      // 越近的月份越多（试点铺开），时间按顺序走
      const createdMs = nowMs - spanMs + Math.sqrt((k + rand()) / opts.tickets) * spanMs - HOUR;
      batch.push(liveThrough(rand, ticketAt(rand, k, all[Math.floor(rand() * all.length)]!, createdMs), nowMs));
    }
    const write = () => batch.map((t) => store.createTicket(t, [], []));
    if (store.bulk) {
      let pending: Promise<unknown>[] = [];
      store.bulk(() => {
        pending = write();
      });
      await Promise.all(pending);
    } else await Promise.all(write());
    done += n;
    opts.onProgress?.(done);
  }
  return { tickets: opts.tickets, stations: all.length };
}
