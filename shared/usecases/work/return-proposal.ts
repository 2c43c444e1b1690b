/**
 * returnProposal（退回继续办理）：召集人把提请办结的工单退回，接单委员收到理由。
 * 结果：ok（工作台视图）；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { claimantsOf, runStaffAction } from './staff-action';

export function returnProposal(deps: Deps, openid: string, ticketId: string, reason: string) {
  return runStaffAction(deps, openid, ticketId, 'returnProposal', async ({ ticket }) =>
    ok({
      next: ticket,
      note: reason,
      visibleToResident: false,
      notify: [{ targets: await claimantsOf(deps, ticket), content: { event: 'ticket.returned', title: `退回继续办理 · ${ticket.no}`, body: excerpt(reason, 60) } }],
    }),
  );
}
