/**
 * 演示县：取自试点材料里的真实地名和案例（黄石箭楼社区、郧阳岩子河村、北辰社区、桅子村……），
 * 本地首次启动时写入，让每个角色打开就有东西可看。身份即 openid：demo-member-1 等（README 列出）。
 */
import type { Member, MemberGroup, Station } from '../../shared/domain/model';
import type { Deps } from '../../shared/usecases/context';
import { submitReport } from '../../shared/usecases/intake/submit-report';
import { meToo } from '../../shared/usecases/intake/me-too';
import { claimTicket } from '../../shared/usecases/work/claim-ticket';
import { closeTicket } from '../../shared/usecases/work/close-ticket';
import { proposeClose } from '../../shared/usecases/work/propose-close';
import { recordConsultation } from '../../shared/usecases/work/record-consultation';

export const DEMO_GROUPS: MemberGroup[] = [
  { id: 'demo-group-1', name: '下陆区第三委员小组', district: '黄石市下陆区', webhookUrl: null, claimLimit: 3 },
  { id: 'demo-group-2', name: '郧阳区城关委员小组', district: '十堰市郧阳区', webhookUrl: null, claimLimit: 3 },
];

export const DEMO_STATIONS: Station[] = [
  {
    id: 'demo-station-1',
    name: '箭楼社区委员联络室',
    address: '黄石市下陆区箭楼社区居委会一楼',
    groupId: 'demo-group-1',
    enabled: true,
    neighbours: ['demo-station-3'],
    intro: '下陆区第三委员小组的委员每周二下午在这里接待居民，也可以随时扫码反映。',
    receptionHours: '每周二下午 2:30–5:00',
    phone: '0714-5312345',
  },
  {
    id: 'demo-station-3',
    name: '北辰社区委员工作室',
    address: '黄石市下陆区北辰社区党群服务中心二楼',
    groupId: 'demo-group-1',
    enabled: true,
    neighbours: ['demo-station-1'],
    intro: '社区卫生、养老、停车等问题都可以在这里反映，委员小组会组织协商。',
    receptionHours: '每周四上午 9:00–11:30',
    phone: '0714-5316789',
  },
  {
    id: 'demo-station-2',
    name: '岩子河村协商驿站',
    address: '十堰市郧阳区城关镇岩子河村村委会',
    groupId: 'demo-group-2',
    enabled: true,
    neighbours: [],
    intro: '"郧约来商量"：村里的大事小情，委员和村民一起商量着办。',
    receptionHours: '每月 5 日、20 日全天',
    phone: '0719-7221234',
  },
  {
    id: 'demo-station-closed',
    name: '袁码头村老街联络点（暂停）',
    address: '枝江市袁码头村',
    groupId: 'demo-group-2',
    enabled: false,
    neighbours: [],
    intro: '老街改造期间暂停受理，请到岩子河村协商驿站反映。',
    pausedNotice: '老街改造期间暂停受理，请到岩子河村协商驿站反映，或拨打 0719-7221234。',
  },
];

const member = (id: string, name: string, sector: string, groups: Member['groups'], extra: Partial<Member> = {}): Member => ({
  id,
  name,
  sector,
  phone: null,
  groups,
  isAdmin: false,
  openid: id,
  inviteCode: null,
  active: true,
  ...extra,
});

