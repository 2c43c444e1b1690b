/**
 * 存储契约：每个 Store 实现都要满足的行为，一份定义，对每个实现各跑一遍
 * （嵌入式 SQLite、CloudBase 适配器 + 进程内数据库替身、设置了凭据时的真实 CloudBase 测试环境）。
 * 见 shared/ports/store.port.ts 的约定：按版本号的条件更新、工单 + 历史 + 发件箱同一事务、
 * 提交幂等且在同一事务里限流、显式分页（默认 100、最多 1000）、订阅额度只扣一次；
 * 管理后台（AdminStore）：目录修改与操作记录同一事务、全有或全无，操作记录翻页与按小组筛，工单分组计数。
 */
import { DEFAULT_SETTINGS, mergeSettings } from '../../shared/domain/settings';
import type { AuditEntry, HistoryEntry, Member, Message, OutboxEntry, Station, Ticket } from '../../shared/domain/model';
import type { AdminStore, FiguresStore, Store, TicketQuery, TicketTally } from '../../shared/ports/store.port';
import { settingsFrom, type Deps } from '../../shared/usecases/context';
import { meToo } from '../../shared/usecases/intake/me-too';
import { claimTicket } from '../../shared/usecases/work/claim-ticket';
import { WordListContentChecker } from '../../cloudfunctions/_runtime/adapters/content.wordlist';
import { describeFiguresContract } from './figures-contract';

/** 两个适配器合成的存储都实现 Store 与管理后台的 AdminStore */
export type ContractStore = Store & AdminStore & FiguresStore;

export interface StoreFixture {
  store: ContractStore;
  close(): Promise<void> | void;
}

export interface ContractOptions {
  /** 每个测试的超时（真实云环境要长得多） */
  timeoutMs?: number;
}

const BASE = Date.parse('2026-11-20T02:00:00.000Z');
const iso = (offsetSeconds: number) => new Date(BASE + offsetSeconds * 1000).toISOString();

export const GROUP = { id: 'cg-1', name: '契约测试小组', district: '测试区', webhookUrl: null, claimLimit: 3 };
export const STATION: Station = { id: 'cs-1', name: '契约测试联络站', address: '测试路 1 号', groupId: GROUP.id, enabled: true, neighbours: [], intro: '' };

export function member(id: string, extra: Partial<Member> = {}): Member {
  return { id, name: `委员${id}`, sector: '测试界', phone: null, groups: [{ groupId: GROUP.id, role: 'member' }], isAdmin: false, openid: null, inviteCode: null, active: true, ...extra };
}

let seq = 0;
export function ticket(n: number, extra: Partial<Ticket> = {}): Ticket {
  const id = extra.id ?? `t-${String(n).padStart(6, '0')}-${++seq}`;
  const createdAt = extra.createdAt ?? iso(n);
  return {
    id,
    no: `NO${n}`,
    stationId: STATION.id,
    groupId: GROUP.id,
    residentOpenid: `resident-${n}`,
    clientRequestId: `req-${id}`,
    kind: 'problem',
    library: 'problem',
    category: '城乡建设',
    urgency: 'normal',
    scope: 'group',
    triage: { category: '城乡建设', library: 'problem', urgency: 'normal', scope: 'group', confidence: 0.9, reasons: { category: [], library: [], urgency: [], scope: [] }, libraryDisagrees: false },
    text: `第${n}条反映：路灯坏了`,
    redactedText: `第${n}条反映：路灯坏了`,
    photos: [],
    contact: null,
    anonymous: false,
    status: 'pending',
    claimants: [],
    claimLimit: 3,
    meToo: [],
    mergedFrom: [],
    outcome: null,
    caseSummary: null,
    publishCase: false,
    rating: null,
    createdAt,
    updatedAt: createdAt,
    version: 1,
    ...extra,
  };
}

export function historyFor(t: Ticket, id: string, note = '提交', at = t.updatedAt): HistoryEntry {
  return { id, ticketId: t.id, at, action: 'submit', actorOpenid: t.residentOpenid, actorMemberId: null, actorName: '反映人', relation: 'owner', from: null, to: t.status, note, visibleToResident: true };
}

export function outboxFor(t: Ticket, id: string, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    id,
    ticketId: t.id,
    recipient: 'member:m-1',
    channel: 'inapp',
    event: 'ticket.submitted',
    title: '新反映',
    body: t.redactedText,
    page: `packages/work/ticket/index?id=${t.id}`,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: t.createdAt,
    lastError: null,
    createdAt: t.createdAt,
    sentAt: null,
    ...extra,
  };
}

export function auditFor(id: string, at: string, groupIds: string[], extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at,
    actorOpenid: 'wx-admin',
    actorName: '管理员',
    action: 'saveStation',
    target: { kind: 'station', id: STATION.id, label: STATION.name },
    groupIds,
    before: null,
    after: { name: STATION.name },
    ...extra,
  };
}

function messageOf(e: OutboxEntry): Message {
  return { id: e.id, recipient: e.recipient, ticketId: e.ticketId, event: e.event, title: e.title, body: e.body, page: e.page, createdAt: e.createdAt, readAt: null };
}

