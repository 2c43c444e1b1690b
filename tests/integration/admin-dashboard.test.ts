/**
 * 看板（admin.dashboard）在一个小县上：居民提交、委员接单、召集人办结或不予受理、居民评价都走真实的云函数处理程序，
 * 汇总随每次写入更新；三率的每个分子分母与手算的一致。政协办按范围看，召集人看自己的小组，居民看不到。
 * 2026-11-02 是周一（北京时间），默认期限：接单 2 个工作日（到 11-04 结束）、办结 15 个工作日（到 11-23 结束）。
 */
import fs from 'node:fs';
import type { DashboardView, MemberActivityView, MonthlyReportView } from '../../shared/api/admin.api';
import type { Envelope } from '../../shared/api/envelope';
import { createTestApp, expectCode, type TestApp } from './harness';
import { readWorkbook } from './xlsx-reader';

const bj = (local: string) => new Date(`${local}+08:00`);

let app: TestApp;
let seq = 0;

async function at(local: string): Promise<void> {
  app.clock.current = bj(local);
}
async function submit(stationId: string, text: string): Promise<string> {
  const r = await app.intake<{ ticketId: string }>(`dash-resident-${++seq}`, 'submitReport', { stationId, text, clientRequestId: `dashboard-request-${seq}` });
  if (!r.ok) throw new Error(r.error.code);
  return r.data.ticketId;
}
async function work(openid: string, action: string, payload: Record<string, unknown>): Promise<void> {
  const r = await app.work(openid, action, payload);
  if (!r.ok) throw new Error(`${action}: ${r.error.code}`);
}
const dashboard = (openid: string, payload: Record<string, unknown>) =>
  app.rt.handlers.admin({ action: 'dashboard', ...payload }, { openid }) as Promise<Envelope<DashboardView>>;

async function data(openid: string, payload: Record<string, unknown>): Promise<DashboardView> {
  const r = await dashboard(openid, payload);
  if (!r.ok) throw new Error(r.error.code);
  return r.data;
}

beforeAll(async () => {
  app = await createTestApp({ settings: { reportsPerHourPerResident: 1000 } });
  // 一号：周一提交，周二接单，11-10 办结，反映人满意
  await at('2026-11-02T09:00:00');
  const t1 = await submit('demo-station-1', '小区门口的路灯坏了一个月，晚上出行不方便。');
  const t2 = await submit('demo-station-1', '菜市场门口占道经营，早上买菜的人挤不过去。');
  const t4 = await submit('demo-station-2', '村里的公厕很久没有人打扫了。');
  await at('2026-11-03T09:00:00');
  const t3 = await submit('demo-station-1', '建议在社区里建一个篮球场。');
  await at('2026-11-03T10:00:00');
  await work('demo-member-1', 'claimTicket', { ticketId: t1 });
  // 三号：不予受理（不进按期办结率的分母）
  await at('2026-11-04T09:00:00');
  await work('demo-convener', 'rejectTicket', { ticketId: t3, reason: '小区内无建设用地，建议向区文体局提出。' });
  // 二号：周四才接单，过了接单期限
  await at('2026-11-05T10:00:00');
  await work('demo-member-2', 'claimTicket', { ticketId: t2 });
  await at('2026-11-10T16:00:00');
  await work('demo-convener', 'closeTicket', { ticketId: t1, caseSummary: '已更换路灯。' });
  await at('2026-11-11T09:00:00');
  const rated = await app.intake('dash-resident-1', 'rateTicket', { ticketId: t1, rating: 'satisfied' });
  if (!rated.ok) throw new Error(rated.error.code);
  // 四号（郧阳区的站）一直没人接：11-20 看时已过接单期限
  await at('2026-11-20T10:00:00');
  void t4;
});
afterAll(() => app.close());

