/**
 * stationPoster / groupPosters：联络站海报上要印的一切——站名地址、小组与委员、接待时间、码、隐私说明、电话。
 * 码由端口给：本地与 h5 是站点链接的二维码（SVG），微信里是小程序码（生成一次后缓存在云存储）。
 * 结果：ok；STATION.NOT_FOUND / GROUP.NOT_FOUND（不存在或不在范围内）/ ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { PRIVACY_NOTICE } from '../../domain/access';
import type { Station } from '../../domain/model';
import type { StationPoster } from '../../api/admin.api';
import { adminActor, groupInScope, stationInScope, type AdminDeps } from './admin-context';

async function posterOf(deps: AdminDeps, station: Station): Promise<StationPoster> {
  const [group, members, code] = await Promise.all([
    deps.store.getGroup(station.groupId),
    deps.store.listMembersOfGroup(station.groupId),
    deps.posterCodes.codeFor(station.id),
  ]);
  return {
    ...code,
    station: { id: station.id, name: station.name, address: station.address, receptionHours: station.receptionHours ?? '', phone: station.phone ?? '', enabled: station.enabled },
    group: { id: station.groupId, name: group?.name ?? '', area: group?.district ?? '' },
    members: members
      .filter((m) => m.active)
      .flatMap((m) => m.groups.filter((g) => g.groupId === station.groupId).map((g) => ({ name: m.name, sector: m.sector, role: g.role })))
      .sort((x, y) => Number(y.role === 'convener') - Number(x.role === 'convener')),
    privacyNotice: PRIVACY_NOTICE,
  };
}

export async function stationPoster(deps: AdminDeps, openid: string, stationId: string): Promise<Result<StationPoster>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const station = await stationInScope(deps, a.data, stationId);
  if (!station) return fail('STATION.NOT_FOUND');
  return ok(await posterOf(deps, station));
}

export async function groupPosters(deps: AdminDeps, openid: string, groupId: string): Promise<Result<{ items: StationPoster[] }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  if (!(await groupInScope(deps, a.data, groupId))) return fail('GROUP.NOT_FOUND');
  const stations = (await deps.store.listStations()).filter((s) => s.groupId === groupId).sort((x, y) => x.name.localeCompare(y.name, 'zh'));
  const items: StationPoster[] = [];
  for (const s of stations) items.push(await posterOf(deps, s));
  return ok({ items });
}
