/**
 * 升级到政协办：期限过后再过若干个工作日（县里的设置）仍没做完，告诉管这个小组的政协办管理员（每人一条）；
 * 紧急的反映在提交（派单）时就告诉他们（urgentOffice）。都记入工单历史。
 * 结果：ok（做了的一步，或 null：别的实例已经做过）。
 */
import type { Member, Ticket } from '../../domain/model';
import { adminScopeOf, scopeCovers } from '../../domain/access';
import { STEP_LABELS, dueDateLabel, type ScheduledKind } from '../../domain/supervision';
import { URGENCY_LABELS } from '../../domain/vocabulary';
import type { CoreDeps } from '../context';
import { excerpt } from '../notifications';
import { superviseTicket, type Round } from './supervise-ticket';

/** 管得到这张工单所在小组的在任管理员 */
export function adminsInScope(admins: Member[], ticket: Pick<Ticket, 'groupId'>): Member[] {
  return admins.filter((m) => {
    const scope = adminScopeOf(m);
    return !!scope && scopeCovers(scope, ticket.groupId);
  });
}

export async function escalateToOffice(deps: CoreDeps, round: Round, ticketId: string, kind: Extract<ScheduledKind, 'escalateOffice' | 'urgentOffice'> = 'escalateOffice') {
  return superviseTicket(deps, round, ticketId, kind, 'escalate', async (ticket, steps) => {
    const admins = adminsInScope(await round.admins(), ticket);
    const names = admins.map((m) => m.name).join('、') || '（没有管这个小组的管理员）';
    const targets = admins.map((member) => ({ kind: 'member' as const, member }));
    if (kind === 'urgentOffice') {
      return {
        next: ticket,
        note: `${URGENCY_LABELS.urgent}反映，已同时告知政协办（${names}）`,
        visibleToResident: false,
        data: { level: 'office', urgent: true, recipients: admins.map((m) => m.name) },
        notify: [{ targets, content: { event: 'ticket.urgent', title: `【${URGENCY_LABELS.urgent}】请关注 · ${ticket.no}`, body: excerpt(ticket.redactedText, 50) } }],
        people: admins.length,
      };
    }
    const what = steps.map((s) => `${STEP_LABELS[s.step!]}期限（${dueDateLabel(s.due!)}）`).join('、');
    return {
      next: ticket,
      note: `${what}过期仍未办，已升级到政协办（${names}）`,
      visibleToResident: false,
      data: { level: 'office', recipients: admins.map((m) => m.name) },
      notify: [{ targets, content: { event: 'ticket.escalated', title: `督办：${what}过期未办 · ${ticket.no}`, body: excerpt(ticket.redactedText, 50) } }],
      people: admins.length,
    };
  });
}
