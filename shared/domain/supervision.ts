/**
 * 跟进督单的规则（纯函数）：什么算派单、什么算给居民反馈、一张工单哪一步做完了、什么时候过期、
 * 定时任务此刻该对它做哪几步（到期提醒、升级召集人、升级政协办、紧急时告知政协办、回头看、回头督），
 * 以及它下一次要被看的时刻（存储按这个时刻建索引，定时任务只读到点的工单）。
 *
 * 每一步有一个键（步骤 + 它依据的期限时刻），做过的键记在工单的 supervised 里、与通知同一次写入：
 * 同一步不会做第二次；重新派单、延期之后期限变了，键也变了，新期限照常提醒。
 */
import type { Ticket, TicketDue } from './model';
import type { TicketAction } from './lifecycle';
import { isOpen } from './lifecycle';
import { addDays, endOfShanghaiDay, shanghaiDate, type CalendarOverride } from './calendar';
import { ratingOf } from './ratings';
import { computeDeadlines, officeEscalationAt, workdaysAfterDue, type DeadlineSettings, type Deadlines } from './deadlines';

/** 派单：期限从这几个动作的时刻重新算起（提交、重新办理、改由其他小组办理） */
export const DISPATCH_ACTIONS: readonly TicketAction[] = ['submit', 'reopen', 'transfer'];
/** 给居民的反馈：这几个动作第一次发生的时刻记为首次反馈 */
export const FEEDBACK_ACTIONS: readonly TicketAction[] = ['addProgress', 'recordConsultation', 'proposeClose', 'close', 'refer', 'reject', 'merge'];

export type DeadlineStep = keyof Deadlines;
export const DEADLINE_STEPS: readonly DeadlineStep[] = ['claim', 'feedback', 'resolve'];
export const STEP_LABELS: Record<DeadlineStep, string> = { claim: '接单', feedback: '首次反馈', resolve: '办结' };

const MS_PER_DAY = 86_400_000;
/** 到期提醒在到期那天北京时间早上 8 点 */
const REMINDER_HOUR = 8;

/** 派单：写上派单时刻、三个期限、各自升级到政协办的时刻；去掉上一轮的反馈、延期、回头看 */
export function dispatched<T extends Pick<Ticket, 'urgency'> & Partial<Ticket>>(ticket: T, nowIso: string, settings: DeadlineSettings, overrides: readonly CalendarOverride[]): T {
  const due = computeDeadlines({ dispatchedAt: nowIso, urgency: ticket.urgency }, settings, overrides);
  const { fedBackAt: _f, dueExtension: _e, followUpAt: _u, ...rest } = ticket;
  return { ...rest, dispatchedAt: nowIso, due, escalateAt: escalationTimes(due, settings, overrides) } as T;
}

export function escalationTimes(due: TicketDue, settings: DeadlineSettings, overrides: readonly CalendarOverride[]): TicketDue {
  const out: TicketDue = {};
  for (const step of DEADLINE_STEPS) {
    const d = due[step];
    if (d) out[step] = officeEscalationAt(d, settings, overrides);
  }
  return out;
}

/** 召集人延期：办结期限顺延 workdays 个工作日（从原期限那天起算），升级时刻随之重算 */
export function extendedResolve(due: string, workdays: number, overrides: readonly CalendarOverride[]): string {
  return workdaysAfterDue(due, workdays, overrides);
}

/** 这一步做完了没有：接单看有没有人接着；反馈看有没有反馈过；办结看是否已结束。结束的工单每一步都算做完。 */
export function stepDone(t: Pick<Ticket, 'status' | 'claimants' | 'fedBackAt'>, step: DeadlineStep): boolean {
  if (!isOpen(t.status)) return true;
  if (step === 'claim') return t.claimants.length > 0;
  if (step === 'feedback') return !!t.fedBackAt;
  return false;
}

/**
 * 还没做完的期限里最早的一个，并说出是哪一步（接单 / 首次反馈 / 办结）；没有则 null。它过了，工单就算过期。
 * 存储按它建索引的那一列由 figures.ts 的 overdueAt 给出（旧工单没有存下期限的先按默认设置补上）；通报的过期清单写"首次反馈期限 11月9日 已过"。
 */
export function earliestOpenStep(t: Pick<Ticket, 'status' | 'claimants' | 'fedBackAt' | 'due'>): { step: DeadlineStep; at: string } | null {
  if (!isOpen(t.status) || !t.due) return null;
  const pending = DEADLINE_STEPS.filter((s) => !stepDone(t, s) && t.due![s]).map((s) => ({ step: s, at: t.due![s]! }));
  return pending.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))[0] ?? null;
}

/** 到期那天北京时间早上 8 点（UTC ISO） */
export function reminderAt(due: string): string {
  const day = shanghaiDate(due);
  const startOfDay = Date.parse(endOfShanghaiDay(addDays(day, -1))) + 1;
  return new Date(startOfDay + REMINDER_HOUR * 3_600_000).toISOString();
}

