/**
 * 三率与每月通报的口径：一张工单对各项数字的"贡献"，只在这里定义一次。
 * 看板读的是按 月份（北京时间）× 联络站 × 小组 × 类别 预先加好的汇总（rollup），汇总就是所有工单贡献之和；
 * 工单每改一次，存储在同一个事务里把 贡献(新) − 贡献(旧) 加进汇总，定时任务再整体重数一遍核对（reconcile）。
 *
 * 每件事记在它发生的那个月：
 * - 收到 received：提交的月份；派单 dispatched：最近一次派单（提交、重新办理、改派）的月份，旧工单没有派单时刻按提交时刻；
 * - 响应率 = 按期接单 claimedOnTime ÷ 派单 dispatched，两者都记在派单的月份（同一批工单，比值在 0..1）；
 *   按期接单：第一位接单（含召集人分派）的时刻不晚于接单期限；
 * - 按期办结率 = 按期办结 closedOnTime ÷ 应办结 dueToClose，两者都记在办结期限所在的月份：
 *   应办结是办结期限落在这个月、没有被转办 / 不予受理 / 合并的工单；按期办结是其中已办结且办结时刻不晚于期限的；
 * - 满意率 = (满意 + 基本满意) ÷ 评价条数，每一条评价（反映人和每位"我也遇到了"的居民）记在评价的月份；
 * - 办结 closed、转办 referred、不予受理 rejected、合并 merged：记在结果的月份；
 * - 未办结 open：还没有结果的工单，记在派单的月份；
 * - 接单、办结平均用几个工作日：从派单那天之后数到接单（办结）那天的工作日数，记在接单（办结）的月份。
 *
 * 过期（overdue）随时间变化，不进汇总：每张未办结的工单存一个 overdueAt（最早一个还没做到的期限：接单、首次反馈、办结里
 * 还没做到的最早一个），看板用"它早于现在"的带索引计数得出；工作台的过期筛选查的是同一列。
 *
 * 期限：工单上有 due（派单时按县里的设置算好存下）就用它；旧工单没有，按默认期限设置现算（dueOf）。
 * 汇总的增减与重数用同一个函数，所以两者总是一致。
 */
import type { Category } from './vocabulary';
import type { ResidentRating, Ticket } from './model';
import { isOpen } from './lifecycle';
import { ratingsOf } from './ratings';
import { earliestOpenStep, type DeadlineStep } from './supervision';
import { addDays, shanghaiDate, workdaysInRange, type CalendarOverride } from './calendar';
import { computeDeadlines, DEFAULT_DEADLINE_SETTINGS, type Deadlines, type DeadlineSettings } from './deadlines';
import { periodLabel } from './periods';

export { MONTH_PATTERN, nextPeriod, periodLabel, periodsBetween, previousPeriod } from './periods';

/** 汇总里的计数项（都是整数，可加可减） */
export const FIGURE_COUNTERS = [
  'received',
  'dispatched',
  'claimedOnTime',
  'closed',
  'dueToClose',
  'closedOnTime',
  'rated',
  'satisfied',
  'basic',
  'unsatisfied',
  'problem',
  'suggestion',
  'referred',
  'rejected',
  'merged',
  'open',
  'claimDays',
  'claimCount',
  'closeDays',
  'closeCount',
] as const;
export type FigureCounter = (typeof FIGURE_COUNTERS)[number];
export type FigureCounters = Record<FigureCounter, number>;

/** 汇总的一格：月份（北京时间 YYYY-MM）× 联络站 × 小组 × 类别 */
export interface FigureKey {
  period: string;
  stationId: string;
  groupId: string;
  category: Category;
}
export interface FigureCell extends FigureKey {
  counters: FigureCounters;
}

export const zeroCounters = (): FigureCounters => Object.fromEntries(FIGURE_COUNTERS.map((k) => [k, 0])) as FigureCounters;

export function addCounters(into: FigureCounters, add: Partial<FigureCounters>, sign = 1): FigureCounters {
  for (const k of FIGURE_COUNTERS) into[k] += sign * (add[k] ?? 0);
  return into;
}

export const isZero = (c: FigureCounters): boolean => FIGURE_COUNTERS.every((k) => c[k] === 0);

