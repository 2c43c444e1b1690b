/**
 * auditLog：管理后台的操作记录，最新的在前，分页。区县政协办只看到涉及自己小组的记录。
 * 结果：ok；ADMIN.NOT_ADMIN。
 */
import { ok, type Result } from '../../domain/errors';
import type { AuditEntry } from '../../domain/model';
import { adminActor, type AdminDeps } from './admin-context';

export async function listAudit(deps: AdminDeps, openid: string, cursor?: string | null): Promise<Result<{ items: AuditEntry[]; nextCursor: string | null }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const filter = a.data.scope.all ? {} : { groupIds: [...a.data.scope.groupIds] };
  const page = await deps.store.listAudit(filter, { cursor, limit: 50 });
  return ok(page);
}
