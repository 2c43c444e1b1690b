/**
 * 过期升级到召集人：期限已过、这一步还没做完，告诉本组召集人（每人一条），记入工单历史。
 * 结果：ok（做了的一步，或 null：别的实例已经做过）。
 */
import { convenersOf, type CoreDeps } from '../context';
import { STEP_LABELS, dueDateLabel } from '../../domain/supervision';
import { excerpt } from '../notifications';
import { superviseTicket, type Round } from './supervise-ticket';

export async function escalateToConvener(deps: CoreDeps, round: Round, ticketId: string) {
  return superviseTicket(deps, round, ticketId, 'escalateConvener', 'escalate', async (ticket, steps) => {
    const conveners = await convenersOf(deps, ticket.groupId);
    const what = steps.map((s) => `${STEP_LABELS[s.step!]}期限（${dueDateLabel(s.due!)}）`).join('、');
    return {
      next: ticket,
      note: `${what}已过，已告知召集人${conveners.map((m) => m.name).join('、') || '（本组没有召集人）'}`,
      visibleToResident: false,
      data: { level: 'convener', recipients: conveners.map((m) => m.name) },
      notify: [{ targets: conveners.map((member) => ({ kind: 'member' as const, member })), content: { event: 'ticket.overdue', title: `已过期未办：${what} · ${ticket.no}`, body: excerpt(ticket.redactedText, 50) } }],
      people: conveners.length,
    };
  });
}
