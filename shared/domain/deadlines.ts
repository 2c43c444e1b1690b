/**
 * 工单的期限（跟进督单）：接单、首次反馈、办结三个期限，都从派单时刻（提交、重新打开、改派）起算，不从接单起算。
 *
 * "N 个工作日内"是：派单当天不算，之后第 N 个工作日的北京时间 23:59:59.999 之前。
 * 紧急工单的接单期限按自然小时算（默认 2 小时）；它的反馈和办结期限仍按工作日算，与一般工单相同。
 * 过期未办的，再过若干个工作日（默认 2 个）升级到政协办：workdaysAfterDue。
 *
 * 这里的设置和默认值以后并入 settings.ts 的 CountySettings；在那之前由这里给出。
 * 所有时刻都是 UTC ISO 字符串，"现在"由调用方传入。
 */
import type { Urgency } from './vocabulary';
import { type CalendarOverride, endOfShanghaiDay, isEstimated, nthWorkdayAfter, shanghaiDate } from './calendar';

export { DEADLINE_BOUNDS, DEFAULT_DEADLINE_SETTINGS, DeadlineSettingsSchema } from './deadline-settings';
export type { DeadlineSettings } from './deadline-settings';
import { DEFAULT_DEADLINE_SETTINGS, type DeadlineSettings } from './deadline-settings';

export interface Deadlines {
  claim: string;
  feedback: string;
  resolve: string;
}

export interface DispatchFacts {
  /** 派单时刻：提交、重新打开或改派的时刻，ISO */
  dispatchedAt: string;
  urgency: Urgency;
  /** 需要与职能部门协商：办结期限用 resolveWithDepartmentsWorkdays */
  needsDepartments?: boolean;
}

const MS_PER_HOUR = 3_600_000;

function instantMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO instant: ${iso}`);
  return ms;
}

/** 派单时刻之后第 n 个工作日（北京时间，派单当天不算）结束的时刻，UTC ISO */
export function endOfNthWorkdayAfter(instant: string, n: number, overrides: readonly CalendarOverride[] = []): string {
  return endOfShanghaiDay(nthWorkdayAfter(shanghaiDate(instant), n, overrides));
}

/** 一张工单派单时的三个期限 */
export function computeDeadlines(facts: DispatchFacts, settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS, overrides: readonly CalendarOverride[] = []): Deadlines {
  const { dispatchedAt } = facts;
  const claim =
    facts.urgency === 'urgent'
      ? // 自然小时：节假日、夜里都照算
        new Date(instantMs(dispatchedAt) + settings.urgentClaimHours * MS_PER_HOUR).toISOString()
      : endOfNthWorkdayAfter(dispatchedAt, settings.claimWorkdays, overrides);
  return {
    claim,
    feedback: endOfNthWorkdayAfter(dispatchedAt, settings.feedbackWorkdays, overrides),
    resolve: endOfNthWorkdayAfter(dispatchedAt, facts.needsDepartments ? settings.resolveWithDepartmentsWorkdays : settings.resolveWorkdays, overrides),
  };
}

/**
 * 一个期限过后再 n 个工作日结束的时刻（升级到政协办用）：期限所在的北京时间那天不算。
 * 默认 n 取设置里的 escalateToOfficeWorkdays。
 */
export function workdaysAfterDue(due: string, n: number, overrides: readonly CalendarOverride[] = []): string {
  return endOfNthWorkdayAfter(due, n, overrides);
}

/** 过了这个期限升级到政协办 */
export function officeEscalationAt(due: string, settings: DeadlineSettings = DEFAULT_DEADLINE_SETTINGS, overrides: readonly CalendarOverride[] = []): string {
  return workdaysAfterDue(due, settings.escalateToOfficeWorkdays, overrides);
}

/** 期限已过：now 严格晚于期限（期限那一毫秒本身还算按期）。没有期限的不算过期。 */
export function isOverdue(due: string | undefined, now: string): boolean {
  if (due === undefined) return false;
  return instantMs(now) > instantMs(due);
}

/** 工单已做到哪一步：做完的那一步不再算过期 */
export interface DeadlineProgress {
  claimed: boolean;
  fedBack: boolean;
  resolved: boolean;
}

/** 还没做完、已经过了期限的那些步骤；工单视图上的 overdue 就是它不为空 */
export function overdueSteps(due: Partial<Deadlines>, progress: DeadlineProgress, now: string): (keyof Deadlines)[] {
  const out: (keyof Deadlines)[] = [];
  if (!progress.claimed && isOverdue(due.claim, now)) out.push('claim');
  if (!progress.fedBack && isOverdue(due.feedback, now)) out.push('feedback');
  if (!progress.resolved && isOverdue(due.resolve, now)) out.push('resolve');
  return out;
}

/** 这个期限是按周一至周五估算出来的（期限那天的全国安排还没发布），管理端据此提示 */
export function isEstimatedDue(due: string): boolean {
  return isEstimated(shanghaiDate(due));
}
