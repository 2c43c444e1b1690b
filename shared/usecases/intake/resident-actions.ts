/**
 * 居民的动作：我也遇到了（加入已有反映而不是重复提交）、办结后评价。
 */
import { fail, ok, type Result } from '../../domain/errors';
import type { Rating } from '../../domain/vocabulary';
import { RATING_LABELS } from '../../domain/vocabulary';
import type { ResidentTicketView } from '../../api/intake.api';
import { convenersOf, resolveActor, type Deps } from '../context';
import { mutateTicket } from '../mutate-ticket';
import { excerpt } from '../notifications';
import { buildResidentView } from './resident-queries';

/** meToo：TICKET.NOT_FOUND / TICKET.OWN_TICKET / TICKET.ALREADY_JOINED / TICKET.TRANSITION_NOT_ALLOWED（已结束）。 */
export async function meToo(deps: Deps, openid: string, ticketId: string): Promise<Result<{ ticketId: string; reporterCount: number }>> {
  const actor = await resolveActor(deps, openid);
  const r = await mutateTicket(
    deps,
    actor,
    ticketId,
    'meToo',
    ({ ticket }) => {
      if (ticket.meToo.includes(openid)) return fail('TICKET.ALREADY_JOINED');
      return ok({ next: { ...ticket, meToo: [...ticket.meToo, openid] }, note: '又有一位居民反映了同样的问题', visibleToResident: true });
    },
    { visibleWithoutAccess: true },
  );
  if (!r.ok && r.error.code === 'AUTH.FORBIDDEN') {
    const t = await deps.store.getTicket(ticketId);
    if (t?.residentOpenid === openid) return fail('TICKET.OWN_TICKET');
  }
  if (!r.ok) return r;
  return ok({ ticketId: r.data.id, reporterCount: r.data.meToo.length + 1 });
}

/** rateTicket：办结后提交人评价一次；"不满意"通知召集人，由召集人决定是否重新办理。 */
export async function rateTicket(deps: Deps, openid: string, ticketId: string, rating: Rating, comment: string): Promise<Result<ResidentTicketView>> {
  const actor = await resolveActor(deps, openid);
  const r = await mutateTicket(deps, actor, ticketId, 'rate', async ({ ticket, now }) => {
    if (ticket.rating) return fail('TICKET.ALREADY_RATED');
    const conveners = rating === 'unsatisfied' ? await convenersOf(deps, ticket.groupId) : [];
    return ok({
      next: { ...ticket, rating: { rating, comment, at: now } },
      note: `评价：${RATING_LABELS[rating]}${comment ? `。${comment}` : ''}`,
      visibleToResident: true,
      notify: conveners.length
        ? [{
            targets: conveners.map((member) => ({ kind: 'member' as const, member })),
            content: { event: 'ticket.unsatisfied', title: `居民不满意 · ${ticket.no}`, body: `${excerpt(ticket.redactedText)}${comment ? ` · 意见：${excerpt(comment, 30)}` : ''}` },
          }]
        : [],
    });
  });
  if (!r.ok) return r;
  return ok(await buildResidentView(deps, r.data, openid));
}