describe('看板的三率', () => {
  test('全县 11 月：每个分子分母与手算一致', async () => {
    const v = await data('demo-admin', { from: '2026-11', to: '2026-11', by: 'station' });
    const t = v.totals;
    // 收到 4 件、派单 4 件，按期接单只有一号 → 响应率 1/4
    expect([t.received, t.dispatched, t.claimedOnTime, t.responseRate]).toEqual([4, 4, 1, 0.25]);
    // 办结期限在 11 月的：一、二、四号（三号不予受理不计），按期办结一号 → 1/3
    expect([t.dueToClose, t.closedOnTime, t.closed, t.rejected]).toEqual([3, 1, 1, 1]);
    expect(t.onTimeCloseRate).toBeCloseTo(1 / 3);
    // 一条评价，满意 → 满意率 1
    expect([t.rated, t.satisfied, t.basic, t.unsatisfied, t.satisfactionRate]).toEqual([1, 1, 0, 0, 1]);
    // 过期：四号（没人接单，接单期限 11-04 已过）；二号已接单，但首次反馈期限 11-09 已过（办结期限 11-23 还没到）
    expect([t.overdue, t.open]).toEqual([2, 2]);
    // 按站名的拼音排：箭楼（jiàn）在岩子河（yán）前
    expect(v.rows.map((r) => [r.label, r.received, r.overdue])).toEqual([
      ['箭楼社区委员联络室', 3, 1],
      ['岩子河村协商驿站', 1, 1],
    ]);
    expect(v.targets.satisfactionRate).toBe(0.85);
    expect(v.definitions.map((d) => d.name)).toContain('满意率');
  });

  test('按月份分行：11 月一行，标签是中文月份；比上月：10 月什么都没有', async () => {
    const v = await data('demo-admin', { from: '2026-11', to: '2026-11', by: 'month' });
    expect(v.rows.map((r) => [r.key, r.label])).toEqual([['2026-11', '2026年11月']]);
    expect(v.previous.received).toBe(0);
    expect(v.previous.responseRate).toBeNull();
  });

  test('郧阳区的管理员只看到郧阳区的站', async () => {
    const v = await data('demo-admin-yy', { from: '2026-11', to: '2026-11', by: 'station' });
    expect(v.rows.map((r) => r.key)).toEqual(['demo-station-2']);
    expect(v.totals.received).toBe(1);
    expectCode(await dashboard('demo-admin-yy', { from: '2026-11', to: '2026-11', by: 'station', stationId: 'demo-station-1' }), 'STATION.NOT_FOUND');
  });

  test('召集人（不是管理员）看自己召集的小组', async () => {
    const v = await data('demo-convener', { from: '2026-11', to: '2026-11', by: 'group' });
    expect(v.scope.all).toBe(false);
    expect(v.rows.map((r) => [r.label, r.received, r.claimedOnTime])).toEqual([['下陆区第三委员小组', 3, 1]]);
    expectCode(await dashboard('demo-convener', { from: '2026-11', to: '2026-11', by: 'group', groupId: 'demo-group-2' }), 'GROUP.NOT_FOUND');
  });

  test.each([
    ['居民', 'FIGURES.NOT_ALLOWED', 'demo-resident-1', { from: '2026-11', to: '2026-11', by: 'station' }],
    ['普通委员', 'FIGURES.NOT_ALLOWED', 'demo-member-1', { from: '2026-11', to: '2026-11', by: 'station' }],
    ['月份写错', 'FIGURES.PERIOD_INVALID', 'demo-admin', { from: '2026-13', to: '2026-11', by: 'station' }],
    ['起始晚于截止', 'FIGURES.PERIOD_INVALID', 'demo-admin', { from: '2026-12', to: '2026-11', by: 'station' }],
    ['超过 36 个月', 'FIGURES.PERIOD_INVALID', 'demo-admin', { from: '2020-01', to: '2026-11', by: 'station' }],
  ])('%s得到 %s', async (_name, code, openid, payload) => {
    expectCode(await dashboard(openid, payload), code);
  });
});

