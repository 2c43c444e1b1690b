/**
 * answerActionCheck（回头督答复）：协商后若干天，定时任务问接单委员"商定的事办了没有"，委员答"办了 / 没办"。
 * "没办"通知召集人（督办）；每位委员对每次协商答一次。
 * 结果：ok（工作台视图）；ACTIONCHECK.NOT_PENDING（没问到他或已答过）；REPORT.CONTENT_BLOCKED；
 * AUTH.FORBIDDEN（不是接单委员）/ TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { fail, ok } from '../../domain/errors';
import { convenersOf, type Deps } from '../context';
import { excerpt } from '../notifications';
import { checkedText, runStaffAction } from './staff-action';

export function answerActionCheck(deps: Deps, openid: string, ticketId: string, checkId: string, done: boolean, note = '') {
  return runStaffAction(deps, openid, ticketId, 'answerActionCheck', async ({ ticket, now }, actor) => {
    const me = actor.member!;
    const check = (ticket.actionChecks ?? []).find((c) => c.id === checkId);
    if (!check || !check.askedAt || check.answers.some((a) => a.memberId === me.id)) return fail('ACTIONCHECK.NOT_PENDING');
    if (note) {
      const text = await checkedText(deps, openid, note);
      if (!text.ok) return text;
    }
    const answered = { ...check, answers: [...check.answers, { memberId: me.id, name: me.name, done, note, at: now }] };
    const conveners = done ? [] : await convenersOf(deps, ticket.groupId);
    return ok({
      next: { ...ticket, actionChecks: (ticket.actionChecks ?? []).map((c) => (c.id === checkId ? answered : c)) },
      note: `${done ? '商定的事已落实' : '商定的事还没落实'}${note ? `。${note}` : ''}`,
      visibleToResident: false,
      data: { checkId, done },
      notify: conveners.length
        ? [{ targets: conveners.map((member) => ({ kind: 'member' as const, member })), content: { event: 'ticket.actionsNotDone', title: `回头督：商定的事未落实 · ${ticket.no}`, body: `${me.name}：${excerpt(note || check.agreement, 50)}` } }]
        : [],
    });
  });
}
