/**
 * mergeTicket（合并）：把重复反映并入另一张；两边的居民都跟进保留的那张，"我也遇到了"人数相加。
 * 目标可以给工单 id，也可以给召集人手里看到的编号（如 261120-7KQ3M）：编号在调用人这张工单的小组里查。
 * 结果：ok（工作台视图；被合并一方的居民收到通知）；TICKET.MERGE_SELF / TICKET.MERGE_TARGET_INVALID；
 * AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { fail, ok } from '../../domain/errors';
import { isOpen } from '../../domain/lifecycle';
import type { Ticket } from '../../domain/model';
import type { MergeTarget } from '../../api/work.api';
import type { Deps } from '../context';
import { residentsOf, runStaffAction } from './staff-action';

async function findTarget(deps: Deps, groupId: string, target: MergeTarget): Promise<Ticket | null> {
  if (target.intoTicketId) return deps.store.getTicket(target.intoTicketId);
  const page = await deps.store.listTickets({ groupIds: [groupId], ticketNo: target.intoTicketNo!.trim().toUpperCase() }, { limit: 1 });
  return page.items[0] ?? null;
}

export function mergeTicket(deps: Deps, openid: string, ticketId: string, into: MergeTarget) {
  return runStaffAction(deps, openid, ticketId, 'merge', async ({ ticket, now }) => {
    const target = await findTarget(deps, ticket.groupId, into);
    if (target?.id === ticket.id) return fail('TICKET.MERGE_SELF');
    if (!target || target.groupId !== ticket.groupId || !isOpen(target.status)) return fail('TICKET.MERGE_TARGET_INVALID');
    const joined = [ticket.residentOpenid, ...ticket.meToo, ...target.meToo].filter((o, i, all) => o !== target.residentOpenid && all.indexOf(o) === i);
    return ok({
      next: { ...ticket, outcome: { kind: 'merged', note: `与 ${target.no} 为同一问题，已合并办理`, intoTicketId: target.id, at: now } },
      note: `与 ${target.no} 为同一问题，已合并办理，请在"我的反映"中跟进该条`,
      visibleToResident: true,
      also: [{ next: { ...target, meToo: joined, mergedFrom: [...target.mergedFrom, ticket.id] }, expectedVersion: target.version, note: `合并了同一问题的反映 ${ticket.no}`, action: 'merge', visibleToResident: true }],
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.merged', title: `您的反映已合并办理 · ${ticket.no}`, body: `与 ${target.no} 为同一问题，合并后一起办理。` } }],
    });
  });
}
