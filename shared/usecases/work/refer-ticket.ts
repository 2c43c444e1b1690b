/**
 * referTicket（转办）：个人诉求（一人一事）转职能部门，不进协商；理由居民看得到。
 * 结果：ok（工作台视图；居民收到转办通知）；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { residentsOf, runStaffAction } from './staff-action';

export function referTicket(deps: Deps, openid: string, ticketId: string, department: string, reason: string) {
  return runStaffAction(deps, openid, ticketId, 'refer', ({ ticket, now }) =>
    ok({
      next: { ...ticket, outcome: { kind: 'referred', note: reason, department, at: now } },
      note: `已转${department}办理。${reason}`,
      visibleToResident: true,
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.referred', title: `已转${department}办理 · ${ticket.no}`, body: excerpt(reason, 60) } }],
    }),
  );
}