export const DEMO_MEMBERS: Member[] = [
  member('demo-member-1', '李建国', '经济界（退休工程师）', [{ groupId: 'demo-group-1', role: 'member' }]),
  member('demo-member-2', '王秀英', '教育界', [{ groupId: 'demo-group-1', role: 'member' }]),
  member('demo-member-3', '陈志强', '医药卫生界', [{ groupId: 'demo-group-1', role: 'member' }]),
  member('demo-convener', '王丽华', '社会福利界', [{ groupId: 'demo-group-1', role: 'convener' }]),
  member('demo-member-4', '刘明', '农业界', [{ groupId: 'demo-group-2', role: 'member' }]),
  member('demo-member-5', '赵红梅', '妇联', [{ groupId: 'demo-group-2', role: 'member' }]),
  member('demo-convener-2', '周德厚', '无党派人士', [{ groupId: 'demo-group-2', role: 'convener' }]),
  member('demo-admin', '政协办 张主任', '政协机关', [], { isAdmin: true }),
  // 区县政协办：只管郧阳区城关委员小组（市里有多级政协办时是这样）
  member('demo-admin-yy', '郧阳区政协办 刘科长', '政协机关', [], { isAdmin: true, adminGroupIds: ['demo-group-2'] }),
  // 尚未绑定微信的委员：用邀请码绑定
  member('demo-member-6', '孙立新', '科技界', [{ groupId: 'demo-group-1', role: 'member' }], { openid: null, inviteCode: 'JL2026A' }),
  member('demo-member-7', '吴桂兰', '文化艺术界', [{ groupId: 'demo-group-2', role: 'member' }], { openid: null, inviteCode: 'YY2026B' }),
];

/** 演示工单：一条协商办结并公开的案例、一条十几人反映的热点、一条紧急的地质灾害隐患。 */
async function seedTickets(deps: Deps): Promise<void> {
  const submit = async (openid: string, stationId: string, text: string, clientRequestId: string) => {
    const r = await submitReport(deps, openid, { stationId, text, clientRequestId });
    if (!r.ok) throw new Error(`demo seed failed: ${r.error.code}`);
    return r.data.ticketId;
  };
  const must = <T extends { ok: boolean }>(r: T) => {
    if (!r.ok) throw new Error(`demo seed failed: ${JSON.stringify(r)}`);
    return r;
  };

  const poles = await submit('demo-neighbour-1', 'demo-station-1', '小区出行道路被电线杆挡住，车辆进出困难，去年冬天救护车都开不进来，希望能把电线杆移走。', 'demo-seed-poles');
  for (let i = 2; i <= 14; i++) must(await meToo(deps, `demo-neighbour-${i}`, poles));

  const case1 = await submit('demo-neighbour-20', 'demo-station-1', '箭楼社区老旧小区楼道里的灯坏了好几个月，晚上老人上下楼很危险。', 'demo-seed-lights');
  must(await claimTicket(deps, 'demo-member-2', case1));
  must(
    await recordConsultation(deps, 'demo-member-2', case1, {
      heldAt: '2026-10-20T14:30:00+08:00',
      place: '箭楼社区委员联络室',
      participants: ['居民代表3人', '王秀英委员'],
      departments: ['箭楼社区居委会', '物业公司'],
      agreement: '物业公司一周内更换全部损坏的楼道灯，改为声控节能灯，居委会每月检查一次。',
    }),
  );
  must(await proposeClose(deps, 'demo-member-2', case1, '楼道灯已全部更换为声控节能灯，居民确认。'));
  must(await closeTicket(deps, 'demo-convener', case1, '经委员、居委会与物业协商，物业一周内更换了全部损坏的楼道灯并改为声控节能灯，居委会每月巡查。', true));

  await submit('demo-neighbour-30', 'demo-station-2', '村后山坡出现裂缝，下雨后有碎石滚落，担心发生山体滑坡，威胁坡下三户人家。', 'demo-seed-slope');
  await submit('demo-neighbour-31', 'demo-station-2', '村里没有地方集中分拣和卖菜，建议建一个田头市场，方便菜农。', 'demo-seed-market');
}

export async function seedDemoCounty(deps: Deps, options: { webhookUrl?: string; tickets?: boolean } = {}): Promise<boolean> {
  if (await deps.store.getStation('demo-station-1')) return false;
  for (const g of DEMO_GROUPS) await deps.store.putGroup(g.id === 'demo-group-1' && options.webhookUrl ? { ...g, webhookUrl: options.webhookUrl } : g);
  for (const m of DEMO_MEMBERS) await deps.store.putMember(m);
  // 站点最后写：它是"已播种"的标记
  for (const s of [...DEMO_STATIONS].reverse()) await deps.store.putStation(s);
  if (options.tickets !== false) await seedTickets(deps);
  return true;
}
