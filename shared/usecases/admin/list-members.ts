/**
 * listMembers：范围内的委员（可只看一个小组），带所在小组与身份、是否已绑定微信、邀请码及是否过期。
 * 结果：ok；ADMIN.NOT_ADMIN。
 */
import { ok, type Result } from '../../domain/errors';
import type { Member } from '../../domain/model';
import type { InviteState, MemberRow } from '../../api/admin.api';
import { adminActor, coversGroup, seesMember, type AdminDeps } from './admin-context';

export function inviteStateOf(m: Member, nowIso: string): InviteState | null {
  if (!m.inviteCode) return null;
  const expiresAt = m.inviteExpiresAt ?? null;
  return { code: m.inviteCode, expiresAt, expired: !!expiresAt && expiresAt <= nowIso };
}

export async function listMembers(deps: AdminDeps, openid: string, groupId?: string): Promise<Result<{ items: MemberRow[] }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  if (groupId && !coversGroup(a.data, groupId)) return ok({ items: [] });
  const [members, groups] = await Promise.all([deps.store.listMembers(), deps.store.listGroups()]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const now = deps.clock.now().toISOString();
  return ok({
    items: members
      .filter((m) => seesMember(a.data, m) && (!groupId || m.groups.some((g) => g.groupId === groupId)))
      .map((m) => ({
        id: m.id,
        name: m.name,
        sector: m.sector,
        phone: m.phone ?? '',
        groups: m.groups.filter((g) => coversGroup(a.data, g.groupId)).map((g) => ({ groupId: g.groupId, groupName: groupName.get(g.groupId) ?? '', role: g.role })),
        active: m.active,
        bound: !!m.openid,
        invite: inviteStateOf(m, now),
        isAdmin: m.isAdmin,
      }))
      .sort((x, y) => Number(y.active) - Number(x.active) || x.name.localeCompare(y.name, 'zh')),
  });
}
