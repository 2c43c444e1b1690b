/**
 * rateTicket（结果共评）：办结后反映人评价一次；"不满意"通知召集人，由召集人决定是否重新办理。
 * 结果：ok（居民视图）；TICKET.ALREADY_RATED（守卫）/ TICKET.TRANSITION_NOT_ALLOWED（未办结）/ AUTH.FORBIDDEN / TICKET.NOT_FOUND。
 */
import { ok, type Result } from '../../domain/errors';
import { RATING_LABELS, type Rating } from '../../domain/vocabulary';
import type { ResidentTicketView } from '../../api/intake.api';
import { convenersOf, resolveActor, type Deps } from '../context';
import { mutateTicket } from '../mutate-ticket';
import { excerpt } from '../notifications';
import { buildResidentView } from './resident-view';

export async function rateTicket(deps: Deps, openid: string, ticketId: string, rating: Rating, comment: string): Promise<Result<ResidentTicketView>> {
  const actor = await resolveActor(deps, openid);
  const r = await mutateTicket(deps, actor, ticketId, 'rate', async ({ ticket, now }) => {
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