/** 汇总文档的 id：同一格永远同一个 id */
export const figureKeyId = (k: FigureKey): string => `${k.period}|${k.stationId}|${k.groupId}|${k.category}`;

/** 一个时刻在北京时间是哪个月（YYYY-MM） */
export const periodOf = (instant: string): string => shanghaiDate(instant).slice(0, 7);

/** 这张工单收到的每一条评价：有 ratings 用 ratings（每位居民一条），旧数据只有反映人的 rating */

/** 最近一次派单的时刻（旧工单没有，按提交时刻） */
export const dispatchedAtOf = (t: Pick<Ticket, 'dispatchedAt' | 'createdAt'>): string => t.dispatchedAt ?? t.createdAt;

/** 这张工单的期限：派单时存下的 due；没有的（旧工单）按设置现算。各项缺的也现算补上。 */
export function dueOf(t: Ticket, settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS, overrides: readonly CalendarOverride[] = []): Deadlines {
  const stored = t.due;
  if (stored?.claim && stored.feedback && stored.resolve) return { claim: stored.claim, feedback: stored.feedback, resolve: stored.resolve };
  const computed = computeDeadlines({ dispatchedAt: dispatchedAtOf(t), urgency: t.urgency }, settings, overrides);
  return { claim: stored?.claim ?? computed.claim, feedback: stored?.feedback ?? computed.feedback, resolve: stored?.resolve ?? computed.resolve };
}

/** 第一位接单委员的时刻（没人接单为 null） */
export function firstClaimAt(t: Pick<Ticket, 'claimants'>): string | null {
  let first: string | null = null;
  for (const c of t.claimants) if (first === null || c.at < first) first = c.at;
  return first;
}

/** 派单那天之后到 at 那天（含）有几个工作日；同一天为 0 */
export function workdaysBetween(fromInstant: string, toInstant: string, overrides: readonly CalendarOverride[] = []): number {
  const from = shanghaiDate(fromInstant);
  const to = shanghaiDate(toInstant);
  if (to <= from) return 0;
  return workdaysInRange(addDays(from, 1), to, overrides).length;
}

/** 按期：做到的时刻不晚于期限（期限那一毫秒本身还算按期） */
const inTime = (doneAt: string, due: string) => Date.parse(doneAt) <= Date.parse(due);

/** 工单的问题库 / 建言库归属（归入案例库以后按分诊时的库） */
function libraryOf(t: Ticket): 'problem' | 'suggestion' {
  return t.library === 'case' ? t.triage.library : t.library;
}

/** 一张工单对汇总的贡献：按格（月份 × 站 × 小组 × 类别）列出它加的计数，没有贡献的格不列 */
export function ticketContribution(t: Ticket): FigureCell[] {
  const cells = new Map<string, FigureCell>();
  const add = (instant: string, counters: Partial<FigureCounters>) => {
    const key: FigureKey = { period: periodOf(instant), stationId: t.stationId, groupId: t.groupId, category: t.category };
    const id = figureKeyId(key);
    const cell = cells.get(id) ?? { ...key, counters: zeroCounters() };
    addCounters(cell.counters, counters);
    cells.set(id, cell);
  };
  const dispatchedAt = dispatchedAtOf(t);
  const due = dueOf(t);
  const claimAt = firstClaimAt(t);

  add(t.createdAt, { received: 1, [libraryOf(t)]: 1 });
  add(dispatchedAt, { dispatched: 1, claimedOnTime: claimAt !== null && inTime(claimAt, due.claim) ? 1 : 0, open: isOpen(t.status) ? 1 : 0 });
  if (claimAt !== null) add(claimAt, { claimDays: workdaysBetween(dispatchedAt, claimAt), claimCount: 1 });

  const outcome = t.outcome;
  const diverted = t.status === 'referred' || t.status === 'rejected' || t.status === 'merged';
  if (!diverted) {
    const closedInTime = t.status === 'closed' && outcome !== null && inTime(outcome.at, due.resolve);
    add(due.resolve, { dueToClose: 1, closedOnTime: closedInTime ? 1 : 0 });
  }
  if (outcome && !isOpen(t.status)) {
    if (t.status === 'closed') add(outcome.at, { closed: 1, closeDays: workdaysBetween(dispatchedAt, outcome.at), closeCount: 1 });
    else if (t.status === 'referred' || t.status === 'rejected' || t.status === 'merged') add(outcome.at, { [t.status]: 1 });
  }
  for (const r of ratingsOf(t)) add(r.at, { rated: 1, [r.rating === 'basic' ? 'basic' : r.rating]: 1 });
  return [...cells.values()].filter((c) => !isZero(c.counters));
}

