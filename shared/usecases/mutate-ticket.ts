/**
 * 工单修改的唯一通道：读工单 → 按身份查流转表 → 计划修改 → 带版本号的条件写入（连同历史与通知）。
 * 版本冲突时重读重算，所以并发接单、并发办结都只会有一个结果生效，没有丢失的更新。
 * 跟进督单的两条规则也在这里（所有动作都经过这里）：派单动作（重新办理、改由其他小组办理）按县里的设置
 * 重算期限；第一次给居民的反馈记下时刻。定时任务以"系统"身份（options.system）走同一条通道。
 */
import { checkTransition, resolveTarget, type Relation, type TicketAction, type TicketStatus } from '../domain/lifecycle';
import { canSeeTicket, relationsTo, RELATION_PRIORITY } from '../domain/access';
import { fail, ok, type ErrorCode, type Result } from '../domain/errors';
import type { HistoryEntry, OutboxEntry, Ticket } from '../domain/model';
import type { TicketChange } from '../ports/store.port';
import type { Actor, CoreDeps } from './context';
import { buildOutbox, type NotificationContent, type NotifyTarget } from './notifications';
import { DISPATCH_ACTIONS, dispatched, FEEDBACK_ACTIONS } from '../domain/supervision';
import { deadlineSettingsOf } from '../domain/settings';


export interface PlanContext {
  ticket: Ticket;
  relation: Relation;
  relations: Relation[];
  now: string;
}

export interface MutationPlan {
  /** 修改后的工单（状态按流转表、版本、时间由本模块填写，计划里的 status 不算数） */
  next: Ticket;
  note: string;
  visibleToResident: boolean;
  data?: Record<string, unknown>;
  notify?: Array<{ targets: NotifyTarget[]; content: NotificationContent }>;
  /** 没有要写的（定时任务的一步在重读之后发现已经有人做过了）：不写入，原样返回工单 */
  noop?: boolean;
  /** 同一事务里要一起改的其他工单（合并时的目标工单） */
  also?: Array<{ next: Ticket; expectedVersion: number; note: string; action: TicketAction; visibleToResident: boolean }>;
}

// 每轮只有一个并发写入者胜出；"我也遇到了"这类可交换的修改在高峰时要多轮才能全部写入
const MAX_ATTEMPTS = 100;

/** 定时任务的身份：不是任何人，相对每张工单都是 system */
export const SYSTEM_ACTOR: Actor = { openid: 'system', member: null };

export function actorName(actor: Actor, relation: Relation): string {
  if (relation === 'system') return '系统';
  if (actor.member && relation !== 'owner' && relation !== 'resident') return actor.member.name;
  return relation === 'owner' ? '反映人' : '居民';
}

export async function mutateTicket(
  deps: CoreDeps,
  actor: Actor,
  ticketId: string,
  action: TicketAction,
  plan: (ctx: PlanContext) => Promise<Result<MutationPlan>> | Result<MutationPlan>,
  options: { visibleWithoutAccess?: boolean; system?: boolean } = {},
): Promise<Result<Ticket>> {
  const dispatchSettings = DISPATCH_ACTIONS.includes(action) ? await deps.loadSettings() : null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const ticket = await deps.store.getTicket(ticketId);
    if (!ticket) return fail('TICKET.NOT_FOUND');
    const relations: Relation[] = options.system ? ['system'] : relationsTo(actor, ticket);
    if (!options.system && !options.visibleWithoutAccess && !canSeeTicket(relations, ticket, actor.openid)) return fail('TICKET.NOT_FOUND');

    const checks = RELATION_PRIORITY.filter((r) => relations.includes(r)).map((r) => ({ r, c: checkTransition(action, ticket.status, r) }));
    const allowed = checks.find((x) => x.c.allowed);
    if (!allowed || !allowed.c.allowed) {
      const code: ErrorCode = checks.some((x) => !x.c.allowed && x.c.reason === 'wrong_state') ? 'TICKET.TRANSITION_NOT_ALLOWED' : 'AUTH.FORBIDDEN';
      return fail(code);
    }
    const refusal = allowed.c.guard?.({ ticket, memberId: actor.member?.id ?? null, openid: actor.openid });
    if (refusal) return fail(refusal);
    const now = deps.clock.now().toISOString();
    const planned = await plan({ ticket, relation: allowed.r, relations, now });
    if (!planned.ok) return planned;
    const p = planned.data;
    if (p.noop) return ok(ticket);

    let next: Ticket = { ...p.next, version: ticket.version + 1, updatedAt: now };
    next.status = resolveTarget(allowed.c.to, ticket.status, next.claimants.length);
    if (dispatchSettings) next = dispatched(next, now, deadlineSettingsOf(dispatchSettings), dispatchSettings.calendarOverrides);
    if (FEEDBACK_ACTIONS.includes(action) && p.visibleToResident && !next.fedBackAt) next.fedBackAt = now;

    const name = actorName(actor, allowed.r);
    const entry = (t: Ticket, from: TicketStatus, act: TicketAction, note: string, visibleToResident: boolean, data?: Record<string, unknown>): HistoryEntry => ({
      id: deps.ids.next(),
      ticketId: t.id,
      at: now,
      action: act,
      actorOpenid: actor.openid,
      actorMemberId: actor.member?.id ?? null,
      actorName: name,
      relation: allowed.r,
      from,
      to: t.status,
      note,
      visibleToResident,
      ...(data ? { data } : {}),
    });
    const history = [entry(next, ticket.status, action, p.note, p.visibleToResident, p.data)];
    const changes: TicketChange[] = [{ next, expectedVersion: ticket.version }];
    for (const extra of p.also ?? []) {
      // 一起改的工单（合并的目标）只改内容，不改状态
      const n = { ...extra.next, version: extra.expectedVersion + 1, updatedAt: now };
      changes.push({ next: n, expectedVersion: extra.expectedVersion });
      history.push(entry(n, n.status, extra.action, extra.note, extra.visibleToResident));
    }
    const outbox: OutboxEntry[] = (p.notify ?? []).flatMap((n) => buildOutbox(next, n.targets, n.content, now, () => deps.ids.next()));
    if (await deps.store.updateTickets(changes, history, outbox)) return ok(next);
  }
  return fail('TICKET.VERSION_CONFLICT');
}
