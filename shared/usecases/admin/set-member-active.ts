/**
 * setMemberActive：停用离任的委员，或重新启用。停用时他接的未结束工单撤下接单、回到待接单，
 * 每张都记入历史，并通知那个小组的召集人重新分单；他的邀请码作废。
 * 管理员不能停用自己（一个县可能只有一位管理员，停了就没人能进后台）。
 * 结果：ok（撤下了几张）；MEMBER.NOT_FOUND / ADMIN.SCOPE_EXCEEDED（他还在范围外的小组里）/ ADMIN.CANNOT_DEACTIVATE_SELF / ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { WORKING_STATUSES } from '../../domain/lifecycle';
import type { Member } from '../../domain/model';
import { convenersOf } from '../context';
import { mutateTicket } from '../mutate-ticket';
import { excerpt } from '../notifications';
import { adminActor, auditEntry, managesMember, redactSecrets, seesMember, type AdminDeps } from './admin-context';

export async function setMemberActive(deps: AdminDeps, openid: string, memberId: string, active: boolean): Promise<Result<{ memberId: string; active: boolean; releasedTickets: number }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const before = await deps.store.getMember(memberId);
  if (!before || !seesMember(a.data, before)) return fail('MEMBER.NOT_FOUND');
  if (!managesMember(a.data, before)) return fail('ADMIN.SCOPE_EXCEEDED');
  if (!active && before.id === a.data.member.id) return fail('ADMIN.CANNOT_DEACTIVATE_SELF');
  const member = { ...before, active, ...(active ? {} : { inviteCode: null, inviteExpiresAt: null }) };
  const entry = auditEntry(deps, a.data, active ? 'reactivateMember' : 'deactivateMember', { kind: 'member', id: member.id, label: member.name }, redactSecrets(before), redactSecrets(member), member.groups.map((g) => g.groupId));
  await deps.store.applyDirectoryChange({ members: [member] }, [entry]);
  const releasedTickets = active ? 0 : await withdrawClaims(deps, a.data.openid, a.data.member, member.id, member.name);
  return ok({ memberId, active, releasedTickets });
}

async function withdrawClaims(deps: AdminDeps, openid: string, admin: Member, memberId: string, name: string): Promise<number> {
  const page = await deps.store.listTickets({ claimedBy: memberId, statuses: [...WORKING_STATUSES] }, { limit: 1000 });
  let released = 0;
  for (const t of page.items) {
    const r = await mutateTicket(deps, { openid, member: admin }, t.id, 'withdrawClaim', async ({ ticket }) => {
      const conveners = await convenersOf(deps, ticket.groupId);
      return ok({
        next: { ...ticket, claimants: ticket.claimants.filter((c) => c.memberId !== memberId) },
        note: `${name}委员已停用，接单已撤下，请召集人重新安排`,
        visibleToResident: false,
        notify: [{ targets: conveners.map((member) => ({ kind: 'member' as const, member })), content: { event: 'ticket.released', title: `需要重新分单 · ${ticket.no}`, body: `${name}委员已停用：${excerpt(ticket.redactedText, 40)}` } }],
      });
    });
    if (r.ok) released++;
  }
  return released;
}
