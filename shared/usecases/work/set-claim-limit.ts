/**
 * setClaimLimit（调整接单名额）：召集人调整名额，或向全组开放（共性问题全组一起办）。
 * 结果：ok（工作台视图）；REQUEST.INVALID（新名额少于已接单人数）；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { fail, ok } from '../../domain/errors';
import type { Deps } from '../context';
import { runStaffAction } from './staff-action';

export function setClaimLimit(deps: Deps, openid: string, ticketId: string, limit: number, openToGroup = false) {
  return runStaffAction(deps, openid, ticketId, 'setClaimLimit', async ({ ticket }) => {
    const size = (await deps.store.listMembersOfGroup(ticket.groupId)).length;
    const next = openToGroup ? Math.max(size, limit) : limit;
    if (next < ticket.claimants.length) return fail('REQUEST.INVALID', 'limit');
    return ok({ next: { ...ticket, claimLimit: next }, note: openToGroup ? `向全组开放接单（${next}人）` : `接单名额调整为${next}人`, visibleToResident: false });
  });
}
