/**
 * 管理后台的公共部分：谁是管理员、管到哪里，每次修改怎样留下操作记录。
 * 管理范围以外的站点、小组、委员一律当作不存在（答"未找到"），不透露它们的存在。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { adminScopeOf, scopeCovers, type AdminScope } from '../../domain/access';
import type { AuditEntry, Member, MemberGroup, Station } from '../../domain/model';
import type { AdminStore, FiguresStore, Store } from '../../ports/store.port';
import type { InviteCodes, PosterCodes, ReportFiles } from '../../ports/services.port';
import { resolveActor, type Deps } from '../context';

export interface AdminDeps extends Deps {
  store: Store & AdminStore & FiguresStore;
  posterCodes: PosterCodes;
  invites: InviteCodes;
  /** 每月通报的 .xlsx 存到哪里（本地：数据目录，给下载地址；云端：云存储） */
  reports: ReportFiles;
  /** 居民扫码打开的站点页地址的前缀（本地：http://127.0.0.1:8787/#/pages/station/index?station=） */
  stationLinkBase?: string;
}

export interface AdminActor {
  openid: string;
  member: Member;
  scope: AdminScope;
}

/** 管理员本人：不是管理员的得到 ADMIN.NOT_ADMIN。 */
export async function adminActor(deps: Deps, openid: string): Promise<Result<AdminActor>> {
  const { member } = await resolveActor(deps, openid);
  const scope = adminScopeOf(member);
  if (!member || !scope) return fail('ADMIN.NOT_ADMIN');
  return ok({ openid, member, scope });
}

export const coversGroup = (a: AdminActor, groupId: string) => scopeCovers(a.scope, groupId);

/** 看得到这位委员：他在范围内的某个小组里；不在任何小组的（如其他管理员）只有全县的管理员看得到 */
export function seesMember(a: AdminActor, m: Member): boolean {
  if (a.scope.all) return true;
  return m.groups.some((g) => coversGroup(a, g.groupId));
}

/** 改得了这位委员：他所在的每个小组都在范围内 */
export function managesMember(a: AdminActor, m: Member): boolean {
  if (a.scope.all) return true;
  return m.groups.length > 0 && m.groups.every((g) => coversGroup(a, g.groupId));
}

export async function stationInScope(deps: AdminDeps, a: AdminActor, stationId: string): Promise<Station | null> {
  const s = await deps.store.getStation(stationId);
  return s && coversGroup(a, s.groupId) ? s : null;
}

export async function groupInScope(deps: AdminDeps, a: AdminActor, groupId: string): Promise<MemberGroup | null> {
  const g = await deps.store.getGroup(groupId);
  return g && coversGroup(a, g.id) ? g : null;
}

/** 只留下改了的字段：操作记录里"从什么改成什么"一目了然 */
export function changedFields(before: object | null, after: object | null): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before: before ? { ...before } : null, after: after ? { ...after } : null };
  const b: Record<string, unknown> = {};
  const x: Record<string, unknown> = {};
  const bb = before as Record<string, unknown>;
  const aa = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(bb), ...Object.keys(aa)])) {
    if (JSON.stringify(bb[key]) !== JSON.stringify(aa[key])) {
      b[key] = bb[key] ?? null;
      x[key] = aa[key] ?? null;
    }
  }
  return { before: b, after: x };
}

/** 一条操作记录 */
export function auditEntry(
  deps: Deps,
  a: AdminActor,
  action: string,
  target: AuditEntry['target'],
  before: object | null,
  after: object | null,
  groupIds: string[],
): AuditEntry {
  return {
    id: deps.ids.next(),
    at: deps.clock.now().toISOString(),
    actorOpenid: a.openid,
    actorName: a.member.name,
    action,
    target,
    ...changedFields(before, after),
    groupIds: [...new Set(groupIds)],
  };
}

/** 敏感字段不进操作记录：邀请码、机器人地址里的 key */
export function redactSecrets(o: object | null): Record<string, unknown> | null {
  if (!o) return null;
  const copy: Record<string, unknown> = { ...o };
  if (typeof copy.inviteCode === 'string') copy.inviteCode = '（已隐藏）';
  if (typeof copy.webhookUrl === 'string' && copy.webhookUrl) copy.webhookUrl = String(copy.webhookUrl).replace(/key=[\w-]+/, 'key=***');
  if (typeof copy.openid === 'string') copy.openid = '（已绑定）';
  return copy;
}
