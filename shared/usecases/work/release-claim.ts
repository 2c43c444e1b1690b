/**
 * releaseClaim（退出接单）：接单委员退出；最后一人退出的"已接单"回到"待接单"（流转表决定）。
 * 结果：ok（工作台视图）；AUTH.FORBIDDEN（没接这一单）/ TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import type { Deps } from '../context';
import { runStaffAction } from './staff-action';

export function releaseClaim(deps: Deps, openid: string, ticketId: string) {
  return runStaffAction(deps, openid, ticketId, 'releaseClaim', ({ ticket }, actor) => {
    const m = actor.member!;
    return ok({ next: { ...ticket, claimants: ticket.claimants.filter((c) => c.memberId !== m.id) }, note: `${m.name}委员退出接单`, visibleToResident: false });
  });
}
