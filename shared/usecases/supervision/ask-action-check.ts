/**
 * 回头督：协商记录后若干天（县里的设置），问接单委员"商定的事办了没有"（每人一条）；委员用 work.answerActionCheck 答，
 * "没办"转给召集人督办。
 * 结果：ok（做了的一步，或 null：别的实例已经做过）。
 */
import type { CoreDeps } from '../context';
import { excerpt } from '../notifications';
import { claimantsOf } from '../work/staff-action';
import { superviseTicket, type Round } from './supervise-ticket';

export async function askActionCheck(deps: CoreDeps, round: Round, ticketId: string) {
  return superviseTicket(deps, round, ticketId, 'actionCheck', 'askActionCheck', async (ticket, steps) => {
    const ids = new Set(steps.map((s) => s.checkId));
    const checks = (ticket.actionChecks ?? []).map((c) => (ids.has(c.id) ? { ...c, askedAt: round.now } : c));
    const asked = checks.filter((c) => ids.has(c.id));
    const targets = await claimantsOf(deps, ticket);
    const names = targets.flatMap((t) => (t.kind === 'member' ? [t.member.name] : []));
    return {
      next: { ...ticket, actionChecks: checks },
      note: `回头督：问接单委员${names.join('、') || '（已无接单委员）'}商定的事办了没有`,
      visibleToResident: false,
      data: { checkIds: [...ids], recipients: names },
      notify: [{ targets, content: { event: 'ticket.actionCheck', title: `回头督：商定的事办了没有？ · ${ticket.no}`, body: excerpt(asked.map((c) => c.agreement).join('；'), 60) } }],
      people: targets.length,
    };
  });
}
