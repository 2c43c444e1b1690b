/**
 * 委员和召集人的每个工单动作都走这里：确认调用人绑定了委员身份 → mutateTicket（查流转表与守卫、条件写入、
 * 历史与通知同一事务）→ 返回更新后的工作台视图。各动作只写自己的"计划"。
 */
import { fail, ok, type Result } from '../../domain/errors';
import type { TicketAction } from '../../domain/lifecycle';
import type { Member, Ticket } from '../../domain/model';
import type { WorkTicketView } from '../../api/work.api';
import { resolveActor, type Actor, type Deps } from '../context';
import { mutateTicket, type MutationPlan, type PlanContext } from '../mutate-ticket';
import type { NotifyTarget } from '../notifications';
import { buildWorkView } from './work-view';

/** 工作台的调用人：没绑定委员身份的得到 MEMBER.NOT_BOUND。 */
export async function staffActor(deps: Deps, openid: string): Promise<Result<Actor>> {
  const actor = await resolveActor(deps, openid);
  if (!actor.member) return fail('MEMBER.NOT_BOUND');
  return ok(actor);
}

export type Planner = (ctx: PlanContext, actor: Actor) => Promise<Result<MutationPlan>> | Result<MutationPlan>;

export async function runStaffAction(deps: Deps, openid: string, ticketId: string, action: TicketAction, planner: Planner): Promise<Result<WorkTicketView>> {
  const a = await staffActor(deps, openid);
  if (!a.ok) return a;
  const r = await mutateTicket(deps, a.data, ticketId, action, (ctx) => planner(ctx, a.data));
  if (!r.ok) return r;
  return ok(await buildWorkView(deps, r.data, a.data));
}

/** 委员写的文字先过内容安全检查 */
export async function checkedText(deps: Deps, openid: string, text: string): Promise<Result<string>> {
  const verdict = await deps.content.checkText(text, openid);
  return verdict.pass ? ok(text) : fail('REPORT.CONTENT_BLOCKED');
}

/** 反映人和所有点了"我也遇到了"的居民 */
export const residentsOf = (t: Ticket): NotifyTarget[] => [t.residentOpenid, ...t.meToo].map((openid) => ({ kind: 'resident' as const, openid }));

export async function claimantsOf(deps: Pick<Deps, 'store'>, t: Ticket): Promise<NotifyTarget[]> {
  const all = await deps.store.listMembersOfGroup(t.groupId);
  return all.filter((m: Member) => t.claimants.some((c) => c.memberId === m.id)).map((member) => ({ kind: 'member' as const, member }));
}
