/**
 * meToo（我也遇到了）：居民加入已有的反映，而不是重复提交；人数计入热度，进展和结果她也会收到。
 * 结果：ok（新的人数）；TICKET.NOT_FOUND / TICKET.OWN_TICKET / TICKET.ALREADY_JOINED（守卫）/ TICKET.TRANSITION_NOT_ALLOWED（已结束）。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { resolveActor, type Deps } from '../context';
import { mutateTicket } from '../mutate-ticket';

export async function meToo(deps: Deps, openid: string, ticketId: string): Promise<Result<{ ticketId: string; reporterCount: number }>> {
  const actor = await resolveActor(deps, openid);
  const r = await mutateTicket(
    deps,
    actor,
    ticketId,
    'meToo',
    ({ ticket }) => ok({ next: { ...ticket, meToo: [...ticket.meToo, openid] }, note: '又有一位居民反映了同样的问题', visibleToResident: true }),
    { visibleWithoutAccess: true },
  );
  if (!r.ok && r.error.code === 'AUTH.FORBIDDEN') {
    const t = await deps.store.getTicket(ticketId);
    if (t?.residentOpenid === openid) return fail('TICKET.OWN_TICKET');
  }
  if (!r.ok) return r;
  return ok({ ticketId: r.data.id, reporterCount: r.data.meToo.length + 1 });
}
