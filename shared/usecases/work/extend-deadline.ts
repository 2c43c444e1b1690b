/**
 * extendDeadline（延期）：召集人为一件事把办结期限顺延若干个工作日，只能一次，要写理由；
 * 升级到政协办的时刻随之重算；居民看到新的办结日期和理由（时间线与通知）。
 * 结果：ok（工作台视图）；DEADLINE.ALREADY_EXTENDED（第二次，流转表的守卫）/ DEADLINE.NOTHING_TO_EXTEND（没有办结期限的旧工单）/
 * REPORT.CONTENT_BLOCKED；AUTH.FORBIDDEN（不是本组召集人）/ TICKET.TRANSITION_NOT_ALLOWED（已结束）/ TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { fail, ok } from '../../domain/errors';
import { deadlineSettingsOf } from '../../domain/settings';
import { dueDateLabel, escalationTimes, extendedResolve } from '../../domain/supervision';
import type { Deps } from '../context';
import { checkedText, claimantsOf, residentsOf, runStaffAction } from './staff-action';

export async function extendDeadline(deps: Deps, openid: string, ticketId: string, workdays: number, reason: string) {
  const settings = await deps.loadSettings();
  return runStaffAction(deps, openid, ticketId, 'extendDeadline', async ({ ticket, now }, actor) => {
    const resolve = ticket.due?.resolve;
    if (!ticket.due || !resolve) return fail('DEADLINE.NOTHING_TO_EXTEND');
    const text = await checkedText(deps, openid, reason);
    if (!text.ok) return text;
    const due = { ...ticket.due, resolve: extendedResolve(resolve, workdays, settings.calendarOverrides) };
    const date = dueDateLabel(due.resolve);
    return ok({
      next: {
        ...ticket,
        due,
        escalateAt: escalationTimes(due, deadlineSettingsOf(settings), settings.calendarOverrides),
        dueExtension: { at: now, byMemberId: actor.member!.id, byName: actor.member!.name, reason, previous: ticket.due },
      },
      note: `办结期限延至 ${date}。${reason}`,
      visibleToResident: true,
      data: { previousResolve: resolve, resolve: due.resolve, workdays },
      notify: [
        { targets: residentsOf(ticket), content: { event: 'ticket.deadlineExtended', title: `办结期限延至 ${date} · ${ticket.no}`, body: reason } },
        { targets: await claimantsOf(deps, ticket), content: { event: 'ticket.deadlineExtended', title: `办结期限延至 ${date} · ${ticket.no}`, body: reason } },
      ],
    });
  });
}