export type ScheduledKind = 'remind' | 'escalateConvener' | 'escalateOffice' | 'urgentOffice' | 'followUp' | 'actionCheck';

export interface ScheduledStep {
  /** 记在 supervised 里的键 */
  key: string;
  kind: ScheduledKind;
  /** 从这个时刻起该做 */
  at: string;
  /** 期限类的步骤：哪个期限、期限时刻 */
  step?: DeadlineStep;
  due?: string;
  /** 回头督：哪一次协商 */
  checkId?: string;
}

const after = (iso: string) => new Date(Date.parse(iso) + 1).toISOString();

/** 这张工单所有还可能要做的步骤（不管到没到点、做没做过） */
export function plannedSteps(t: Ticket): ScheduledStep[] {
  const steps: ScheduledStep[] = [];
  if (isOpen(t.status) && t.due) {
    if (t.urgency === 'urgent' && t.dispatchedAt) steps.push({ key: `urgentOffice:${t.dispatchedAt}`, kind: 'urgentOffice', at: t.dispatchedAt });
    for (const step of DEADLINE_STEPS) {
      const due = t.due[step];
      if (!due || stepDone(t, step)) continue;
      // 紧急工单的接单期限按小时算：提交时召集人和政协办已经收到，不再发"今天到期"
      if (!(step === 'claim' && t.urgency === 'urgent')) steps.push({ key: `remind:${step}:${due}`, kind: 'remind', at: reminderAt(due), step, due });
      steps.push({ key: `convener:${step}:${due}`, kind: 'escalateConvener', at: after(due), step, due });
      const office = t.escalateAt?.[step];
      if (office) steps.push({ key: `office:${step}:${due}`, kind: 'escalateOffice', at: after(office), step, due });
    }
  }
  if (t.status === 'closed' && t.followUpAt) steps.push({ key: `followUp:${t.followUpAt}`, kind: 'followUp', at: t.followUpAt });
  for (const c of t.actionChecks ?? []) if (!c.askedAt) steps.push({ key: `actionCheck:${c.id}`, kind: 'actionCheck', at: c.dueAt, checkId: c.id });
  return steps;
}

/** 还没做过的步骤。已经升级到召集人的期限，它的"今天到期"提醒就不必再发了 */
function unsent(t: Ticket): ScheduledStep[] {
  const done = new Set(t.supervised ?? []);
  return plannedSteps(t).filter((s) => !done.has(s.key) && !(s.kind === 'remind' && done.has(`convener:${s.step}:${s.due}`)));
}

/**
 * 此刻该做的步骤：到点了、没做过。过了期限才轮到的到期提醒（定时任务停过一阵）不发：同一轮里升级到召集人的那一步会发。
 */
export function dueSteps(t: Ticket, nowIso: string): ScheduledStep[] {
  return unsent(t).filter((s) => s.at <= nowIso && !(s.kind === 'remind' && s.due && s.due < nowIso));
}

/** 定时任务下一次要看这张工单的时刻（没有要做的为 null）。存储按它建索引。 */
export function nextWatchAt(t: Ticket): string | null {
  const times = unsent(t).map((s) => s.at).sort();
  return times[0] ?? null;
}

/** 回头看、回头督的时刻：从 nowIso 起 days 个自然日 */
export function daysLater(nowIso: string, days: number): string {
  return new Date(Date.parse(nowIso) + days * MS_PER_DAY).toISOString();
}

/** 回头看要问的人：反映人与每一位"我也遇到了"的居民；已评价的问"有没有反弹"，没评价的这一问就是评价 */
export function followUpQuestions(t: Pick<Ticket, 'residentOpenid' | 'meToo' | 'rating' | 'ratings'>): Array<{ openid: string; kind: 'rating' | 'rebound' }> {
  return [t.residentOpenid, ...t.meToo].map((openid) => ({ openid, kind: hasRated(t, openid) ? ('rebound' as const) : ('rating' as const) }));
}

/** 回头看问这位居民、她还没答的那一句（工单重新办理后不再算） */
export function pendingFollowUp(t: Pick<Ticket, 'status' | 'followUps'>, openid: string): { kind: 'rating' | 'rebound'; askedAt: string } | null {
  if (t.status !== 'closed') return null;
  const q = (t.followUps ?? []).find((f) => f.openid === openid && !f.answer);
  return q ? { kind: q.kind, askedAt: q.askedAt } : null;
}

export function hasRated(t: Pick<Ticket, 'residentOpenid' | 'rating' | 'ratings'>, openid: string): boolean {
  return ratingOf(t, openid) !== null;
}

export { REBOUND_ANSWERS, REBOUND_LABELS, type ReboundAnswer } from './vocabulary';

/** 期限给人看的说法：北京时间的"10月9日"（期限都是那天结束之前） */
export function dueDateLabel(iso: string): string {
  const [, m, d] = shanghaiDate(iso).split('-');
  return `${Number(m)}月${Number(d)}日`;
}
