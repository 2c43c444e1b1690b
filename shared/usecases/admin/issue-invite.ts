/**
 * issueInvite：给委员发（或重发）邀请码，有效期按县里的设置；旧的码随之作废。已绑定的委员不需要邀请码。
 * 结果：ok（邀请码与到期时间）；MEMBER.NOT_FOUND / MEMBER.ALREADY_BOUND / MEMBER.INACTIVE / ADMIN.SCOPE_EXCEEDED / ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { adminActor, auditEntry, managesMember, seesMember, type AdminDeps } from './admin-context';

export async function issueInvite(deps: AdminDeps, openid: string, memberId: string): Promise<Result<{ inviteCode: string; expiresAt: string }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const before = await deps.store.getMember(memberId);
  if (!before || !seesMember(a.data, before)) return fail('MEMBER.NOT_FOUND');
  if (!managesMember(a.data, before)) return fail('ADMIN.SCOPE_EXCEEDED');
  if (before.openid) return fail('MEMBER.ALREADY_BOUND');
  if (!before.active) return fail('MEMBER.INACTIVE');
  const { inviteValidDays } = await deps.loadSettings();
  const inviteCode = deps.invites.next();
  const expiresAt = new Date(deps.clock.now().getTime() + inviteValidDays * 86_400_000).toISOString();
  const member = { ...before, inviteCode, inviteExpiresAt: expiresAt };
  const entry = auditEntry(deps, a.data, before.inviteCode ? 'reissueInvite' : 'issueInvite', { kind: 'member', id: member.id, label: member.name }, { invite: before.inviteCode ? '旧邀请码' : null }, { invite: `有效至 ${expiresAt}` }, member.groups.map((g) => g.groupId));
  await deps.store.applyDirectoryChange({ members: [member] }, [entry]);
  return ok({ inviteCode, expiresAt });
}
