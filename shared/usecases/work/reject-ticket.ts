/**
 * rejectTicket（不予受理）：召集人写明理由，居民看得到。
 * 结果：ok（工作台视图；居民收到通知）；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { residentsOf, runStaffAction } from './staff-action';

export function rejectTicket(deps: Deps, openid: string, ticketId: string, reason: string) {
  return runStaffAction(deps, openid, ticketId, 'reject', ({ ticket, now }) =>
    ok({
      next: { ...ticket, outcome: { kind: 'rejected', note: reason, at: now } },
      note: reason,
      visibleToResident: true,
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.rejected', title: `不予受理 · ${ticket.no}`, body: excerpt(reason, 60) } }],
    }),
  );
}
