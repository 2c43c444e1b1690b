/**
 * revokeInvite：作废一位委员的邀请码（发错了人、条子丢了）。
 * 结果：ok；MEMBER.NOT_FOUND / ADMIN.SCOPE_EXCEEDED / ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { adminActor, auditEntry, managesMember, seesMember, type AdminDeps } from './admin-context';

export async function revokeInvite(deps: AdminDeps, openid: string, memberId: string): Promise<Result<{ memberId: string }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const before = await deps.store.getMember(memberId);
  if (!before || !seesMember(a.data, before)) return fail('MEMBER.NOT_FOUND');
  if (!managesMember(a.data, before)) return fail('ADMIN.SCOPE_EXCEEDED');
  if (!before.inviteCode) return ok({ memberId });
  const member = { ...before, inviteCode: null, inviteExpiresAt: null };
  const entry = auditEntry(deps, a.data, 'revokeInvite', { kind: 'member', id: member.id, label: member.name }, { invite: '有效' }, { invite: '已作废' }, member.groups.map((g) => g.groupId));
  await deps.store.applyDirectoryChange({ members: [member] }, [entry]);
  return ok({ memberId });
}
