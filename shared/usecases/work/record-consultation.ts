/**
 * recordConsultation（记录协商）：时间、地点、参加的人和部门、协商结果；工单进入"协商中"。
 * 结果：ok（工作台视图，居民收到协商结果）；REPORT.CONTENT_BLOCKED；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import type { ConsultationInput } from '../../api/work.api';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { checkedText, residentsOf, runStaffAction } from './staff-action';

export function recordConsultation(deps: Deps, openid: string, ticketId: string, c: ConsultationInput) {
  return runStaffAction(deps, openid, ticketId, 'recordConsultation', async ({ ticket }) => {
    const text = await checkedText(deps, openid, `${c.place} ${c.agreement}`);
    if (!text.ok) return text;
    const record = { heldAt: c.heldAt, place: c.place, participants: c.participants, departments: c.departments, agreement: c.agreement };
    const note = `协商地点：${c.place}；参加：${c.participants.join('、')}${c.departments.length ? `；部门：${c.departments.join('、')}` : ''}；协商结果：${c.agreement}`;
    return ok({
      next: ticket,
      note,
      visibleToResident: true,
      data: { consultation: record },
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.consulted', title: `协商结果 · ${ticket.no}`, body: excerpt(c.agreement, 60) } }],
    });
  });
}
