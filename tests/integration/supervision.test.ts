/**
 * 跟进督单整条走一遍（可拨动的时钟）：到期那天早上提醒本组 → 过期升级召集人 → 再过 2 个工作日升级政协办；
 * 每一步每人一条、记入历史，连跑两遍第二遍什么也不发。同一条剧本跑在嵌入式 SQLite（本地运行时）和
 * CloudBase 适配器 + 数据库替身（cron 云函数的入口）上。
 * 另有：回头看（评价 / 有没有反弹，不满意和反弹转召集人）、回头督（没办转召集人）、召集人延期一次、紧急反映告知政协办。
 */
import { seedDemoCounty } from '../../cloudfunctions/_runtime/demo-county';
import type { CloudMain, CloudPlatform } from '../../cloudfunctions/_runtime/platform.cloudbase';
import type { CloudbaseDatabase } from '../../cloudfunctions/_runtime/adapters/db.cloudbase';
import { createCloudbaseStore } from '../../cloudfunctions/_runtime/adapters/store.cloudbase';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import type { Envelope } from '../../shared/api/envelope';
import type { HistoryEntry } from '../../shared/domain/model';
import { activitySource, type RawItem } from '../../shared/domain/activity';
import type { Store } from '../../shared/ports/store.port';
import type { Deps } from '../../shared/usecases/context';
import { CloudbaseDbService, createDoubleDatabase } from '../contract/cloudbase-db.double';
import { OpenApiDouble, StorageDouble } from '../contract/openapi.double';
import { createTestApp, expectCode, TestClock, type TestApp } from './harness';

/* eslint-disable @typescript-eslint/no-require-imports */
const cron: typeof import('../../cloudfunctions/cron/index') = require('../../cloudfunctions/cron/index.ts');
const intake: typeof import('../../cloudfunctions/intake/index') = require('../../cloudfunctions/intake/index.ts');
const work: typeof import('../../cloudfunctions/work/index') = require('../../cloudfunctions/work/index.ts');
/* eslint-enable @typescript-eslint/no-require-imports */

const POLES = '小区出行道路被电线杆挡住，车辆进出困难，希望协调挪一下电线杆。';

/** 一条剧本要的：时钟、两个函数、跑一轮定时任务（连同投递）、读历史与某人的消息 */
interface Driver {
  clock: TestClock;
  store: Store;
  intake<T = any>(openid: string, action: string, payload?: Record<string, unknown>): Promise<Envelope<T>>;
  work<T = any>(openid: string, action: string, payload?: Record<string, unknown>): Promise<Envelope<T>>;
  /** 跑一轮定时任务并投递；返回这一轮做了几步 */
  tick(): Promise<number>;
  close(): void;
}