/** 从旧的贡献到新的贡献要加减的量（新工单 before 为 null）；为零的格不列 */
export function contributionDelta(before: Ticket | null, after: Ticket | null): FigureCell[] {
  const cells = new Map<string, FigureCell>();
  const fold = (list: FigureCell[], sign: number) => {
    for (const c of list) {
      const id = figureKeyId(c);
      const cell = cells.get(id) ?? { period: c.period, stationId: c.stationId, groupId: c.groupId, category: c.category, counters: zeroCounters() };
      addCounters(cell.counters, c.counters, sign);
      cells.set(id, cell);
    }
  };
  if (before) fold(ticketContribution(before), -1);
  if (after) fold(ticketContribution(after), 1);
  return [...cells.values()].filter((c) => !isZero(c.counters));
}

/** 全部工单重数一遍得到的汇总（核对与测试用） */
export function recountFigures(tickets: Iterable<Ticket>): Map<string, FigureCell> {
  const cells = new Map<string, FigureCell>();
  for (const t of tickets) {
    for (const c of ticketContribution(t)) {
      const id = figureKeyId(c);
      const cell = cells.get(id);
      if (cell) addCounters(cell.counters, c.counters);
      else cells.set(id, { ...c, counters: { ...c.counters } });
    }
  }
  return cells;
}

/**
 * 未办结工单最早一个还没做到的期限（已办结或已分流的为 null）；早于"现在"即过期。
 * 过期只有这一条规则：存储把它存成一列（SQLite due_at / CloudBase dueAt）建索引，工作台的过期筛选和过期标记、看板的过期计数、
 * 每月通报的过期清单都按它。
 */
export function overdueAt(t: Ticket): string | null {
  return overdueStep(t)?.at ?? null;
}

/** 此刻是否过期 */
export function isOverdue(t: Ticket, nowIso: string): boolean {
  const at = overdueAt(t);
  return at !== null && at < nowIso;
}

/** 过期的是哪一步、期限何时（旧工单没有存下的期限，按默认设置现算） */
export function overdueStep(t: Ticket): { step: DeadlineStep; at: string } | null {
  return earliestOpenStep({ ...t, due: dueOf(t) });
}

/** 这张工单在哪几个月（北京时间）收到过"不满意"评价：存储按它建索引，每月通报的不满意清单查它，不必翻一个月里办结的全部工单 */
export function unsatisfiedPeriods(t: Ticket): string[] {
  return [...new Set(ratingsOf(t).filter((r) => r.rating === 'unsatisfied').map((r) => periodOf(r.at)))].sort();
}

/** 看板上的比率：分母为 0 时为 null */
export const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

export interface FigureRates {
  /** 响应率：按期接单 ÷ 派单 */
  responseRate: number | null;
  /** 按期办结率：按期办结 ÷ 应办结 */
  onTimeCloseRate: number | null;
  /** 满意率：(满意 + 基本满意) ÷ 评价 */
  satisfactionRate: number | null;
  /** 只算"满意"的比率 */
  satisfiedRate: number | null;
  /** 平均几个工作日接单、办结 */
  avgClaimWorkdays: number | null;
  avgCloseWorkdays: number | null;
}

export function ratesOf(c: FigureCounters): FigureRates {
  return {
    responseRate: ratio(c.claimedOnTime, c.dispatched),
    onTimeCloseRate: ratio(c.closedOnTime, c.dueToClose),
    satisfactionRate: ratio(c.satisfied + c.basic, c.rated),
    satisfiedRate: ratio(c.satisfied, c.rated),
    avgClaimWorkdays: ratio(c.claimDays, c.claimCount),
    avgCloseWorkdays: ratio(c.closeDays, c.closeCount),
  };
}

