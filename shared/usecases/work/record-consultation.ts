/**
 * recordConsultation（记录协商）：时间、地点、参加的人和部门、协商结果；工单进入"协商中"；
 * 记下回头督的时刻（协商后 actionCheckDays 天问接单委员商定的事办了没有）。
 * 结果：ok（工作台视图，居民收到协商结果）；REPORT.CONTENT_BLOCKED；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import type { ConsultationInput } from '../../api/work.api';
import { daysLater } from '../../domain/supervision';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { checkedText, residentsOf, runStaffAction } from './staff-action';

export async function recordConsultation(deps: Deps, openid: string, ticketId: string, c: ConsultationInput) {
  const { actionCheckDays } = await deps.loadSettings();
  return runStaffAction(deps, openid, ticketId, 'recordConsultation', async ({ ticket, now }) => {
    const text = await checkedText(deps, openid, `${c.place} ${c.agreement}`);
    if (!text.ok) return text;
    const record = { heldAt: c.heldAt, place: c.place, participants: c.participants, departments: c.departments, agreement: c.agreement };
    const note = `协商地点：${c.place}；参加：${c.participants.join('、')}${c.departments.length ? `；部门：${c.departments.join('、')}` : ''}；协商结果：${c.agreement}`;
    // 回头督：协商商定的事，actionCheckDays 天后问接单委员办了没有
    const check = { id: deps.ids.next(), agreement: c.agreement, dueAt: daysLater(now, actionCheckDays), answers: [] };
    return ok({
      next: { ...ticket, actionChecks: [...(ticket.actionChecks ?? []), check] },
      note,
      visibleToResident: true,
      data: { consultation: record },
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.consulted', title: `协商结果 · ${ticket.no}`, body: excerpt(c.agreement, 60) } }],
    });
  });
}
