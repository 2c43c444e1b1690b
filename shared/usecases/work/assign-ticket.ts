/**
 * assignTicket（分单）：召集人给没人接（或人手不够）的工单指定本组委员。
 * 只能分给本组已绑定微信、仍在任的委员：还没绑定的人收不到通知、打不开工单，居民却会被告知他在办。
 * 结果：ok（工作台视图；被分到的委员收到通知，原来没人接的，居民收到"委员已接单"）；TICKET.MEMBER_NOT_IN_GROUP / MEMBER.NOT_ASSIGNABLE；
 * AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { fail, ok } from '../../domain/errors';
import type { Member } from '../../domain/model';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { residentsOf, runStaffAction } from './staff-action';

export function assignTicket(deps: Deps, openid: string, ticketId: string, memberIds: string[]) {
  return runStaffAction(deps, openid, ticketId, 'assign', async ({ ticket, now }) => {
    const members = await deps.store.listMembersOfGroup(ticket.groupId);
    const chosen = [...new Set(memberIds)].map((id) => members.find((m) => m.id === id));
    if (chosen.some((m) => !m)) return fail('TICKET.MEMBER_NOT_IN_GROUP');
    if (chosen.some((m) => !m!.active || !m!.openid)) return fail('MEMBER.NOT_ASSIGNABLE');
    const added = (chosen as Member[]).filter((m) => !ticket.claimants.some((c) => c.memberId === m.id));
    const claimants = [...ticket.claimants, ...added.map((m) => ({ memberId: m.id, name: m.name, at: now, assigned: true }))];
    const names = added.map((m) => m.name).join('、');
    return ok({
      next: { ...ticket, claimants, claimLimit: Math.max(ticket.claimLimit, claimants.length) },
      note: `分单给：${names || '（已在办理）'}`,
      visibleToResident: false,
      notify: [
        { targets: added.map((member) => ({ kind: 'member' as const, member })), content: { event: 'ticket.assigned', title: `召集人分单给您 · ${ticket.category}`, body: excerpt(ticket.redactedText, 60) } },
        ...(ticket.claimants.length === 0 && added.length ? [{ targets: residentsOf(ticket), content: { event: 'ticket.claimed' as const, title: `委员已接单 · ${ticket.no}`, body: `${names}委员将办理您的反映。` } }] : []),
      ],
    });
  });
}
