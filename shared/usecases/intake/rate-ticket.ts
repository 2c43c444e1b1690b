/**
 * rateTicket（结果共评）：办结后，反映人和每一位点过"我也遇到了"的居民各评价一次，每一条都计入满意率。
 * "不满意"可点选原因（DISSATISFACTION_REASONS）并写一句话；召集人收到通知，在"重新办理"前看到原因。
 * 结果：ok（居民视图）；TICKET.ALREADY_RATED（守卫：她已评过）/ AUTH.FORBIDDEN（守卫：她没反映也没加入）/
 * TICKET.TRANSITION_NOT_ALLOWED（未办结）/ TICKET.NOT_FOUND。
 */
import { ok, type Result } from '../../domain/errors';
import { reasonLabels, withRating } from '../../domain/ratings';
import { RATING_LABELS, type DissatisfactionReason, type Rating } from '../../domain/vocabulary';
import type { ResidentTicketView } from '../../api/intake.api';
import { convenersOf, resolveActor, type Deps } from '../context';
import { mutateTicket } from '../mutate-ticket';
import { excerpt } from '../notifications';
import { publicText } from '../public-text';
import { buildResidentView } from './resident-view';

export interface RatingInput {
  rating: Rating;
  reasons?: DissatisfactionReason[];
  comment?: string;
}

export async function rateTicket(deps: Deps, openid: string, ticketId: string, input: RatingInput): Promise<Result<ResidentTicketView>> {
  const actor = await resolveActor(deps, openid);
  const { rating } = input;
  // 原因只在不满意时有意义；重复点的去掉
  const reasons = rating === 'unsatisfied' ? [...new Set(input.reasons ?? [])] : [];
  const comment = input.comment ?? '';
  const r = await mutateTicket(deps, actor, ticketId, 'rate', async ({ ticket, now }) => {
    const conveners = rating === 'unsatisfied' ? await convenersOf(deps, ticket.groupId) : [];
    const why = reasonLabels(reasons).join('、');
    const who = ticket.residentOpenid === openid ? '反映人' : '也反映了的居民';
    // 居民写的一句话会进时间线和给召集人的通知：同样去掉个人信息
    const said = comment ? publicText(comment, ticket) : '';
    return ok({
      next: withRating(ticket, { openid, rating, reasons, comment, at: now, via: 'rate' }),
      note: `评价：${RATING_LABELS[rating]}${why ? `（${why}）` : ''}${said ? `。${said}` : ''}`,
      visibleToResident: true,
      data: { rating, reasons },
      notify: conveners.length
        ? [{
            targets: conveners.map((member) => ({ kind: 'member' as const, member })),
            content: {
              event: 'ticket.unsatisfied',
              title: `居民不满意 · ${ticket.no}`,
              body: `${who}：${why || '不满意'}${said ? ` · ${excerpt(said, 30)}` : ''} · ${excerpt(ticket.redactedText, 30)}`,
            },
          }]
        : [],
    });
  });
  if (!r.ok) return r;
  return ok(await buildResidentView(deps, r.data, openid));
}
