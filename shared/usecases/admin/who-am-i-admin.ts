/**
 * whoamiAdmin：管理后台打开时问"我是谁、管到哪里"。
 * 结果：ok（姓名与范围）；ADMIN.NOT_ADMIN。
 */
import { ok, type Result } from '../../domain/errors';
import type { AdminWhoAmI } from '../../api/admin.api';
import { adminActor, type AdminDeps } from './admin-context';

export async function whoamiAdmin(deps: AdminDeps, openid: string): Promise<Result<AdminWhoAmI>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const { member, scope } = a.data;
  return ok({ name: member.name, scope: { all: scope.all, groupIds: scope.all ? [] : [...scope.groupIds] } });
}