function must<T>(r: Envelope<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`);
  return r.data;
}

async function sqliteDriver(): Promise<Driver> {
  const app: TestApp = await createTestApp();
  return {
    clock: app.clock,
    store: app.rt.store,
    intake: (o, a, p) => app.intake(o, a, p),
    work: (o, a, p) => app.work(o, a, p),
    async tick() {
      const r = await app.rt.scheduled();
      if (!r.ok) throw new Error(r.error.code);
      await app.rt.deliver();
      return r.data.steps.length;
    },
    close: () => app.close(),
  };
}

async function cloudbaseDriver(): Promise<Driver> {
  const service = new CloudbaseDbService(ALL_COLLECTIONS.map((c) => c.name));
  const db = createDoubleDatabase(service);
  const openapi = new OpenApiDouble();
  const storage = new StorageDouble();
  const clock = new TestClock();
  let current: string | null = null;
  let runs = 0;
  const platform: CloudPlatform = {
    wx: { init() {}, DYNAMIC_CURRENT_ENV: Symbol('current'), getWXContext: () => (current ? { OPENID: current, APPID: 'wx0123456789abcdef', SOURCE: 'wx_client' } : {}), openapi: openapi.api },
    app: { database: () => db, getTempFileURL: (o) => storage.getTempFileURL(o), uploadFile: (o) => storage.uploadFile(o) },
  };
  const env = { WEAPP_APPID: 'wx0123456789abcdef', WEAPP_STATE: 'formal' as const, SUBSCRIBE_TEMPLATES: '[]', CONTENT_REVIEW: 'allow' as const, MEDIA_CHECK: 'async' as const, templates: [] };
  const options = { clock, env, info: () => {}, logger: { error: () => {} } };
  const fns: Record<'intake' | 'work' | 'cron', CloudMain> = { intake: intake.createMain(platform, options), work: work.createMain(platform, options), cron: cron.createMain(platform, options) };
  const store = createCloudbaseStore(db as CloudbaseDatabase);
  await seedDemoCounty({ store } as unknown as Deps, { tickets: false });
  const call = async (fn: 'intake' | 'work', openid: string, action: string, payload: Record<string, unknown> = {}) => {
    current = openid;
    return (await fns[fn]({ action, ...payload }, { request_id: `req-${action}` })) as Envelope<any>;
  };
  return {
    clock,
    store,
    intake: (o, a, p) => call('intake', o, a, p),
    work: (o, a, p) => call('work', o, a, p),
    async tick() {
      current = null;
      const r = (await fns.cron({ Type: 'Timer', TriggerName: 'deliver-outbox', Time: clock.now().toISOString() }, { request_id: `cron-${++runs}` })) as Envelope<{ scheduled?: { steps: number; failed: number } }>;
      const data = must(r);
      expect(data.scheduled?.failed).toBe(0);
      return data.scheduled?.steps ?? 0;
    },
    close() {},
  };
}

let seq = 0;
async function submit(d: Driver, openid: string, text: string): Promise<string> {
  return must(await d.intake<{ ticketId: string }>(openid, 'submitReport', { stationId: 'demo-station-1', text, clientRequestId: `sv-request-${++seq}` })).ticketId;
}

async function messages(d: Driver, openid: string, ticketId: string) {
  const r = must(await d.work<{ items: Array<{ ticketId: string; event: string; title: string }> }>(openid, 'myMessages', {}));
  return r.items.filter((m) => m.ticketId === ticketId);
}

const supervisionHistory = async (d: Driver, id: string): Promise<HistoryEntry[]> => (await d.store.listHistory(id)).filter((h) => ['remindDue', 'escalate'].includes(h.action));

describe.each([
  ['嵌入式 SQLite', sqliteDriver],
  ['CloudBase 适配器 + 数据库替身（cron 云函数）', cloudbaseDriver],
])('一张没人接的反映走过提醒、升级召集人、升级政协办（%s）', (_name, make) => {
  let d: Driver;
  beforeEach(async () => {
    d = await make();
    // 2026-09-30 星期三 10:00（北京时间）派单：国庆 10-01…10-07 放假，接单期限是 10-09 结束
    d.clock.current = new Date('2026-09-30T02:00:00.000Z');
  });
  afterEach(() => d.close());

  test('每一步每人一条、记入历史，再跑一遍什么也不发；过期的单在 overdue 队列里、带过期标记', async () => {
    const id = await submit(d, 'demo-resident-1', POLES);
    const ticket = must(await d.work('demo-convener', 'getTicket', { ticketId: id }));
    expect(ticket.due).toEqual({ claim: '2026-10-09T15:59:59.999Z', feedback: '2026-10-13T15:59:59.999Z', resolve: expect.any(String) });
    expect(ticket.overdue).toBe(false);
    expect(await d.tick()).toBe(0);

    // 10-09 早上 8 点半（北京时间）：今天到期，提醒本组
    d.clock.current = new Date('2026-10-09T00:30:00.000Z');
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(0);
    expect((await messages(d, 'demo-member-1', id)).filter((m) => m.event === 'ticket.dueToday')).toHaveLength(1);
    expect((await messages(d, 'demo-member-2', id)).filter((m) => m.event === 'ticket.dueToday')).toHaveLength(1);
    expect((await messages(d, 'demo-convener', id)).filter((m) => m.event === 'ticket.dueToday')).toHaveLength(1);

    // 10-10 0:30（北京时间）：接单期限已过，升级召集人
    d.clock.current = new Date('2026-10-09T16:30:00.000Z');
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(0);
    expect((await messages(d, 'demo-convener', id)).filter((m) => m.event === 'ticket.overdue')).toHaveLength(1);
    expect((await messages(d, 'demo-member-1', id)).filter((m) => m.event === 'ticket.overdue')).toHaveLength(0);
    const overdue = must(await d.work('demo-convener', 'listQueue', { filter: 'overdue' }));
    expect(overdue.items.map((t: { id: string; overdue: boolean }) => [t.id, t.overdue])).toEqual([[id, true]]);
    expect(must(await d.work('demo-member-1', 'listQueue', { filter: 'open' })).items.find((t: { id: string }) => t.id === id).overdue).toBe(true);
    // 另一组的召集人看不到
    expect(must(await d.work('demo-convener-2', 'listQueue', { filter: 'overdue' })).items).toEqual([]);

    // 10-10（调休上班）、10-12 两个工作日之后：升级政协办（全县的张主任；只管郧阳的刘科长不收）
    d.clock.current = new Date('2026-10-12T15:00:00.000Z');
    expect(await d.tick()).toBe(0);
    d.clock.current = new Date('2026-10-12T16:30:00.000Z');
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(0);
    expect((await messages(d, 'demo-admin', id)).filter((m) => m.event === 'ticket.escalated')).toHaveLength(1);
    expect(await messages(d, 'demo-admin-yy', id)).toEqual([]);

    const steps = await supervisionHistory(d, id);
    expect(steps.map((h) => [h.action, h.actorName, h.relation])).toEqual([
      ['remindDue', '系统', 'system'],
      ['escalate', '系统', 'system'],
      ['escalate', '系统', 'system'],
    ]);
    expect(steps.map((h) => h.note)).toEqual([
      '接单期限今天（10月9日）到期，已提醒本组 5 人',
      '接单期限（10月9日）已过，已告知召集人王丽华',
      '接单期限（10月9日）过期仍未办，已升级到政协办（政协办 张主任）',
    ]);
  });

  test('接了单、给了反馈的步骤不再提醒；期限全做完的单不在 overdue 队列里', async () => {
    const id = await submit(d, 'demo-resident-1', POLES);
    must(await d.work('demo-member-1', 'claimTicket', { ticketId: id }));
    must(await d.work('demo-member-1', 'addProgress', { ticketId: id, note: '已联系物业和供电公司，约了下周现场看。' }));
    d.clock.current = new Date('2026-10-14T02:00:00.000Z');
    expect(await d.tick()).toBe(0);
    expect(must(await d.work('demo-convener', 'listQueue', { filter: 'overdue' })).items).toEqual([]);
  });
});

describe('回头看、回头督、延期、紧急（嵌入式 SQLite）', () => {
  let d: Driver;
  beforeEach(async () => {
    d = await sqliteDriver();
    d.clock.current = new Date('2026-11-02T02:00:00.000Z');
  });
  afterEach(() => d.close());

  async function closedTicket(): Promise<string> {
    const id = await submit(d, 'demo-resident-1', POLES);
    must(await d.intake('demo-resident-2', 'meToo', { ticketId: id }));
    must(await d.work('demo-member-1', 'claimTicket', { ticketId: id }));
    must(await d.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '经协商，供电公司把电线杆移到了路边。' }));
    return id;
  }

  test('回头看：办结 7 天后，评价过的反映人被问"有没有反弹"，没评价的居民这一问就是评价；不满意、反弹都转召集人', async () => {
    const id = await closedTicket();
    must(await d.intake('demo-resident-1', 'rateTicket', { ticketId: id, rating: 'satisfied' }));
    d.clock.current = new Date('2026-11-09T01:00:00.000Z');
    expect(await d.tick()).toBe(0);
    d.clock.current = new Date('2026-11-09T03:00:00.000Z');
    expect(await d.tick()).toBe(1);
    expect(await d.tick()).toBe(0);

    const owner = must(await d.intake('demo-resident-1', 'getTicket', { ticketId: id }));
    expect(owner.followUp).toEqual({ kind: 'rebound', askedAt: '2026-11-09T03:00:00.000Z' });
    const joined = must(await d.intake('demo-resident-2', 'getTicket', { ticketId: id }));
    expect(joined.followUp).toEqual({ kind: 'rating', askedAt: '2026-11-09T03:00:00.000Z' });

    // 问题对不上的回答被拒绝
    expectCode(await d.intake('demo-resident-2', 'answerFollowUp', { ticketId: id, answer: 'rebounded' }), 'FOLLOWUP.ANSWER_MISMATCH');
    const after = must(await d.intake('demo-resident-2', 'answerFollowUp', { ticketId: id, answer: 'unsatisfied' }));
    expect(after.followUp).toBeNull();
    expectCode(await d.intake('demo-resident-2', 'answerFollowUp', { ticketId: id, answer: 'satisfied' }), 'FOLLOWUP.NOT_PENDING');
    must(await d.intake('demo-resident-1', 'answerFollowUp', { ticketId: id, answer: 'rebounded' }));

    const t = (await d.store.getTicket(id))!;
    // 反映人办结后评的那一条也在 ratings 里（每位居民一条），回头看的评价记为 via: 'followUp'
    expect(t.ratings).toEqual([
      expect.objectContaining({ openid: 'demo-resident-1', rating: 'satisfied', via: 'rate' }),
      { openid: 'demo-resident-2', rating: 'unsatisfied', reasons: [], comment: '', at: '2026-11-09T03:00:00.000Z', via: 'followUp' },
    ]);
    expect(t.rating?.rating).toBe('satisfied');
    await d.tick();
    const toConvener = await messages(d, 'demo-convener', id);
    expect(toConvener.filter((m) => m.event === 'ticket.unsatisfied')).toHaveLength(1);
    expect(toConvener.filter((m) => m.event === 'ticket.rebounded')).toHaveLength(1);
    // 召集人决定重新办理
    expect(must(await d.work('demo-convener', 'getTicket', { ticketId: id })).actions).toContain('reopen');
  });

  test('回头看：没评价过的反映人这一问就是评价，也记进原来的评价字段', async () => {
    const id = await closedTicket();
    d.clock.current = new Date('2026-11-10T00:00:00.000Z');
    await d.tick();
    const view = must(await d.intake('demo-resident-1', 'answerFollowUp', { ticketId: id, answer: 'basic' }));
    expect(view.rating?.rating).toBe('basic');
    expect(view.canRate).toBe(false);
    expect((await d.store.getTicket(id))!.ratings?.map((r) => [r.openid, r.via])).toEqual([['demo-resident-1', 'followUp']]);
  });

  test('回头督：协商 14 天后问接单委员商定的事办了没有，"没办"转召集人', async () => {
    const id = await submit(d, 'demo-resident-1', POLES);
    must(await d.work('demo-member-1', 'claimTicket', { ticketId: id }));
    must(await d.work('demo-member-1', 'recordConsultation', { ticketId: id, heldAt: '2026-11-02', place: '箭楼社区委员联络室', participants: ['李建国', '居委会'], departments: ['国网黄石分公司'], agreement: '供电公司两周内把电线杆移到路边' }));
    d.clock.current = new Date('2026-11-16T03:00:00.000Z');
    expect(must(await d.work('demo-member-1', 'getTicket', { ticketId: id })).pendingActionCheck).toBeNull();
    await d.tick();
    const view = must(await d.work('demo-member-1', 'getTicket', { ticketId: id }));
    expect(view.pendingActionCheck).toMatchObject({ agreement: '供电公司两周内把电线杆移到路边' });
    expectCode(await d.work('demo-member-2', 'answerActionCheck', { ticketId: id, checkId: view.pendingActionCheck.id, done: false }), 'AUTH.FORBIDDEN');
    must(await d.work('demo-member-1', 'answerActionCheck', { ticketId: id, checkId: view.pendingActionCheck.id, done: false, note: '供电公司说要等材料' }));
    expectCode(await d.work('demo-member-1', 'answerActionCheck', { ticketId: id, checkId: view.pendingActionCheck.id, done: true }), 'ACTIONCHECK.NOT_PENDING');
    await d.tick();
    expect((await messages(d, 'demo-convener', id)).filter((m) => m.event === 'ticket.actionsNotDone')).toHaveLength(1);
    expect((await messages(d, 'demo-member-1', id)).filter((m) => m.event === 'ticket.actionCheck')).toHaveLength(1);
  });

  test('回头看做成了记履职积分：回头督答"办了"记给答的委员，居民答"没有反弹"记给接单委员；每一分对得上写下它的那条历史', async () => {
    const id = await submit(d, 'demo-resident-1', POLES);
    must(await d.work('demo-member-1', 'claimTicket', { ticketId: id }));
    must(await d.work('demo-member-1', 'recordConsultation', { ticketId: id, heldAt: '2026-11-02', place: '箭楼社区委员联络室', participants: ['李建国'], departments: [], agreement: '供电公司两周内把电线杆移到路边' }));
    d.clock.current = new Date('2026-11-16T03:00:00.000Z');
    await d.tick();
    const check = must(await d.work('demo-member-1', 'getTicket', { ticketId: id })).pendingActionCheck;
    must(await d.work('demo-member-1', 'answerActionCheck', { ticketId: id, checkId: check.id, done: true }));
    must(await d.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '电线杆已移到路边。' }));
    must(await d.intake('demo-resident-1', 'rateTicket', { ticketId: id, rating: 'satisfied' }));
    d.clock.current = new Date('2026-11-24T03:00:00.000Z');
    await d.tick();
    must(await d.intake('demo-resident-1', 'answerFollowUp', { ticketId: id, answer: 'notRebounded' }));

    const mine = must(await d.work('demo-member-1', 'myActivity', { month: '2026-11' }));
    const lookBacks = mine.items.filter((i: { kind: string }) => i.kind === 'lookBack');
    expect(lookBacks.map((i: { at: string; points: number }) => [i.at, i.points])).toEqual([
      ['2026-11-16T03:00:00.000Z', 2],
      ['2026-11-24T03:00:00.000Z', 2],
    ]);
    const history = await d.store.listHistory(id);
    expect(lookBacks.map((i: RawItem) => activitySource(i, history)?.action)).toEqual(['answerActionCheck', 'answerFollowUp']);
    // 每一项都找得到写下它的那条历史
    for (const i of mine.items) expect(activitySource(i, history)).not.toBeNull();
    expect(mine.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['claim', 'closedInTime', 'consultation', 'lookBack', 'lookBack', 'satisfied']);
  });

  test('召集人延期一次（有理由），居民看到新的办结日期；第二次被拒绝，委员不能延期', async () => {
    const id = await submit(d, 'demo-resident-1', POLES);
    const before = must(await d.intake('demo-resident-1', 'getTicket', { ticketId: id }));
    expect(before.resolveBy).toBe('2026-11-23T15:59:59.999Z');
    expectCode(await d.work('demo-member-1', 'extendDeadline', { ticketId: id, workdays: 5, reason: '要等供电公司排期' }), 'AUTH.FORBIDDEN');
    const v = must(await d.work('demo-convener', 'extendDeadline', { ticketId: id, workdays: 5, reason: '要等供电公司排期' }));
    expect(v.due.resolve).toBe('2026-11-30T15:59:59.999Z');
    expect(v.dueExtension).toMatchObject({ byName: '王丽华', reason: '要等供电公司排期', previous: { resolve: '2026-11-23T15:59:59.999Z' } });
    expect(v.actions).not.toContain('extendDeadline');
    expectCode(await d.work('demo-convener', 'extendDeadline', { ticketId: id, workdays: 5, reason: '再等等' }), 'DEADLINE.ALREADY_EXTENDED');
    const after = must(await d.intake('demo-resident-1', 'getTicket', { ticketId: id }));
    expect(after.resolveBy).toBe('2026-11-30T15:59:59.999Z');
    expect(after.resolveByExtended).toEqual({ reason: '要等供电公司排期' });
    expect(after.timeline.map((t: { note: string }) => t.note)).toContain('办结期限延至 11月30日。要等供电公司排期');
  });

  test('紧急反映：接单期限按小时算，下一轮定时任务就告诉政协办；重新办理时期限从重新办理那一刻算起', async () => {
    const id = await submit(d, 'demo-resident-1', '小区里闻到很浓的燃气味，怀疑燃气泄漏，随时可能爆炸，请赶快处理！');
    const t = (await d.store.getTicket(id))!;
    expect(t.urgency).toBe('urgent');
    expect(t.due?.claim).toBe('2026-11-02T04:00:00.000Z');
    expect(await d.tick()).toBe(1);
    expect((await messages(d, 'demo-admin', id)).filter((m) => m.event === 'ticket.urgent')).toHaveLength(1);
    expect(await d.tick()).toBe(0);

    must(await d.work('demo-member-1', 'claimTicket', { ticketId: id }));
    must(await d.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '燃气公司当天修好了管道。' }));
    d.clock.current = new Date('2026-11-03T02:00:00.000Z');
    must(await d.work('demo-convener', 'reopenTicket', { ticketId: id, reason: '居民说又有气味' }));
    const reopened = (await d.store.getTicket(id))!;
    expect(reopened.dispatchedAt).toBe('2026-11-03T02:00:00.000Z');
    expect(reopened.followUpAt).toBeUndefined();
  });
});
