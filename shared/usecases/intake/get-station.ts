/**
 * getStation：居民扫码后看到的联络站——站名、地址、所属小组和委员名单、办理概况。
 * 结果：ok；STATION.NOT_FOUND / STATION.DISABLED（提示里写着政协办给的"请到哪里去"）。
 */
import { fail, ok, stationPaused, type Result } from '../../domain/errors';
import { OPEN_STATUSES } from '../../domain/lifecycle';
import { reportLimitsOf } from '../../domain/settings';
import type { StationView } from '../../api/intake.api';
import type { Deps } from '../context';

export async function getStation(deps: Deps, stationId: string): Promise<Result<StationView>> {
  const context = await deps.store.getSubmitContext(stationId);
  if (!context) return fail('STATION.NOT_FOUND');
  const { station, group } = context;
  if (!station.enabled) return stationPaused(station);
  if (!group) throw new Error(`station ${station.id} points at missing group ${station.groupId}`);
  const members = context.members.filter((m) => m.active);
  const [open, closed, settings] = await Promise.all([
    deps.store.countTickets({ stationIds: [station.id], statuses: [...OPEN_STATUSES] }),
    deps.store.countTickets({ stationIds: [station.id], statuses: ['closed'] }),
    deps.loadSettings(),
  ]);
  return ok({
    station: { id: station.id, name: station.name, address: station.address, intro: station.intro, receptionHours: station.receptionHours ?? '', phone: station.phone ?? '' },
    categories: [...settings.residentCategories],
    group: {
      id: group.id,
      name: group.name,
      district: group.district,
      memberCount: members.length,
      members: members.map((m) => ({ name: m.name, sector: m.sector })),
    },
    stats: { open, closed },
    limits: reportLimitsOf(settings),
  });
}
