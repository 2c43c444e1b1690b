/**
 * saveMember：添加一位委员，或修改他的姓名、电话、界别，以及在某个小组里的身份（委员/召集人）。
 * 一位委员可以在两个小组里：对同一个人再用另一个小组保存一次，就多一个小组。
 * 新添加的委员还没有邀请码，用 issueInvite 发。
 * 结果：ok（memberId）；MEMBER.NOT_FOUND / GROUP.NOT_FOUND（不存在或不在范围内）/ ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import type { Member } from '../../domain/model';
import type { SaveMemberRequest } from '../../api/admin.api';
import type * as z from 'zod/mini';
import { adminActor, auditEntry, groupInScope, redactSecrets, seesMember, type AdminDeps } from './admin-context';

export async function saveMember(deps: AdminDeps, openid: string, input: z.infer<typeof SaveMemberRequest>): Promise<Result<{ memberId: string }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const group = await groupInScope(deps, a.data, input.groupId);
  if (!group) return fail('GROUP.NOT_FOUND');
  const found = input.id ? await deps.store.getMember(input.id) : null;
  const before = found && seesMember(a.data, found) ? found : null;
  if (input.id && !before) return fail('MEMBER.NOT_FOUND');
  const groups = [...(before?.groups ?? []).filter((g) => g.groupId !== group.id), { groupId: group.id, role: input.role }];
  const member: Member = {
    id: before?.id ?? deps.ids.next(),
    name: input.name,
    sector: input.sector ?? before?.sector ?? '',
    phone: input.phone === undefined ? before?.phone ?? null : input.phone || null,
    groups,
    isAdmin: before?.isAdmin ?? false,
    openid: before?.openid ?? null,
    inviteCode: before?.inviteCode ?? null,
    inviteExpiresAt: before?.inviteExpiresAt ?? null,
    active: before?.active ?? true,
    ...(before?.adminGroupIds !== undefined ? { adminGroupIds: before.adminGroupIds } : {}),
  };
  const entry = auditEntry(deps, a.data, 'saveMember', { kind: 'member', id: member.id, label: member.name }, redactSecrets(before), redactSecrets(member), member.groups.map((g) => g.groupId));
  await deps.store.applyDirectoryChange({ members: [member] }, [entry]);
  return ok({ memberId: member.id });
}
