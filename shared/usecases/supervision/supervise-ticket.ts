/**
 * 定时任务的每一步共用的写法：以"系统"身份走 mutateTicket（同一条条件写入通道），在拿到的最新工单上重算
 * 这一类此刻该做的步骤——别的实例刚做过的，重读后就不在了，什么也不写（noop）。做了的步骤键记进 supervised，
 * 与历史、通知同一次写入：再跑一遍不会重发。
 */
import { ok, type Result } from '../../domain/errors';
import type { TicketAction } from '../../domain/lifecycle';
import type { Member, Ticket } from '../../domain/model';
import { dueSteps, type ScheduledKind, type ScheduledStep } from '../../domain/supervision';
import type { AdminStore } from '../../ports/store.port';
import type { CoreDeps } from '../context';
import { mutateTicket, SYSTEM_ACTOR, type MutationPlan } from '../mutate-ticket';

/** 定时任务要找政协办的管理员（全部委员里在任的管理员），所以存储还要能列出全部委员 */
export interface SupervisionDeps extends CoreDeps {
  store: CoreDeps['store'] & Pick<AdminStore, 'listMembers'>;
}

/** 一轮里共用的东西：现在、（用到时才读的）管理员名单 */
export interface Round {
  now: string;
  admins(): Promise<Member[]>;
}

/** 做了的一步：给 runScheduled 的报告 */
export interface StepDone {
  ticketId: string;
  ticketNo: string;
  kind: ScheduledKind;
  keys: string[];
  /** 收到消息的人数（每人一条） */
  people: number;
}

export type StepPlan = (ticket: Ticket, steps: ScheduledStep[]) => Promise<Omit<MutationPlan, 'next'> & { next: Ticket; people: number }>;

export async function superviseTicket(deps: CoreDeps, round: Round, ticketId: string, kind: ScheduledKind, action: TicketAction, plan: StepPlan): Promise<Result<StepDone | null>> {
  let done: StepDone | null = null;
  const r = await mutateTicket(
    deps,
    SYSTEM_ACTOR,
    ticketId,
    action,
    async ({ ticket }) => {
      done = null;
      const steps = dueSteps(ticket, round.now).filter((s) => s.kind === kind);
      if (!steps.length) return ok({ next: ticket, note: '', visibleToResident: false, noop: true });
      const p = await plan(ticket, steps);
      const keys = steps.map((s) => s.key);
      done = { ticketId: ticket.id, ticketNo: ticket.no, kind, keys, people: p.people };
      const { people: _people, ...rest } = p;
      return ok({ ...rest, next: { ...p.next, supervised: [...(ticket.supervised ?? []), ...keys] }, data: { ...(p.data ?? {}), steps: keys } });
    },
    { system: true },
  );
  if (!r.ok) return r;
  return ok(done);
}
