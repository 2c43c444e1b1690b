/**
 * removeMembership：把委员从一个小组里移出（他在别的小组的身份不变）。
 * 结果：ok；MEMBER.NOT_FOUND / GROUP.NOT_FOUND（不存在或不在范围内）/ ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { adminActor, auditEntry, coversGroup, redactSecrets, seesMember, type AdminDeps } from './admin-context';

export async function removeMembership(deps: AdminDeps, openid: string, memberId: string, groupId: string): Promise<Result<{ memberId: string }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const before = await deps.store.getMember(memberId);
  if (!before || !seesMember(a.data, before)) return fail('MEMBER.NOT_FOUND');
  if (!coversGroup(a.data, groupId) || !before.groups.some((g) => g.groupId === groupId)) return fail('GROUP.NOT_FOUND');
  const member = { ...before, groups: before.groups.filter((g) => g.groupId !== groupId) };
  const entry = auditEntry(deps, a.data, 'removeMembership', { kind: 'member', id: member.id, label: member.name }, redactSecrets(before), redactSecrets(member), [groupId]);
  await deps.store.applyDirectoryChange({ members: [member] }, [entry]);
  return ok({ memberId });
}