async function collectAll<T>(fetch: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<{ items: T[]; pages: number[] }> {
  const items: T[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetch(cursor);
    items.push(...page.items);
    pages.push(page.items.length);
    if (!page.nextCursor) return { items, pages };
    cursor = page.nextCursor;
  }
  throw new Error('paging did not terminate');
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

function depsFor(store: Store): Deps {
  let n = 0;
  return {
    store,
    clock: { now: () => new Date(BASE + 3_600_000) },
    ids: { next: () => `${Date.now().toString(36)}-${(++n).toString(36).padStart(6, '0')}-${Math.random().toString(36).slice(2, 8)}` },
    triager: {
      triage() {
        throw new Error('契约测试不分诊');
      },
    },
    content: new WordListContentChecker(),
    files: { exists: async () => true, urlsFor: async () => ({}) },
    loadSettings: settingsFrom(store),
    subscribeTemplates: [],
  };
}

export function describeStoreContract(name: string, open: () => Promise<StoreFixture>, options: ContractOptions = {}): void {
  describe(`存储契约：${name}`, () => {
    let fx: StoreFixture;
    let store: ContractStore;
    const timeout = options.timeoutMs ?? 60_000;

    beforeEach(async () => {
      fx = await open();
      store = fx.store;
      await store.putGroup(GROUP);
      await store.putStation(STATION);
    }, timeout);
    afterEach(async () => {
      await fx.close();
    }, timeout);

    describe('通讯录', () => {
      test(
        '站点超过 100 个时 listStations 全部列出，按 id 排序',
        async () => {
          const ids = Array.from({ length: 150 }, (_, i) => `cs-many-${String(i).padStart(3, '0')}`);
          await inBatches(ids, 25, (id) => store.putStation({ ...STATION, id, name: id }));
          const listed = (await store.listStations()).map((s) => s.id);
          expect(listed).toEqual([...ids, STATION.id].sort());
        },
        timeout,
      );

      test(
        '一个小组超过 1000 名委员时 listMembersOfGroup 全部列出，不含别组的人',
        async () => {
          const ids = Array.from({ length: 1005 }, (_, i) => `cm-${String(i).padStart(4, '0')}`);
          await inBatches(ids, 50, (id) => store.putMember(member(id)));
          await store.putMember(member('other-group-member', { groups: [{ groupId: 'cg-2', role: 'member' }] }));
          const listed = (await store.listMembersOfGroup(GROUP.id)).map((m) => m.id);
          expect(listed).toHaveLength(1005);
          expect(new Set(listed)).toEqual(new Set(ids));
          // 提交时一次读出的委员与 listMembersOfGroup 一样，一个不少
          expect((await store.getSubmitContext(STATION.id))?.members.map((m) => m.id)).toEqual(listed);
        },
        timeout,
      );

      test(
        '提交要的站点、小组、小组委员一次读出，委员与 listMembersOfGroup 相同（含停用的、兼在别组的，不含别组的）',
        async () => {
          const people = [
            member('cm-ctx-b'),
            member('cm-ctx-a', { groups: [{ groupId: 'cg-2', role: 'member' }, { groupId: GROUP.id, role: 'convener' }] }),
            member('cm-ctx-off', { active: false }),
            member('cm-ctx-other', { groups: [{ groupId: 'cg-2', role: 'member' }] }),
          ];
          for (const m of people) await store.putMember(m);
          const ctx = await store.getSubmitContext(STATION.id);
          expect(ctx).toEqual({ station: STATION, group: GROUP, members: await store.listMembersOfGroup(GROUP.id) });
          expect(ctx!.members.map((m) => m.id)).toEqual(['cm-ctx-a', 'cm-ctx-b', 'cm-ctx-off']);
          expect(ctx!.members[0]).toEqual(people[1]);

          expect(await store.getSubmitContext('cs-none')).toBeNull();
          // 站点指向的小组不存在：小组为 null，委员为空
          const orphan = { ...STATION, id: 'cs-orphan', groupId: 'cg-none' };
          await store.putStation(orphan);
          expect(await store.getSubmitContext(orphan.id)).toEqual({ station: orphan, group: null, members: [] });
        },
        timeout,
      );
    });

    describe('县级设置：一份，只存改过的项', () => {
      test(
        '没改过为 null；写入后读回改过的项；再写是整份替换；与默认值合并后就是用例看到的设置',
        async () => {
          expect(await store.getCountySettings()).toBeNull();
          expect(await depsFor(store).loadSettings()).toEqual(DEFAULT_SETTINGS);
          await store.putCountySettings({ maxTextLength: 500, reportsPerHourPerResident: 3 });
          expect(await store.getCountySettings()).toEqual({ maxTextLength: 500, reportsPerHourPerResident: 3 });
          await store.putCountySettings({ maxPhotos: 2 });
          expect(await store.getCountySettings()).toEqual({ maxPhotos: 2 });
          expect(await depsFor(store).loadSettings()).toEqual(mergeSettings({ maxPhotos: 2 }));
          await store.putCountySettings({});
          expect(await store.getCountySettings()).toEqual({});
        },
        timeout,
      );

      test(
        '超出范围的设置写不进去，原来的不变',
        async () => {
          await store.putCountySettings({ maxPhotos: 4 });
          await expect(store.putCountySettings({ maxTextLength: 10 })).rejects.toThrow();
          await expect(store.putCountySettings({ reportsPerHourPerResident: 1.5 })).rejects.toThrow();
          expect(await store.getCountySettings()).toEqual({ maxPhotos: 4 });
        },
        timeout,
      );

      test(
        '邀请码绑定只成功一次：同一邀请码被两个微信同时使用，只有一个绑上',
        async () => {
          await store.putMember(member('cm-invite', { inviteCode: 'ABC123' }));
          const results = await Promise.all(['wx-a', 'wx-b', 'wx-c'].map((openid) => store.bindMember('cm-invite', openid, 'ABC123')));
          expect(results.filter(Boolean)).toHaveLength(1);
          const bound = await store.getMember('cm-invite');
          expect(bound?.inviteCode).toBeNull();
          expect(await store.findMemberByOpenid(bound!.openid!)).toMatchObject({ id: 'cm-invite' });
          expect(await store.findMemberByInviteCode('ABC123')).toBeNull();
        },
        timeout,
      );

      test(
        '一个微信只能绑一位委员：同时拿两张邀请码绑定，只有一张成功',
        async () => {
          await store.putMember(member('cm-x', { inviteCode: 'XXX111' }));
          await store.putMember(member('cm-y', { inviteCode: 'YYY222' }));
          const [x, y] = await Promise.all([store.bindMember('cm-x', 'wx-same', 'XXX111'), store.bindMember('cm-y', 'wx-same', 'YYY222')]);
          expect([x, y].filter(Boolean)).toHaveLength(1);
          expect(await store.bindMember('cm-x', 'wx-other', 'WRONG')).toBe(false);
        },
        timeout,
      );
    });

    describe('提交：工单 + 历史 + 发件箱同一事务，按 (openid, clientRequestId) 幂等', () => {
      test(
        '新工单连同历史和发件箱一起可见',
        async () => {
          const t = ticket(1);
          const r = await store.createTicket(t, [historyFor(t, 'h-create-1')], [outboxFor(t, 'o-create-1'), outboxFor(t, 'o-create-2', { channel: 'wecom', recipient: 'group:cg-1' })]);
          expect(r).toEqual({ created: true });
          expect(await store.getTicket(t.id)).toEqual(t);
          expect((await store.listHistory(t.id)).map((h) => h.id)).toEqual(['h-create-1']);
          const due = await store.listDueOutbox(t.createdAt, 10);
          expect(due.map((e) => e.id).sort()).toEqual(['o-create-1', 'o-create-2']);
          expect(await store.findByClientRequest(t.residentOpenid, t.clientRequestId)).toEqual(t);
        },
        timeout,
      );

      test(
        '同一次提交重试：不写第二张，返回第一张；十个并发重试也只写一张、一条历史、一组通知',
        async () => {
          const first = ticket(2, { id: 't-idem-0', clientRequestId: 'same-request', residentOpenid: 'wx-idem' });
          const attempts = Array.from({ length: 10 }, (_, i) => ticket(2, { id: `t-idem-${i}`, clientRequestId: 'same-request', residentOpenid: 'wx-idem' }));
          const results = await Promise.all(attempts.map((t, i) => store.createTicket(t, [historyFor(t, `h-idem-${i}`)], [outboxFor(t, `o-idem-${i}`)])));
          const created = results.filter((r) => r.created);
          expect(created).toHaveLength(1);
          const winner = attempts[results.findIndex((r) => r.created)]!;
          for (const r of results) if (!r.created) expect(r).toEqual({ created: false, existing: winner });
          const again = await store.createTicket(first, [historyFor(first, 'h-idem-again')], [outboxFor(first, 'o-idem-again')]);
          expect(again).toEqual({ created: false, existing: winner });
          const mine = await store.listTickets({ involvingResident: 'wx-idem' });
          expect(mine.items.map((t) => t.id)).toEqual([winner.id]);
          expect(await store.listHistory(winner.id)).toHaveLength(1);
          const due = await store.listDueOutbox(iso(10_000), 100);
          expect(due.filter((e) => e.id.startsWith('o-idem'))).toHaveLength(1);
        },
        timeout,
      );

      test(
        '限流：这位居民 sinceIso 之后（不含）已提交 max 条时第 max+1 条不写入，工单、历史、通知都没有；别人、更早的不算',
        async () => {
          const who = 'wx-rate';
          const limit = { sinceIso: iso(9), max: 3 };
          // 窗口之前的一条（不带限流写入的也是这位居民的提交）与别人的提交都不占名额
          await store.createTicket(ticket(5, { residentOpenid: who }), [], []);
          for (let n = 11; n <= 12; n++) await store.createTicket(ticket(n, { residentOpenid: 'wx-rate-else' }), [], [], limit);
          for (let n = 10; n <= 12; n++) expect(await store.createTicket(ticket(n, { residentOpenid: who }), [], [], limit)).toEqual({ created: true });

          const refused = ticket(13, { residentOpenid: who });
          expect(await store.createTicket(refused, [historyFor(refused, 'h-rate-refused')], [outboxFor(refused, 'o-rate-refused')], limit)).toEqual({ created: false, rateLimited: true });
          expect(await store.getTicket(refused.id)).toBeNull();
          expect(await store.findByClientRequest(who, refused.clientRequestId)).toBeNull();
          expect(await store.listHistory(refused.id)).toEqual([]);
          expect((await store.listDueOutbox(iso(10_000), 100)).map((e) => e.id)).not.toContain('o-rate-refused');
          expect(await store.countTickets({ involvingResident: who })).toBe(4);

          // "之后"不含 sinceIso 这一刻：窗口从 iso(10) 起，只有 iso(11)、iso(12) 两条算数
          const later = { sinceIso: iso(10), max: 3 };
          expect(await store.createTicket(ticket(14, { residentOpenid: who }), [], [], later)).toEqual({ created: true });
          expect(await store.createTicket(ticket(15, { residentOpenid: who }), [], [], later)).toEqual({ created: false, rateLimited: true });
          expect(await store.createTicket(ticket(16, { residentOpenid: 'wx-rate-else' }), [], [], later)).toEqual({ created: true });
        },
        timeout,
      );

      test(
        '重试先于限流：名额用完后，同一次提交的重试仍拿回第一次那张',
        async () => {
          const who = 'wx-rate-retry';
          const limit = { sinceIso: iso(0), max: 2 };
          const first = ticket(20, { residentOpenid: who, clientRequestId: 'retry-me' });
          expect(await store.createTicket(first, [], [], limit)).toEqual({ created: true });
          expect(await store.createTicket(ticket(21, { residentOpenid: who }), [], [], limit)).toEqual({ created: true });
          expect(await store.createTicket(ticket(22, { residentOpenid: who }), [], [], limit)).toEqual({ created: false, rateLimited: true });
          const retry = ticket(23, { residentOpenid: who, clientRequestId: 'retry-me' });
          expect(await store.createTicket(retry, [], [], limit)).toEqual({ created: false, existing: first });
          expect(await store.createTicket(retry, [], [], { ...limit, max: 100 })).toEqual({ created: false, existing: first });
        },
        timeout,
      );

      test(
        '同一居民 30 个并发提交、每小时最多 10 条：正好写进 10 张，其余 20 个都是被限流（不是报错）',
        async () => {
          const who = 'wx-flood';
          const limit = { sinceIso: iso(0), max: 10 };
          const attempts = Array.from({ length: 30 }, (_, i) => ticket(100 + i, { residentOpenid: who }));
          const results = await Promise.all(attempts.map((t, i) => store.createTicket(t, [historyFor(t, `h-flood-${i}`)], [outboxFor(t, `o-flood-${i}`)], limit)));
          expect(results.filter((r) => r.created)).toHaveLength(10);
          expect(results.filter((r) => !r.created && 'rateLimited' in r)).toHaveLength(20);
          const stored = await store.listTickets({ involvingResident: who });
          expect(stored.items).toHaveLength(10);
          expect(new Set(stored.items.map((t) => t.id))).toEqual(new Set(attempts.filter((_, i) => results[i]!.created).map((t) => t.id)));
          const due = await store.listDueOutbox(iso(10_000), 1000);
          expect(due.filter((e) => e.id.startsWith('o-flood-'))).toHaveLength(10);
        },
        timeout,
      );

      test(
        '站的上限：一个站 sinceIso 之后已收 stationMax 条时，换了新微信号也不写入，返回 stationBusy；别的站、窗口之前的不算',
        async () => {
          const station = 'cs-ceiling';
          const limit = { sinceIso: iso(600), max: 10, stationMax: 3 };
          // 窗口之前两分钟的一条不占名额；每条在不同的一分钟，两种实现（逐条数 / 按分钟数）结果相同
          await store.createTicket(ticket(480, { stationId: station, residentOpenid: 'wx-ceil-early' }), [], [], { sinceIso: iso(0), max: 10, stationMax: 3 });
          for (let i = 1; i <= 3; i++) {
            expect(await store.createTicket(ticket(600 + 60 * i, { stationId: station, residentOpenid: `wx-ceil-${i}` }), [], [], limit)).toEqual({ created: true });
          }
          const refused = ticket(840, { stationId: station, residentOpenid: 'wx-ceil-new' });
          expect(await store.createTicket(refused, [historyFor(refused, 'h-ceil-refused')], [outboxFor(refused, 'o-ceil-refused')], limit)).toEqual({
            created: false,
            rateLimited: true,
            stationBusy: true,
          });
          expect(await store.getTicket(refused.id)).toBeNull();
          expect(await store.listHistory(refused.id)).toEqual([]);
          expect((await store.listDueOutbox(iso(10_000), 1000)).map((e) => e.id)).not.toContain('o-ceil-refused');
          expect(await store.countTickets({ stationIds: [station] })).toBe(4);
          // 别的站照常；窗口往后挪过前两条，又有名额
          expect(await store.createTicket(ticket(841, { stationId: 'cs-ceiling-other', residentOpenid: 'wx-ceil-new' }), [], [], limit)).toEqual({ created: true });
          expect(await store.createTicket(ticket(900, { stationId: station, residentOpenid: 'wx-ceil-later' }), [], [], { ...limit, sinceIso: iso(780) })).toEqual({ created: true });
        },
        timeout,
      );

      test(
        '站的上限在写入事务里：20 个不同微信号同时向一个站提交、站上限 5，正好写进 5 张，其余都是 stationBusy（不是报错）',
        async () => {
          const station = 'cs-ceiling-flood';
          const limit = { sinceIso: iso(0), max: 10, stationMax: 5 };
          const attempts = Array.from({ length: 20 }, (_, i) => ticket(2000, { stationId: station, residentOpenid: `wx-newid-${i}` }));
          const results = await Promise.all(attempts.map((t, i) => store.createTicket(t, [historyFor(t, `h-stflood-${i}`)], [outboxFor(t, `o-stflood-${i}`)], limit)));
          expect(results.filter((r) => r.created)).toHaveLength(5);
          expect(results.filter((r) => !r.created && 'stationBusy' in r && r.stationBusy)).toHaveLength(15);
          expect(await store.countTickets({ stationIds: [station] })).toBe(5);
          const due = await store.listDueOutbox(iso(10_000), 1000);
          expect(due.filter((e) => e.id.startsWith('o-stflood-'))).toHaveLength(5);
        },
        timeout,
      );
    });

    describe('修改：按版本号的条件更新，多张工单全有或全无', () => {
      test(
        '版本不符不写：工单、历史、发件箱都不变',
        async () => {
          const t = ticket(3);
          await store.createTicket(t, [historyFor(t, 'h-v-1')], []);
          const next = { ...t, status: 'claimed' as const, version: 2 };
          expect(await store.updateTickets([{ next, expectedVersion: 7 }], [historyFor(next, 'h-v-2')], [outboxFor(next, 'o-v-2')])).toBe(false);
          expect(await store.getTicket(t.id)).toEqual(t);
          expect((await store.listHistory(t.id)).map((h) => h.id)).toEqual(['h-v-1']);
          expect((await store.listDueOutbox(iso(10_000), 100)).map((e) => e.id)).not.toContain('o-v-2');
          expect(await store.updateTickets([{ next, expectedVersion: 1 }], [historyFor(next, 'h-v-2')], [outboxFor(next, 'o-v-2')])).toBe(true);
          expect(await store.getTicket(t.id)).toEqual(next);
          expect((await store.listDueOutbox(iso(10_000), 100)).map((e) => e.id)).toContain('o-v-2');
        },
        timeout,
      );

      test(
        '合并两张工单：其中一张版本过期，两张都不改，也不留历史',
        async () => {
          const a = ticket(4);
          const b = ticket(5);
          await store.createTicket(a, [], []);
          await store.createTicket(b, [], []);
          const bumped = { ...b, text: '别人先改了', version: 2 };
          expect(await store.updateTickets([{ next: bumped, expectedVersion: 1 }], [], [])).toBe(true);
          const mergedA = { ...a, status: 'merged' as const, version: 2 };
          const intoB = { ...b, mergedFrom: [a.id], version: 2 };
          const ok = await store.updateTickets([{ next: mergedA, expectedVersion: 1 }, { next: intoB, expectedVersion: 1 }], [historyFor(mergedA, 'h-m-a'), historyFor(intoB, 'h-m-b')], [outboxFor(mergedA, 'o-m-a')]);
          expect(ok).toBe(false);
          expect(await store.getTicket(a.id)).toEqual(a);
          expect(await store.getTicket(b.id)).toEqual(bumped);
          expect(await store.listHistory(a.id)).toEqual([]);
          expect(await store.listHistory(b.id)).toEqual([]);
        },
        timeout,
      );

      test(
        '20 位委员同时接单（真实用例）：正好名额数的人接到，历史里正好这么多条接单',
        async () => {
          const deps = depsFor(store);
          const ids = Array.from({ length: 20 }, (_, i) => `cm-claim-${i}`);
          for (const id of ids) await store.putMember(member(id, { openid: `wx-${id}` }));
          const t = ticket(6);
          await store.createTicket(t, [historyFor(t, 'h-claim-0')], []);
          const results = await Promise.all(ids.map((id) => claimTicket(deps, `wx-${id}`, t.id)));
          expect(results.filter((r) => r.ok)).toHaveLength(3);
          expect(new Set(results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error.code : '')))).toEqual(new Set(['TICKET.CLAIM_FULL']));
          const after = await store.getTicket(t.id);
          expect(after?.claimants).toHaveLength(3);
          expect(after?.version).toBe(4);
          expect(after?.status).toBe('claimed');
          const claims = (await store.listHistory(t.id)).filter((h) => h.action === 'claim');
          expect(claims).toHaveLength(3);
          expect(new Set(claims.map((h) => h.actorMemberId))).toEqual(new Set(after!.claimants.map((c) => c.memberId)));
        },
        timeout,
      );

      test(
        '12 位居民同时点"我也遇到了"：一个都不丢（冲突的重读重试）',
        async () => {
          const deps = depsFor(store);
          const t = ticket(7);
          await store.createTicket(t, [], []);
          const residents = Array.from({ length: 12 }, (_, i) => `wx-metoo-${i}`);
          const results = await Promise.all(residents.map((r) => meToo(deps, r, t.id)));
          expect(results.every((r) => r.ok)).toBe(true);
          const after = await store.getTicket(t.id);
          expect(new Set(after?.meToo)).toEqual(new Set(residents));
          expect(after?.version).toBe(1 + residents.length);
          const mine = await store.listTickets({ involvingResident: 'wx-metoo-5' });
          expect(mine.items.map((x) => x.id)).toEqual([t.id]);
        },
        timeout,
      );

      test(
        '"我也遇到了"每人每小时有上限：第 3 次得到 TICKET.ME_TOO_RATE_LIMITED、工单不变；别人不受影响；一小时后又可以',
        async () => {
          let now = BASE + 3_600_000;
          const deps: Deps = { ...depsFor(store), clock: { now: () => new Date(now) }, loadSettings: async () => ({ ...DEFAULT_SETTINGS, meTooPerHourPerResident: 2 }) };
          const ts = [8, 9, 10, 11].map((n) => ticket(n, { id: `t-metoo-cap-${n}` }));
          for (const t of ts) await store.createTicket(t, [], []);
          const who = 'wx-metoo-capped';
          for (const t of ts.slice(0, 2)) expect((await meToo(deps, who, t.id)).ok).toBe(true);
          now += 60_000;
          const refused = await meToo(deps, who, ts[2]!.id);
          expect(refused.ok ? 'ok' : refused.error.code).toBe('TICKET.ME_TOO_RATE_LIMITED');
          expect(refused.ok ? '' : refused.error.message).toMatch(/稍后再试/);
          expect((await store.getTicket(ts[2]!.id))?.meToo).toEqual([]);
          expect((await meToo(deps, 'wx-metoo-other', ts[2]!.id)).ok).toBe(true);
          now += 3_600_000;
          expect((await meToo(deps, who, ts[3]!.id)).ok).toBe(true);
        },
        timeout,
      );
    });

    describe('历史', () => {
      test(
        '超过 100 条历史按写入顺序全部读回（同一毫秒、同一事务里的也不乱）',
        async () => {
          let t = ticket(8);
          await store.createTicket(t, [historyFor(t, 'h-order-000', 'n0')], []);
          const expected = ['n0'];
          for (let i = 1; i <= 110; i++) {
            const next = { ...t, version: t.version + 1 };
            // id 故意倒序、时间相同：顺序只能来自写入次序
            const hs = [historyFor(next, `h-order-${String(999 - i)}-b`, `n${i}b`, t.createdAt), historyFor(next, `h-order-${String(999 - i)}-a`, `n${i}a`, t.createdAt)];
            hs.reverse();
            expect(await store.updateTickets([{ next, expectedVersion: t.version }], hs, [])).toBe(true);
            expected.push(...hs.map((h) => h.note));
            t = next;
          }
          expect((await store.listHistory(t.id)).map((h) => h.note)).toEqual(expected);
        },
        timeout,
      );
    });

    describe('列表分页：默认 100，最多 1000，游标翻页', () => {
      test(
        '1050 张工单：默认每页 100 共 11 页、不重不漏、按提交时间新的在前；要 5000 条也只给 1000 条',
        async () => {
          const all = Array.from({ length: 1050 }, (_, i) => ticket(1000 + i));
          await inBatches(all, 50, (t) => store.createTicket(t, [], []));
          const byDefault = await collectAll((cursor) => store.listTickets({ stationIds: [STATION.id] }, { cursor }));
          expect(byDefault.pages).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 50]);
          const ids = byDefault.items.map((t) => t.id);
          expect(new Set(ids).size).toBe(1050);
          expect(ids).toEqual([...all].sort((x, y) => y.createdAt.localeCompare(x.createdAt) || y.id.localeCompare(x.id)).map((t) => t.id));

          const big = await store.listTickets({}, { limit: 5000 });
          expect(big.items).toHaveLength(1000);
          expect(big.nextCursor).not.toBeNull();
          const rest = await store.listTickets({}, { limit: 5000, cursor: big.nextCursor });
          expect(rest.items).toHaveLength(50);
          expect(rest.nextCursor).toBeNull();

          // 正好剩 1000 条时，最后一页后面不再给游标
          const exact = await store.listTickets({ createdAfter: all[50]!.createdAt }, { limit: 1000 });
          expect(exact.items).toHaveLength(1000);
          expect(exact.nextCursor).toBeNull();

          // 计数不受分页上限影响
          expect(await store.countTickets({ stationIds: [STATION.id] })).toBe(1050);
          expect(await store.countTickets({ stationIds: [STATION.id], createdAfter: all[50]!.createdAt })).toBe(1000);
          expect(await store.countTickets({ stationIds: [] })).toBe(0);
        },
        timeout * 3,
      );

      test(
        '筛选：站点、小组、状态、库、接单人、时间；空列表什么都不返回',
        async () => {
          const open = ticket(20);
          const claimed = ticket(21, { status: 'claimed', claimants: [{ memberId: 'cm-f', name: '委员F', at: iso(21), assigned: false }] });
          const other = ticket(22, { stationId: 'cs-2', groupId: 'cg-2', library: 'suggestion', kind: 'suggestion' });
          for (const t of [open, claimed, other]) await store.createTicket(t, [], []);
          const ids = async (q: Parameters<Store['listTickets']>[0]) => (await store.listTickets(q)).items.map((t) => t.id).sort();
          expect(await ids({ stationIds: [STATION.id] })).toEqual([open.id, claimed.id].sort());
          expect(await ids({ groupIds: ['cg-2'] })).toEqual([other.id]);
          expect(await ids({ statuses: ['claimed'] })).toEqual([claimed.id]);
          expect(await ids({ statuses: ['pending', 'claimed'], stationIds: [STATION.id, 'cs-2'] })).toEqual([open.id, claimed.id, other.id].sort());
          expect(await ids({ library: 'suggestion' })).toEqual([other.id]);
          expect(await ids({ claimedBy: 'cm-f' })).toEqual([claimed.id]);
          expect(await ids({ createdAfter: iso(22) })).toEqual([other.id]);
          expect(await ids({ involvingResident: open.residentOpenid })).toEqual([open.id]);
          expect(await ids({ stationIds: [] })).toEqual([]);
        },
        timeout,
      );

      test(
        '按 id 一次读一批：只给这些 id 的，不存在的 id 不算，可与其他条件一起筛；空列表什么都不返回；计数同样',
        async () => {
          const a = ticket(60);
          const b = ticket(61, { status: 'closed' });
          const c = ticket(62);
          for (const t of [a, b, c]) await store.createTicket(t, [], []);
          const ids = async (q: Parameters<Store['listTickets']>[0]) => (await store.listTickets(q)).items.map((t) => t.id).sort();
          expect(await ids({ ids: [a.id, b.id, 'no-such-ticket'] })).toEqual([a.id, b.id].sort());
          expect(await ids({ ids: [b.id] })).toEqual([b.id]);
          expect((await store.listTickets({ ids: [b.id] })).items[0]!.status).toBe('closed');
          expect(await ids({ ids: [a.id, b.id], statuses: ['closed'] })).toEqual([b.id]);
          expect(await ids({ ids: [] })).toEqual([]);
          expect(await store.countTickets({ ids: [a.id, c.id, 'no-such-ticket'] })).toBe(2);
        },
        timeout,
      );

      test(
        '过期筛选与定时任务的到点查询：按领域算出的时刻查，接了单的不再按接单期限算过期，结束的工单不再过期',
        async () => {
          const due = { claim: iso(30), feedback: iso(40), resolve: iso(50) };
          const late = ticket(23, { due, dispatchedAt: iso(23) });
          const claimedLate = ticket(24, { due, dispatchedAt: iso(24), status: 'claimed', claimants: [{ memberId: 'cm-g', name: '委员G', at: iso(25), assigned: false }] });
          const closed = ticket(25, { due, dispatchedAt: iso(25), status: 'closed' });
          const noDue = ticket(26);
          for (const t of [late, claimedLate, closed, noDue]) await store.createTicket(t, [], []);
          const ids = async (q: Parameters<Store['listTickets']>[0]) => (await store.listTickets(q)).items.map((t) => t.id).sort();
          expect(await ids({ overdueAt: iso(35) })).toEqual([late.id]);
          expect(await ids({ overdueAt: iso(45) })).toEqual([late.id, claimedLate.id].sort());
          expect(await ids({ overdueAt: iso(45), groupIds: [GROUP.id] })).toEqual([late.id, claimedLate.id].sort());
          expect(await countOf({ overdueAt: iso(45) })).toBe(2);
          // 到点要看的：到期那天早上的提醒最早
          expect(await ids({ watchBefore: iso(-2 * 86_400) })).toEqual([]);
          expect(await ids({ watchBefore: iso(60) })).toEqual([late.id, claimedLate.id].sort());
          // 改成已办结：不再过期、不再到点（没有回头看时刻）
          expect(await store.updateTickets([{ next: { ...late, status: 'closed', version: 2 }, expectedVersion: 1 }], [], [])).toBe(true);
          expect(await ids({ overdueAt: iso(45) })).toEqual([claimedLate.id]);
          async function countOf(q: Parameters<Store['countTickets']>[0]) {
            return store.countTickets(q);
          }
        },
        timeout,
      );

      test(
        '按给人看的编号查：完全相同才算，可与小组一起筛；计数同样',
        async () => {
          const a = ticket(50);
          const sameNoOtherGroup = ticket(51, { no: a.no, stationId: 'cs-2', groupId: 'cg-2' });
          const b = ticket(52);
          for (const t of [a, sameNoOtherGroup, b]) await store.createTicket(t, [], []);
          const ids = async (q: Parameters<Store['listTickets']>[0]) => (await store.listTickets(q)).items.map((t) => t.id).sort();
          expect(await ids({ ticketNo: a.no })).toEqual([a.id, sameNoOtherGroup.id].sort());
          expect(await ids({ ticketNo: a.no, groupIds: [GROUP.id] })).toEqual([a.id]);
          expect(await ids({ ticketNo: b.no, groupIds: ['cg-2'] })).toEqual([]);
          expect(await ids({ ticketNo: `${b.no}0` })).toEqual([]);
          expect(await ids({ ticketNo: b.no.toLowerCase() })).toEqual([]);
          expect(await store.countTickets({ ticketNo: a.no })).toBe(2);
          expect(await store.countTickets({ ticketNo: a.no, groupIds: ['cg-2'] })).toBe(1);
          expect(await store.countTickets({ ticketNo: 'NO-NONE' })).toBe(0);
        },
        timeout,
      );
    });

    describe('管理后台：目录修改与操作记录同一事务', () => {
      const GROUP_2 = { ...GROUP, id: 'cg-2', name: '第二小组' };
      const STATION_2: Station = { ...STATION, id: 'cs-2', name: '第二联络站', groupId: GROUP_2.id, receptionHours: '每周二下午' };

      test(
        '站点、小组、委员、县级设置与操作记录一起写入；委员按邀请码、小组、提交上下文、openid 都找得到',
        async () => {
          await store.putCountySettings({ maxPhotos: 4, maxTextLength: 500 });
          const invited = member('cm-adm-inv', { groups: [{ groupId: GROUP_2.id, role: 'convener' }], inviteCode: 'ADM111', inviteExpiresAt: iso(86_400) });
          const both = member('cm-adm-both', { groups: [{ groupId: GROUP.id, role: 'member' }, { groupId: GROUP_2.id, role: 'member' }], openid: 'wx-adm-both' });
          const renamed = { ...STATION, name: '改了名的联络站' };
          // 微信绑定只由委员本人完成（这里用导入的 putMember 代替）；后台的修改不动它
          await store.putMember({ ...both, groups: [] });
          const audit = [auditFor('au-1', iso(100), [GROUP_2.id]), auditFor('au-2', iso(100), [GROUP.id, GROUP_2.id], { action: 'saveMember', target: { kind: 'member', id: both.id, label: both.name } })];
          await store.applyDirectoryChange({ stations: [STATION_2, renamed], groups: [GROUP_2], members: [invited, both], settings: { maxTextLength: 600 } }, audit);

          expect(await store.getStation(STATION_2.id)).toEqual(STATION_2);
          expect(await store.getStation(STATION.id)).toEqual(renamed);
          expect(await store.getGroup(GROUP_2.id)).toEqual(GROUP_2);
          // 给的设置是整份：原来的 maxPhotos 不再有
          expect(await store.getCountySettings()).toEqual({ maxTextLength: 600 });
          expect(await store.findMemberByInviteCode('ADM111')).toEqual(invited);
          expect(await store.findMemberByOpenid('wx-adm-both')).toEqual(both);
          expect((await store.listMembersOfGroup(GROUP_2.id)).map((m) => m.id)).toEqual(['cm-adm-both', 'cm-adm-inv']);
          expect((await store.listMembersOfGroup(GROUP.id)).map((m) => m.id)).toEqual(['cm-adm-both']);
          expect(await store.getSubmitContext(STATION_2.id)).toEqual({ station: STATION_2, group: GROUP_2, members: [both, invited] });
          expect((await store.listMembers()).map((m) => m.id)).toEqual(['cm-adm-both', 'cm-adm-inv']);
          expect((await store.listAudit({})).items).toEqual([audit[1], audit[0]]);

          // 不带设置的修改不动设置；邀请码绑定照常
          await store.applyDirectoryChange({ groups: [{ ...GROUP_2, claimLimit: 5 }] }, [auditFor('au-3', iso(101), [GROUP_2.id])]);
          expect(await store.getCountySettings()).toEqual({ maxTextLength: 600 });
          expect(await store.bindMember(invited.id, 'wx-adm-inv', 'ADM111')).toBe(true);
          expect(await store.findMemberByOpenid('wx-adm-inv')).toMatchObject({ id: invited.id, inviteCode: null });
        },
        timeout,
      );

      test(
        '改委员的小组、邀请码：按小组、按邀请码的查找跟着变，旧的不再找得到',
        async () => {
          const m = member('cm-adm-move', { inviteCode: 'OLD111' });
          await store.applyDirectoryChange({ members: [m] }, [auditFor('au-m1', iso(1), [GROUP.id])]);
          const moved = { ...m, groups: [{ groupId: 'cg-2', role: 'convener' as const }], inviteCode: 'NEW222' };
          await store.applyDirectoryChange({ members: [moved] }, [auditFor('au-m2', iso(2), [GROUP.id, 'cg-2'])]);
          expect((await store.listMembersOfGroup(GROUP.id)).map((x) => x.id)).toEqual([]);
          expect((await store.getSubmitContext(STATION.id))?.members).toEqual([]);
          expect(await store.listMembersOfGroup('cg-2')).toEqual([moved]);
          expect(await store.findMemberByInviteCode('OLD111')).toBeNull();
          expect(await store.findMemberByInviteCode('NEW222')).toEqual(moved);
        },
        timeout,
      );

      test(
        '后台修改不动微信绑定：读到委员之后他刚用邀请码绑定，后台再写回旧记录，绑定仍在、邀请码作废；后台也不能替人绑定',
        async () => {
          const m = member('cm-adm-race', { inviteCode: 'RACE11' });
          await store.putMember(m);
          const staleRead = await store.getMember(m.id);
          expect(await store.bindMember(m.id, 'wx-adm-race', 'RACE11')).toBe(true);
          await store.applyDirectoryChange({ members: [{ ...staleRead!, name: '改了名的委员' }] }, [auditFor('au-r1', iso(1), [GROUP.id])]);
          expect(await store.findMemberByOpenid('wx-adm-race')).toMatchObject({ id: m.id, name: '改了名的委员', inviteCode: null });
          expect(await store.findMemberByInviteCode('RACE11')).toBeNull();

          await store.applyDirectoryChange({ members: [member('cm-adm-forged', { openid: 'wx-adm-forged' })] }, [auditFor('au-r2', iso(2), [GROUP.id])]);
          expect(await store.findMemberByOpenid('wx-adm-forged')).toBeNull();
          expect(await store.getMember('cm-adm-forged')).toMatchObject({ openid: null });
        },
        timeout,
      );

      test(
        '全有或全无：操作记录或设置不合规，站点、小组、设置、委员、记录一样都不写（写到最后一步才出错的情形见各存储自己的测试）',
        async () => {
          await store.putCountySettings({ maxPhotos: 4 });
          await store.putMember(member('cm-adm-owner', { openid: 'wx-adm-taken' }));
          await store.applyDirectoryChange({}, [auditFor('au-before', iso(1), [GROUP.id])]);
          const before = { members: await store.listMembers(), audit: await store.listAudit({}) };
          const change = {
            stations: [STATION_2, { ...STATION, name: '不该改成的名字' }],
            groups: [GROUP_2, { ...GROUP, claimLimit: 9 }],
            settings: { maxTextLength: 700 },
            members: [member('cm-adm-fresh', { inviteCode: 'FRS111' })],
          };
          const good = [auditFor('au-x1', iso(5), [GROUP.id]), auditFor('au-x2', iso(5), [GROUP_2.id])];

          const expectNothingWritten = async () => {
            expect(await store.getStation(STATION_2.id)).toBeNull();
            expect(await store.getStation(STATION.id)).toEqual(STATION);
            expect(await store.getGroup(GROUP_2.id)).toBeNull();
            expect(await store.getGroup(GROUP.id)).toEqual(GROUP);
            expect(await store.getCountySettings()).toEqual({ maxPhotos: 4 });
            expect(await store.getMember('cm-adm-fresh')).toBeNull();
            expect(await store.findMemberByInviteCode('FRS111')).toBeNull();
            expect(await store.findMemberByOpenid('wx-adm-taken')).toMatchObject({ id: 'cm-adm-owner' });
            expect(await store.listMembers()).toEqual(before.members);
            expect(await store.listAudit({})).toEqual(before.audit);
          };

          // 一条操作记录不合规
          const badAudit = { ...good[1]!, target: { kind: 'ticket', id: 't-1', label: '工单' } } as unknown as AuditEntry;
          await expect(store.applyDirectoryChange({ ...change, members: change.members.slice(0, 1) }, [good[0]!, badAudit])).rejects.toThrow();
          await expectNothingWritten();
          // 设置超出范围
          await expect(store.applyDirectoryChange({ ...change, members: change.members.slice(0, 1), settings: { maxTextLength: 10 } }, good)).rejects.toThrow();
          await expectNothingWritten();

          // 去掉出错的那一项，同一次修改整个写进去
          await store.applyDirectoryChange({ ...change, members: change.members.slice(0, 1) }, good);
          expect(await store.getStation(STATION_2.id)).toEqual(STATION_2);
          expect(await store.getCountySettings()).toEqual({ maxTextLength: 700 });
          expect(await store.findMemberByInviteCode('FRS111')).toMatchObject({ id: 'cm-adm-fresh' });
          expect((await store.listAudit({})).items.map((a) => a.id)).toEqual(['au-x2', 'au-x1', 'au-before']);
        },
        timeout,
      );

      test(
        'listMembers：超过 1000 名委员全部列出（含不在任何小组的管理员），按 id 排序',
        async () => {
          const ids = Array.from({ length: 1010 }, (_, i) => `cm-all-${String(i).padStart(4, '0')}`);
          const people = ids.map((id, i) => member(id, i % 3 === 0 ? { groups: [{ groupId: GROUP_2.id, role: 'member' }] } : i % 101 === 0 ? { groups: [], isAdmin: true } : {}));
          for (let i = 0; i < people.length; i += 250) await store.applyDirectoryChange({ members: people.slice(i, i + 250) }, []);
          const listed = await store.listMembers();
          expect(listed.map((m) => m.id)).toEqual(ids);
          expect(listed[3]).toEqual(people[3]);
        },
        timeout * 3,
      );
    });

    describe('管理后台：操作记录', () => {
      test(
        '最新的在前（同一时刻按 id 倒序）；默认每页 100、游标翻页不重不漏；limit 照用',
        async () => {
          const entries = Array.from({ length: 130 }, (_, i) => auditFor(`au-${String(i).padStart(3, '0')}`, iso(Math.floor(i / 5)), [GROUP.id]));
          // 打乱写入顺序，分几次写
          const shuffled = [...entries].sort((a, b) => (a.id.slice(-1) + a.id).localeCompare(b.id.slice(-1) + b.id));
          for (let i = 0; i < shuffled.length; i += 40) await store.applyDirectoryChange({}, shuffled.slice(i, i + 40));
          const expected = [...entries].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));

          const all = await collectAll((cursor) => store.listAudit({}, { cursor }));
          expect(all.pages).toEqual([100, 30]);
          expect(all.items).toEqual(expected);
          const small = await collectAll((cursor) => store.listAudit({ groupIds: [GROUP.id] }, { cursor, limit: 7 }));
          expect(small.pages).toEqual([...Array(18).fill(7), 4]);
          expect(small.items).toEqual(expected);
          const exact = await store.listAudit({}, { limit: 130 });
          expect(exact.items).toHaveLength(130);
          expect(exact.nextCursor).toBeNull();
        },
        timeout,
      );

      test(
        '按小组筛：涉及任一给定小组的才列出；全县的修改（不涉及小组）只在不筛时出现；空列表什么都不列',
        async () => {
          const a = auditFor('au-g-a', iso(1), ['cg-a']);
          const ab = auditFor('au-g-ab', iso(2), ['cg-a', 'cg-b']);
          const b = auditFor('au-g-b', iso(3), ['cg-b']);
          const county = auditFor('au-g-county', iso(4), [], { action: 'saveSettings', target: { kind: 'settings', id: 'county', label: '县级设置' } });
          const c = auditFor('au-g-c', iso(5), ['cg-c']);
          await store.applyDirectoryChange({ settings: { maxPhotos: 3 } }, [a, ab, b, county, c]);
          const ids = async (groupIds?: string[]) => (await store.listAudit(groupIds ? { groupIds } : {})).items.map((x) => x.id);
          expect(await ids()).toEqual(['au-g-c', 'au-g-county', 'au-g-b', 'au-g-ab', 'au-g-a']);
          expect(await ids(['cg-a'])).toEqual(['au-g-ab', 'au-g-a']);
          expect(await ids(['cg-b'])).toEqual(['au-g-b', 'au-g-ab']);
          expect(await ids(['cg-a', 'cg-c'])).toEqual(['au-g-c', 'au-g-ab', 'au-g-a']);
          expect(await ids(['cg-none'])).toEqual([]);
          expect(await ids([])).toEqual([]);
          expect((await store.listAudit({ groupIds: ['cg-a'] })).items[0]).toEqual(ab);

          // 筛选与翻页一起：一个小组的 60 条夹在别组的 60 条之间
          const mixed = Array.from({ length: 120 }, (_, i) => auditFor(`au-mix-${String(i).padStart(3, '0')}`, iso(100 + i), [i % 2 ? 'cg-odd' : 'cg-even']));
          await store.applyDirectoryChange({}, mixed);
          const odd = await collectAll((cursor) => store.listAudit({ groupIds: ['cg-odd'] }, { cursor, limit: 25 }));
          expect(odd.pages).toEqual([25, 25, 10]);
          expect(odd.items.map((x) => x.id)).toEqual(mixed.filter((_, i) => i % 2).map((x) => x.id).reverse());
        },
        timeout,
      );
    });

    describe('管理后台：按站点或小组、按状态数工单', () => {
      /** 手数：把符合条件的工单全部列出来（listTickets 翻页），按 (key, status) 计数 */
      async function countByHand(query: TicketQuery, by: 'stationId' | 'groupId'): Promise<TicketTally[]> {
        const { items } = await collectAll((cursor) => store.listTickets(query, { cursor, limit: 1000 }));
        const counts = new Map<string, TicketTally>();
        for (const t of items) {
          const k = `${t[by]}|${t.status}`;
          counts.set(k, { key: t[by], status: t.status, count: (counts.get(k)?.count ?? 0) + 1 });
        }
        return sorted([...counts.values()]);
      }
      const sorted = (xs: TicketTally[]) => [...xs].sort((a, b) => a.key.localeCompare(b.key) || a.status.localeCompare(b.status));

      test(
        '与数 listTickets 的结果相同：全部、按站点、按小组、按状态、按时间；组合超过 20 个也一个不少；空列表为空',
        async () => {
          const statuses = ['pending', 'claimed', 'closed', 'merged'] as const;
          const all: Ticket[] = [];
          for (let i = 0; i < 90; i++) {
            const s = i % 12;
            all.push(ticket(200 + i, { stationId: `cs-t-${String(s).padStart(2, '0')}`, groupId: `cg-t-${s % 3}`, status: statuses[Math.floor(i / 12) % (s < 6 ? 4 : 2)]! }));
          }
          await inBatches(all, 30, (t) => store.createTicket(t, [], []));

          const queries: TicketQuery[] = [
            {},
            { stationIds: ['cs-t-00', 'cs-t-01', 'cs-t-07'] },
            { stationIds: ['cs-t-03'] },
            { groupIds: ['cg-t-1'] },
            { groupIds: ['cg-t-0', 'cg-t-2'], statuses: ['pending', 'closed'] },
            { statuses: ['claimed'] },
            { stationIds: ['cs-t-00', 'cs-t-05', 'cs-t-06'], createdAfter: iso(240) },
            { stationIds: ['cs-none'] },
          ];
          for (const q of queries) {
            for (const by of ['stationId', 'groupId'] as const) {
              const tally = await store.tallyTickets(q, by);
              expect(sorted(tally)).toEqual(await countByHand(q, by));
              expect(tally.reduce((n, t) => n + t.count, 0)).toBe(await store.countTickets(q));
            }
          }
          // 12 个站点 × 最多 4 种状态：超过聚合默认的 20 条
          expect((await store.tallyTickets({}, 'stationId')).length).toBeGreaterThan(20);
          expect(await store.tallyTickets({ stationIds: [] }, 'stationId')).toEqual([]);
          expect(await store.tallyTickets({ statuses: [] }, 'groupId')).toEqual([]);
        },
        timeout,
      );

      test(
        '超过 1000 个 (站点, 状态) 组合也一个不少（CloudBase 上一次聚合最多要 1000 组，满了再取下一批）',
        async () => {
          const all = Array.from({ length: 1010 }, (_, i) => ticket(3000 + i, { stationId: `cs-k-${String(i).padStart(4, '0')}`, status: i % 2 ? 'claimed' : 'pending' }));
          await inBatches(all, 50, (t) => store.createTicket(t, [], []));
          const tally = await store.tallyTickets({ groupIds: [GROUP.id] }, 'stationId');
          expect(tally).toHaveLength(1010);
          expect(sorted(tally)).toEqual(all.map((t) => ({ key: t.stationId, status: t.status, count: 1 })));
          expect(sorted(await store.tallyTickets({}, 'groupId'))).toEqual([
            { key: GROUP.id, status: 'claimed', count: 505 },
            { key: GROUP.id, status: 'pending', count: 505 },
          ]);
        },
        timeout * 3,
      );
    });

    describe('发件箱与消息中心', () => {
      test(
        '到期列表只有待发且到时的，按到期时间排序、受 limit 限制；重试排期未到的不出现',
        async () => {
          const t = ticket(30);
          const entries = [
            outboxFor(t, 'o-due-3', { nextAttemptAt: iso(33) }),
            outboxFor(t, 'o-due-1', { nextAttemptAt: iso(31) }),
            outboxFor(t, 'o-due-2', { nextAttemptAt: iso(32) }),
            outboxFor(t, 'o-due-later', { nextAttemptAt: iso(500) }),
          ];
          await store.createTicket(t, [], entries);
          expect((await store.listDueOutbox(iso(40), 100)).map((e) => e.id)).toEqual(['o-due-1', 'o-due-2', 'o-due-3']);
          expect((await store.listDueOutbox(iso(40), 2)).map((e) => e.id)).toEqual(['o-due-1', 'o-due-2']);
          const [first] = await store.listDueOutbox(iso(40), 1);
          await store.updateOutbox([{ ...first!, attempts: 1, lastError: 'HTTP 502', nextAttemptAt: iso(100) }]);
          await store.updateOutbox([{ ...(await store.listDueOutbox(iso(40), 1))[0]!, status: 'sent', attempts: 1, sentAt: iso(40) }]);
          await store.updateOutbox([]);
          expect((await store.listDueOutbox(iso(40), 100)).map((e) => e.id)).toEqual(['o-due-3']);
          const retried = (await store.listDueOutbox(iso(100), 100)).find((e) => e.id === 'o-due-1');
          expect(retried).toMatchObject({ attempts: 1, lastError: 'HTTP 502' });
          expect((await store.listDueOutbox(iso(600), 100)).map((e) => e.id)).toEqual(['o-due-3', 'o-due-1', 'o-due-later']);
        },
        timeout,
      );

      test(
        '到期列表可只取某些渠道：站内消息与外部渠道分开取，互不占对方的 limit；每次尝试单条记下',
        async () => {
          const t = ticket(35);
          const entries = [
            outboxFor(t, 'o-ch-1', { channel: 'wecom', recipient: 'group:cg-1', nextAttemptAt: iso(31) }),
            outboxFor(t, 'o-ch-2', { channel: 'subscribe', recipient: 'openid:wx-a', nextAttemptAt: iso(32) }),
            outboxFor(t, 'o-ch-3', { nextAttemptAt: iso(33) }),
            outboxFor(t, 'o-ch-4', { channel: 'wecom', recipient: 'group:cg-1', nextAttemptAt: iso(34) }),
          ];
          await store.createTicket(t, [], entries);
          expect((await store.listDueOutbox(iso(40), 100, ['inapp'])).map((e) => e.id)).toEqual(['o-ch-3']);
          expect((await store.listDueOutbox(iso(40), 100, ['wecom', 'subscribe'])).map((e) => e.id)).toEqual(['o-ch-1', 'o-ch-2', 'o-ch-4']);
          expect((await store.listDueOutbox(iso(40), 1, ['wecom'])).map((e) => e.id)).toEqual(['o-ch-1']);
          expect(await store.listDueOutbox(iso(40), 100, [])).toEqual([]);
          expect((await store.listDueOutbox(iso(40), 100)).map((e) => e.id)).toEqual(['o-ch-1', 'o-ch-2', 'o-ch-3', 'o-ch-4']);
          // 发之前记一笔"结果未知"（推到很久以后），发完再记结果：两次单条写入
          const [card] = await store.listDueOutbox(iso(40), 1, ['wecom']);
          await store.updateOutbox([{ ...card!, attempts: 1, lastError: '结果未知：发送中断', nextAttemptAt: iso(1840) }]);
          expect((await store.listDueOutbox(iso(40), 100, ['wecom'])).map((e) => e.id)).toEqual(['o-ch-4']);
          await store.updateOutbox([{ ...card!, attempts: 1, status: 'sent', sentAt: iso(41), lastError: null, nextAttemptAt: iso(1840) }]);
          expect((await store.listDueOutbox(iso(10_000), 100, ['wecom'])).map((e) => e.id)).toEqual(['o-ch-4']);
        },
        timeout,
      );

      test(
        '站内消息：投递两次只有一条，已读不会被改回未读；只标自己的；超过 100 条可翻页',
        async () => {
          const t = ticket(40);
          const entries = Array.from({ length: 130 }, (_, i) => outboxFor(t, `o-msg-${String(i).padStart(3, '0')}`, { recipient: i % 2 ? 'member:m-a' : 'openid:wx-a', createdAt: iso(40 + i) }));
          await store.createTicket(t, [], [...entries, outboxFor(t, 'o-msg-other', { recipient: 'member:m-b' })]);
          const due = await store.listDueOutbox(iso(10_000), 1000);
          expect(due).toHaveLength(131);
          await store.deliverInApp(due.slice(0, 3).map((e) => ({ entry: { ...e, status: 'sent' as const, attempts: 1, sentAt: iso(300) }, message: messageOf(e) })));
          await store.deliverInApp(due.map((e) => ({ entry: { ...e, status: 'sent' as const, attempts: 1, sentAt: iso(300) }, message: messageOf(e) })));
          await store.deliverInApp([]);
          expect(await store.listDueOutbox(iso(10_000), 1000)).toEqual([]);

          const mine = ['member:m-a', 'openid:wx-a'];
          const pages = await collectAll((cursor) => store.listMessages(mine, { cursor }));
          expect(pages.pages).toEqual([100, 30]);
          expect(pages.items.map((m) => m.id)).toEqual(entries.map((e) => e.id).reverse());

          // 未读数是全部页的，不只第一页
          expect(await store.countUnreadMessages(mine)).toBe(130);
          expect(await store.countUnreadMessages(['member:m-a'])).toBe(65);
          expect(await store.countUnreadMessages(['member:m-b'])).toBe(1);
          expect(await store.countUnreadMessages(['member:nobody'])).toBe(0);
          expect(await store.countUnreadMessages([])).toBe(0);

          // 只标自己的、还未读的：返回真正标了几条
          expect(await store.markMessagesRead(['member:m-b'], ['o-msg-001'], iso(400))).toBe(0);
          expect(await store.markMessagesRead(mine, ['o-msg-001', 'o-msg-other', 'o-msg-none'], iso(401))).toBe(1);
          expect(await store.markMessagesRead(mine, ['o-msg-001'], iso(402))).toBe(0);
          expect(await store.markMessagesRead(mine, [], iso(402))).toBe(0);
          expect(await store.markMessagesRead([], ['o-msg-002'], iso(402))).toBe(0);
          const read = (await store.listMessages(mine, { limit: 1000 })).items.filter((m) => m.readAt);
          expect(read.map((m) => [m.id, m.readAt])).toEqual([['o-msg-001', iso(401)]]);
          expect((await store.listMessages(['member:m-b'])).items[0]?.readAt).toBeNull();
          expect(await store.countUnreadMessages(mine)).toBe(129);
          expect(await store.countUnreadMessages(['member:m-b'])).toBe(1);

          // 一次标多条（含重复的 id），跨两个收件身份
          const batch = ['o-msg-002', 'o-msg-003', 'o-msg-003', 'o-msg-120'];
          expect(await store.markMessagesRead(mine, batch, iso(403))).toBe(3);
          expect(await store.countUnreadMessages(mine)).toBe(126);

          // 重复投递同一条：消息不重复，已读状态保留
          const again = entries[1]!;
          await store.deliverInApp([{ entry: { ...again, status: 'sent', attempts: 2, sentAt: iso(500) }, message: messageOf(again) }]);
          const after = (await store.listMessages(mine, { limit: 1000 })).items;
          expect(after).toHaveLength(130);
          expect(after.find((m) => m.id === 'o-msg-001')?.readAt).toBe(iso(401));
          expect(await store.listMessages([])).toEqual({ items: [], nextCursor: null });
        },
        timeout,
      );
    });

    describe('订阅消息额度', () => {
      test(
        '接受两次得两条额度；五个并发发送只有两个扣到；别的模板、别的人不受影响',
        async () => {
          await store.grantSubscriptions('wx-sub', ['tpl-a']);
          await store.grantSubscriptions('wx-sub', ['tpl-a', 'tpl-b']);
          expect(await store.subscriptionBalance('wx-sub')).toEqual({ 'tpl-a': 2, 'tpl-b': 1 });
          const consumed = await Promise.all(Array.from({ length: 5 }, () => store.consumeSubscription('wx-sub', 'tpl-a')));
          expect(consumed.filter(Boolean)).toHaveLength(2);
          expect(await store.consumeSubscription('wx-sub', 'tpl-a')).toBe(false);
          expect(await store.consumeSubscription('wx-nobody', 'tpl-a')).toBe(false);
          expect(await store.subscriptionBalance('wx-sub')).toEqual({ 'tpl-a': 0, 'tpl-b': 1 });
        },
        timeout,
      );

      test(
        '两个并发的授权都记上',
        async () => {
          await Promise.all([store.grantSubscriptions('wx-grant', ['tpl-a']), store.grantSubscriptions('wx-grant', ['tpl-a']), store.grantSubscriptions('wx-grant', ['tpl-a'])]);
          expect(await store.subscriptionBalance('wx-grant')).toEqual({ 'tpl-a': 3 });
        },
        timeout,
      );
    });
    describeFiguresContract(() => store, timeout);
  });
}
