/**
 * claimTicket（接单）：委员自愿接单，名额内几个人都可以一起接；召集人也可以亲自接。
 * 结果：ok（工作台视图，居民收到"委员已接单"）；TICKET.ALREADY_CLAIMED / TICKET.CLAIM_FULL（守卫）；
 * TICKET.TRANSITION_NOT_ALLOWED / AUTH.FORBIDDEN / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { residentsOf, runStaffAction } from './staff-action';

export function claimTicket(deps: Deps, openid: string, ticketId: string) {
  return runStaffAction(deps, openid, ticketId, 'claim', ({ ticket, now }, actor) => {
    const m = actor.member!;
    return ok({
      next: { ...ticket, claimants: [...ticket.claimants, { memberId: m.id, name: m.name, at: now, assigned: false }] },
      note: `${m.name}委员接单`,
      visibleToResident: true,
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.claimed', title: `委员已接单 · ${ticket.no}`, body: `${m.name}委员接下了您反映的"${excerpt(ticket.redactedText, 20)}"，会尽快与您联系。` } }],
    });
  });
}