/** 页面和通报上印的口径说明（与上面的算法一一对应） */
export const FIGURE_DEFINITIONS: Array<{ name: string; text: string }> = [
  { name: '响应率', text: '在接单期限内有委员接单（含召集人分派）的件数 ÷ 派单件数，按派单月份统计' },
  { name: '按期办结率', text: '在办结期限内办结的件数 ÷ 办结期限落在本期的件数（转办、不予受理、合并的不计），按期限所在月份统计' },
  { name: '满意率', text: '（满意 + 基本满意）条数 ÷ 评价条数；反映人和每位"我也遇到了"的居民各算一条，按评价月份统计' },
  { name: '过期', text: '还没办结、已经过了接单期限（无人接单时）或办结期限的件数，按现在的时刻计算' },
  { name: '平均用时', text: '从派单次日起到接单（办结）那天的工作日数的平均值' },
];


/** 看板和通报上的一行（约定 admin.dashboard 的 rows 与 totals） */
export interface FigureRow {
  key: string;
  label: string;
  received: number;
  dispatched: number;
  claimedOnTime: number;
  responseRate: number | null;
  closed: number;
  /** 按期办结率的分母：办结期限落在本期的件数 */
  dueToClose: number;
  closedOnTime: number;
  onTimeCloseRate: number | null;
  rated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
  satisfactionRate: number | null;
  satisfiedRate: number | null;
  overdue: number;
  open: number;
  problem: number;
  suggestion: number;
  referred: number;
  rejected: number;
  merged: number;
  avgClaimWorkdays: number | null;
  avgCloseWorkdays: number | null;
}

export function figureRow(key: string, label: string, c: FigureCounters, overdue: number): FigureRow {
  const r = ratesOf(c);
  return {
    key,
    label,
    received: c.received,
    dispatched: c.dispatched,
    claimedOnTime: c.claimedOnTime,
    responseRate: r.responseRate,
    closed: c.closed,
    dueToClose: c.dueToClose,
    closedOnTime: c.closedOnTime,
    onTimeCloseRate: r.onTimeCloseRate,
    rated: c.rated,
    satisfied: c.satisfied,
    basic: c.basic,
    unsatisfied: c.unsatisfied,
    satisfactionRate: r.satisfactionRate,
    satisfiedRate: r.satisfiedRate,
    overdue,
    open: c.open,
    problem: c.problem,
    suggestion: c.suggestion,
    referred: c.referred,
    rejected: c.rejected,
    merged: c.merged,
    avgClaimWorkdays: r.avgClaimWorkdays,
    avgCloseWorkdays: r.avgCloseWorkdays,
  };
}


/** 县里定的红线（0..1） */
export interface FigureTargets {
  responseRate: number;
  onTimeCloseRate: number;
  satisfactionRate: number;
}
export const targetsOf = (s: { targetResponsePercent: number; targetOnTimeClosePercent: number; targetSatisfactionPercent: number }): FigureTargets => ({
  responseRate: s.targetResponsePercent / 100,
  onTimeCloseRate: s.targetOnTimeClosePercent / 100,
  satisfactionRate: s.targetSatisfactionPercent / 100,
});

const percent = (r: number | null): string => (r === null ? '无从计算' : `${Math.round(r * 1000) / 10}%`);

/** 每月通报开头的一段话，全由数字生成（"本月共收到反映 23 件，……"） */
export function reportNarrative(title: string, t: FigureRow, previous: FigureRow): string {
  const change = t.received - previous.received;
  const trend = previous.received === 0 ? '' : change === 0 ? '，与上期持平' : change > 0 ? `，比上期增加 ${change} 件` : `，比上期减少 ${-change} 件`;
  return [
    `${title}共收到反映 ${t.received} 件（问题 ${t.problem} 件、建议 ${t.suggestion} 件）${trend}。`,
    `派单 ${t.dispatched} 件，按期接单 ${t.claimedOnTime} 件，响应率 ${percent(t.responseRate)}。`,
    `办结期限在本期的 ${t.dueToClose} 件，按期办结 ${t.closedOnTime} 件，按期办结率 ${percent(t.onTimeCloseRate)}；本期办结 ${t.closed} 件，转办 ${t.referred} 件，不予受理 ${t.rejected} 件，合并 ${t.merged} 件。`,
    `收到评价 ${t.rated} 条，其中满意 ${t.satisfied} 条、基本满意 ${t.basic} 条、不满意 ${t.unsatisfied} 条，满意率 ${percent(t.satisfactionRate)}。`,
    `目前已过期未办结 ${t.overdue} 件。`,
  ].join('');
}

export const formatRate = percent;
