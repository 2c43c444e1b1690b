/**
 * saveGroup：新建或修改委员小组（名称、片区、企业微信群机器人地址、默认接单名额）。
 * 只有全县（市）的管理员能新建小组；区县政协办改自己范围内的小组。
 * 结果：ok（groupId）；GROUP.NOT_FOUND / GROUP.NAME_TAKEN / ADMIN.SCOPE_EXCEEDED / ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import type { MemberGroup } from '../../domain/model';
import type { SaveGroupRequest } from '../../api/admin.api';
import type * as z from 'zod/mini';
import { adminActor, auditEntry, groupInScope, redactSecrets, type AdminDeps } from './admin-context';

export async function saveGroup(deps: AdminDeps, openid: string, input: z.infer<typeof SaveGroupRequest>): Promise<Result<{ groupId: string }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  if (!input.id && !a.data.scope.all) return fail('ADMIN.SCOPE_EXCEEDED');
  const before = input.id ? await groupInScope(deps, a.data, input.id) : null;
  if (input.id && !before) return fail('GROUP.NOT_FOUND');
  const groups = await deps.store.listGroups();
  if (groups.some((g) => g.name === input.name && g.id !== input.id)) return fail('GROUP.NAME_TAKEN', 'name');
  const settings = await deps.loadSettings();
  const group: MemberGroup = {
    id: before?.id ?? deps.ids.next(),
    name: input.name,
    district: input.area ?? before?.district ?? '',
    webhookUrl: input.wecomWebhook === undefined ? before?.webhookUrl ?? null : input.wecomWebhook || null,
    claimLimit: input.claimLimit ?? before?.claimLimit ?? settings.defaultClaimLimit,
  };
  const entry = auditEntry(deps, a.data, 'saveGroup', { kind: 'group', id: group.id, label: group.name }, redactSecrets(before), redactSecrets(group), [group.id]);
  await deps.store.applyDirectoryChange({ groups: [group] }, [entry]);
  return ok({ groupId: group.id });
}