describe('每月通报', () => {
  test('导出的 .xlsx 读回来与看板一致：按小组、按联络站两张表的每个数，过期清单、开头一段话', async () => {
    const r = await app.rt.handlers.admin({ action: 'monthlyReport', month: '2026-11' }, { openid: 'demo-admin' });
    if (!r.ok) throw new Error(r.error.code);
    const report = r.data as MonthlyReportView;
    expect(report.url).toMatch(/^\/files\/reports\/.+\.xlsx$/);
    expect(report.summary).toMatch(/^2026年11月共收到反映 4 件/);
    expect(report.summary).toContain('响应率 25%');
    const file = app.rt.reports.pathOf(decodeURIComponent(report.url!.slice('/files/reports/'.length)), Date.now());
    const book = await readWorkbook(fs.readFileSync(file!));
    expect(Object.keys(book)).toEqual(['概述', '按小组', '按联络站', '过期与不满意', '热点话题', '履职积分']);
    expect(book['履职积分']!.rows.slice(1).map((x) => x.slice(0, 2))).toEqual([
      ['李建国', '9'],
      ['王秀英', '2'],
    ]);
    expect(book['概述']!.rows[1]![0]).toBe(report.summary);
    // 回复里每位委员只带积分和事项数，逐项明细在表格里
    expect(report.activity.map((a) => [a.name, a.points])).toEqual([['李建国', 9], ['王秀英', 2]]);
    expect(report.activity.every((a) => a.itemCount > 0 && !('items' in a))).toBe(true);

    for (const [sheet, by] of [['按小组', 'group'], ['按联络站', 'station']] as const) {
      const v = await data('demo-admin', { from: '2026-11', to: '2026-11', by });
      const rows = book[sheet]!.rows;
      expect(rows[0]!.slice(0, 5)).toEqual([by === 'group' ? '委员小组' : '联络站', '收到', '派单', '按期接单', '响应率']);
      const expected = [...v.rows, v.totals].map((x) => [x.label, String(x.received), String(x.dispatched), String(x.claimedOnTime), x.responseRate === null ? '无从计算' : `${Math.round(x.responseRate * 1000) / 10}%`]);
      expect(rows.slice(1).map((x) => x.slice(0, 5))).toEqual(expected);
      expect(rows.slice(1).map((x) => x[x.length - 1])).toEqual([...v.rows, v.totals].map((x) => String(x.overdue)));
      // 中文表头与列宽
      expect(book[sheet]!.widths[0]).toBe(24);
    }
    const listed = book['过期与不满意']!.rows;
    expect(listed[0]![0]).toBe('编号');
    expect(listed.slice(1).map((x) => x[1])).toEqual(['岩子河村协商驿站', '箭楼社区委员联络室']);
  });

  test('召集人导出自己小组的通报；居民不行', async () => {
    const r = await app.rt.handlers.admin({ action: 'monthlyReport', month: '2026-11', preview: true }, { openid: 'demo-convener' });
    if (!r.ok) throw new Error(r.error.code);
    const report = r.data as MonthlyReportView;
    expect(report.url).toBeUndefined();
    expect(report.totals.received).toBe(3);
    expect(report.byGroup.map((g) => g.label)).toEqual(['下陆区第三委员小组']);
    expectCode(await app.rt.handlers.admin({ action: 'monthlyReport', month: '2026-11' }, { openid: 'demo-resident-1' }), 'FIGURES.NOT_ALLOWED');
  });
});

describe('履职积分', () => {
  test('政协办看到每位委员的积分和每一分的来历：接单 2 分、按期办结 5 分、居民满意 2 分（默认规则）', async () => {
    const r = await app.rt.handlers.admin({ action: 'memberActivity', month: '2026-11' }, { openid: 'demo-admin' });
    if (!r.ok) throw new Error(r.error.code);
    const rows = (r.data as MemberActivityView).rows;
    expect(rows.map((x) => [x.name, x.points])).toEqual([
      ['李建国', 9],
      ['王秀英', 2],
    ]);
    expect(rows[0]!.items.map((i) => [i.kind, i.points])).toEqual([
      ['claim', 2],
      ['closedInTime', 5],
      ['satisfied', 2],
    ]);
    expect(new Set(rows[0]!.items.map((i) => i.ticketNo)).size).toBe(1);
  });

  test('委员在工作台看自己的积分；居民没有', async () => {
    const mine = await app.work('demo-member-2', 'myActivity', { month: '2026-11' });
    if (!mine.ok) throw new Error(mine.error.code);
    expect(mine.data).toMatchObject({ name: '王秀英', points: 2 });
    expectCode(await app.work('demo-resident-1', 'myActivity', { month: '2026-11' }), 'MEMBER.NOT_BOUND');
  });
});
