/**
 * reopenTicket（重新办理）：原接单委员继续（已接单），没人接的回到待接单（流转表决定）；案例撤回，每位居民的评价清空（留在历史里）。
 * 结果：ok（工作台视图；接单委员和居民收到通知）；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import { ratingsOf } from '../../domain/ratings';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { claimantsOf, residentsOf, runStaffAction } from './staff-action';

export function reopenTicket(deps: Deps, openid: string, ticketId: string, reason = '') {
  return runStaffAction(deps, openid, ticketId, 'reopen', async ({ ticket }) =>
    ok({
      next: { ...ticket, library: ticket.kind, outcome: null, publishCase: false, rating: null, ratings: [] },
      note: reason || '召集人决定重新办理',
      visibleToResident: true,
      // 上一轮的评价留在历史里（每一条都算过）；再次办结后，每位居民可以重新评价
      ...(ratingsOf(ticket).length ? { data: { previousRating: ticket.rating, previousRatings: ratingsOf(ticket) } } : {}),
      notify: [
        { targets: await claimantsOf(deps, ticket), content: { event: 'ticket.reopened', title: `重新办理 · ${ticket.no}`, body: reason || excerpt(ticket.redactedText, 60) } },
        { targets: residentsOf(ticket), content: { event: 'ticket.reopened', title: `您的反映重新办理 · ${ticket.no}`, body: reason || '召集人已安排重新办理。' } },
      ],
    }),
  );
}
