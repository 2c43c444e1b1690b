/**
 * listStations：范围内的联络站，带所属小组和未结束、已办结的件数（一次分组计数，不读工单）。
 * 结果：ok；ADMIN.NOT_ADMIN。
 */
import { ok, type Result } from '../../domain/errors';
import { statusCategory } from '../../domain/lifecycle';
import type { StationRow } from '../../api/admin.api';
import { adminActor, coversGroup, type AdminDeps } from './admin-context';

export async function listStations(deps: AdminDeps, openid: string): Promise<Result<{ items: StationRow[] }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const [stations, groups] = await Promise.all([deps.store.listStations(), deps.store.listGroups()]);
  const mine = stations.filter((s) => coversGroup(a.data, s.groupId));
  const tally = mine.length ? await deps.store.tallyTickets({ stationIds: mine.map((s) => s.id) }, 'stationId') : [];
  const count = (stationId: string, category: 'open' | 'closed') =>
    tally.filter((t) => t.key === stationId && statusCategory(t.status) === category).reduce((sum, t) => sum + t.count, 0);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return ok({
    items: mine
      .map((s) => ({
        id: s.id,
        name: s.name,
        address: s.address,
        groupId: s.groupId,
        groupName: groupName.get(s.groupId) ?? '',
        enabled: s.enabled,
        receptionHours: s.receptionHours ?? '',
        intro: s.intro,
        phone: s.phone ?? '',
        pausedNotice: s.pausedNotice ?? '',
        neighbours: s.neighbours,
        open: count(s.id, 'open'),
        closed: count(s.id, 'closed'),
      }))
      .sort((x, y) => x.groupName.localeCompare(y.groupName, 'zh') || x.name.localeCompare(y.name, 'zh')),
  });
}
