/**
 * closeTicket（办结）：召集人办结并归入案例库；按县里的设置定下回头看的时刻（办结后 followUpDays 天）。公开案例只有召集人写的标题和写法（没给标题就用预填的），
 * 都去掉个人信息并经过内容安全检查；居民打的字不原样公开。
 * 结果：ok（工作台视图；居民收到"已办结，请您评价"，接单委员收到办结通知）；REPORT.CONTENT_BLOCKED；
 * AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import { daysLater } from '../../domain/supervision';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { publicText } from '../public-text';
import { casePrefill } from '../views';
import { checkedText, claimantsOf, residentsOf, runStaffAction } from './staff-action';

export async function closeTicket(deps: Deps, openid: string, ticketId: string, caseSummary: string, publish = true, caseTitle?: string) {
  const { followUpDays } = await deps.loadSettings();
  return runStaffAction(deps, openid, ticketId, 'close', async ({ ticket, now }) => {
    const text = await checkedText(deps, openid, `${caseTitle ?? ''} ${caseSummary}`);
    if (!text.ok) return text;
    const summary = publicText(caseSummary, ticket);
    const title = caseTitle ? publicText(caseTitle, ticket) : casePrefill(ticket, null).title;
    return ok({
      next: { ...ticket, library: 'case', caseTitle: title, caseSummary: summary, publishCase: publish, outcome: { kind: 'closed', note: summary, at: now }, followUpAt: daysLater(now, followUpDays) },
      note: summary,
      visibleToResident: true,
      notify: [
        { targets: residentsOf(ticket), content: { event: 'ticket.closed', title: `已办结，请您评价 · ${ticket.no}`, body: `${excerpt(summary, 50)} 点此评价：满意 / 基本满意 / 不满意` } },
        { targets: await claimantsOf(deps, ticket), content: { event: 'ticket.closed', title: `已办结 · ${ticket.no}`, body: excerpt(summary, 60) } },
      ],
    });
  });
}
