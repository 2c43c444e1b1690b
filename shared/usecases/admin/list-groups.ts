/**
 * listGroups：范围内的委员小组，带委员与召集人（是否已绑定微信）和站点数。
 * 结果：ok；ADMIN.NOT_ADMIN。
 */
import { ok, type Result } from '../../domain/errors';
import type { GroupRow } from '../../api/admin.api';
import { adminActor, coversGroup, type AdminDeps } from './admin-context';

export async function listGroups(deps: AdminDeps, openid: string): Promise<Result<{ items: GroupRow[] }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const [groups, members, stations] = await Promise.all([deps.store.listGroups(), deps.store.listMembers(), deps.store.listStations()]);
  return ok({
    items: groups
      .filter((g) => coversGroup(a.data, g.id))
      .map((g) => ({
        id: g.id,
        name: g.name,
        area: g.district,
        hasWebhook: !!g.webhookUrl,
        wecomWebhook: g.webhookUrl ?? '',
        claimLimit: g.claimLimit,
        members: members.flatMap((m) => {
          const role = m.groups.find((x) => x.groupId === g.id)?.role;
          return role ? [{ id: m.id, name: m.name, role, bound: !!m.openid, active: m.active }] : [];
        }),
        stationCount: stations.filter((s) => s.groupId === g.id).length,
      }))
      .sort((x, y) => x.name.localeCompare(y.name, 'zh')),
  });
}
