/**
 * 管理员本人（名字、管理范围）：whoamiAdmin 的结果在分包里缓存，导航条上显示。
 * 权限仍由服务端对每个动作重新判断，这里只影响界面。
 */
import type { AdminWhoAmI } from '@shared/api/admin.api';
import type { Result } from '@shared/domain/errors';
import { admin } from './admin-api';

let cached: AdminWhoAmI | null = null;

export async function whoamiAdmin(): Promise<Result<AdminWhoAmI>> {
  if (cached) return { ok: true, data: cached };
  const r = await admin.whoami();
  if (r.ok) cached = r.data;
  return r;
}

export function scopeLabel(who: AdminWhoAmI): string {
  return who.scope.all ? '全县（市）' : `${who.scope.groupIds.length} 个委员小组`;
}
