/**
 * runScheduled：定时任务的一轮（云端 cron 函数在租约下、本地服务按间隔都跑它）。
 * 读出"下次要看的时刻"已到的工单（存储里建了索引的 watchAt），对每一张按顺序做此刻该做的步骤：
 *   紧急反映告知政协办 → 到期提醒（本组）→ 过期升级召集人 → 再过若干个工作日升级政协办 → 回头看（居民）→ 回头督（接单委员）。
 * 每一步每人一条消息、记入工单历史，步骤键与通知同一次写入，所以连跑两遍第二遍什么也不发。
 * 结果：ok（这一轮做了什么：每一步一行，外加看了几张工单、还有没有没看完的）。
 */
import { ok, type Result } from '../../domain/errors';
import type { Member } from '../../domain/model';
import { dueSteps, type ScheduledKind } from '../../domain/supervision';
import { askActionCheck } from './ask-action-check';
import { askFollowUp } from './ask-follow-up';
import { escalateToConvener } from './escalate-to-convener';
import { escalateToOffice } from './escalate-to-office';
import { remindDue } from './remind-due';
import type { Round, StepDone, SupervisionDeps } from './supervise-ticket';

export interface ScheduledReport {
  now: string;
  /** 看了几张工单 */
  tickets: number;
  /** 做了的每一步 */
  steps: StepDone[];
  /** 到点的工单还有没看完的（下一轮接着看） */
  more: boolean;
  /** 没做成的（工单被并发改得太频繁等），下一轮再试 */
  failed: Array<{ ticketId: string; kind: ScheduledKind; code: string }>;
}

const ORDER: readonly ScheduledKind[] = ['urgentOffice', 'remind', 'escalateConvener', 'escalateOffice', 'followUp', 'actionCheck'];

/** 一轮最多看这么多张（云函数一次最多跑一分钟）；没看完的 more = true */
export const SCHEDULED_BATCH = 200;

export async function runScheduled(deps: SupervisionDeps, options: { batch?: number } = {}): Promise<Result<ScheduledReport>> {
  const now = deps.clock.now().toISOString();
  let admins: Promise<Member[]> | null = null;
  const round: Round = {
    now,
    admins: () => (admins ??= deps.store.listMembers().then((all) => all.filter((m) => m.active && m.isAdmin))),
  };
  const page = await deps.store.listTickets({ watchBefore: now }, { limit: options.batch ?? SCHEDULED_BATCH });
  const report: ScheduledReport = { now, tickets: page.items.length, steps: [], more: page.nextCursor !== null, failed: [] };
  const run: Record<ScheduledKind, (id: string) => Promise<Result<StepDone | null>>> = {
    urgentOffice: (id) => escalateToOffice(deps, round, id, 'urgentOffice'),
    remind: (id) => remindDue(deps, round, id),
    escalateConvener: (id) => escalateToConvener(deps, round, id),
    escalateOffice: (id) => escalateToOffice(deps, round, id),
    followUp: (id) => askFollowUp(deps, round, id),
    actionCheck: (id) => askActionCheck(deps, round, id),
  };
  for (const ticket of page.items) {
    const kinds = new Set(dueSteps(ticket, now).map((s) => s.kind));
    for (const kind of ORDER) {
      if (!kinds.has(kind)) continue;
      const r = await run[kind](ticket.id);
      if (!r.ok) report.failed.push({ ticketId: ticket.id, kind, code: r.error.code });
      else if (r.data) report.steps.push(r.data);
    }
  }
  return ok(report);
}
