/**
 * proposeClose（提请办结）：接单委员写两行办理结果，召集人（和小组群）收到"待办结"。
 * 结果：ok（工作台视图）；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import { convenersOf, type Deps } from '../context';
import { excerpt, type NotifyTarget } from '../notifications';
import { runStaffAction } from './staff-action';

export function proposeClose(deps: Deps, openid: string, ticketId: string, summary: string) {
  return runStaffAction(deps, openid, ticketId, 'proposeClose', async ({ ticket }, actor) => {
    const [conveners, group] = await Promise.all([convenersOf(deps, ticket.groupId), deps.store.getGroup(ticket.groupId)]);
    const targets: NotifyTarget[] = [...conveners.map((member) => ({ kind: 'member' as const, member })), ...(group ? [{ kind: 'group' as const, group }] : [])];
    return ok({
      next: ticket,
      note: summary,
      visibleToResident: false,
      notify: [{ targets, content: { event: 'ticket.proposed', title: `待办结 · ${excerpt(ticket.redactedText, 16)}`, body: `${actor.member!.name}委员提请办结：${excerpt(summary, 50)}` } }],
    });
  });
}
