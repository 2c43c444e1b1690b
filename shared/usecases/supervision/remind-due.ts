/**
 * 到期提醒：期限到期那天早上，提醒本组（在任的委员和召集人，企业微信群里一张卡片），每人一条；
 * 同一天到期的几个期限合成一条。记入工单历史（工作人员可见）。
 * 结果：ok（做了的一步，或 null：别的实例已经做过）。
 */
import type { CoreDeps } from '../context';
import { STEP_LABELS, dueDateLabel } from '../../domain/supervision';
import { excerpt, type NotifyTarget } from '../notifications';
import { superviseTicket, type Round } from './supervise-ticket';

export async function remindDue(deps: CoreDeps, round: Round, ticketId: string) {
  return superviseTicket(deps, round, ticketId, 'remind', 'remindDue', async (ticket, steps) => {
    const [members, group] = await Promise.all([deps.store.listMembersOfGroup(ticket.groupId), deps.store.getGroup(ticket.groupId)]);
    const people = members.filter((m) => m.active && m.groups.some((g) => g.groupId === ticket.groupId));
    const targets: NotifyTarget[] = [...people.map((member) => ({ kind: 'member' as const, member })), ...(group ? [{ kind: 'group' as const, group }] : [])];
    const what = steps.map((s) => `${STEP_LABELS[s.step!]}期限`).join('、');
    const date = dueDateLabel(steps[0]!.due!);
    return {
      next: ticket,
      note: `${what}今天（${date}）到期，已提醒本组 ${people.length} 人`,
      visibleToResident: false,
      data: { recipients: people.map((m) => m.name) },
      notify: [{ targets, content: { event: 'ticket.dueToday', title: `今天到期：${what} · ${ticket.no}`, body: excerpt(ticket.redactedText, 50) } }],
      people: people.length,
    };
  });
}
