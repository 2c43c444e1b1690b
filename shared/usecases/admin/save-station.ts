/**
 * saveStation：新建或修改联络站（名称、地址、接待时间、介绍、电话、所属小组）。
 * 改属另一个小组时，站上未结束的工单跟着走：原小组的接单清空，记入每张工单的历史，新小组收到派单通知。
 * 结果：ok（stationId）；STATION.NOT_FOUND / GROUP.NOT_FOUND（不存在或不在范围内）/ STATION.NAME_TAKEN / ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { OPEN_STATUSES } from '../../domain/lifecycle';
import type { Station } from '../../domain/model';
import type { SaveStationRequest } from '../../api/admin.api';
import type * as z from 'zod/mini';
import { mutateTicket } from '../mutate-ticket';
import { newReportNotice, targetsForNewReport } from '../notifications';
import { adminActor, auditEntry, groupInScope, stationInScope, type AdminActor, type AdminDeps } from './admin-context';

type Input = z.infer<typeof SaveStationRequest>;

export async function saveStation(deps: AdminDeps, openid: string, input: Input): Promise<Result<{ stationId: string }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const before = input.id ? await stationInScope(deps, a.data, input.id) : null;
  if (input.id && !before) return fail('STATION.NOT_FOUND');
  const group = await groupInScope(deps, a.data, input.groupId);
  if (!group) return fail('GROUP.NOT_FOUND');
  const all = await deps.store.listStations();
  if (all.some((s) => s.name === input.name && s.id !== input.id)) return fail('STATION.NAME_TAKEN', 'name');

  const station: Station = {
    ...before,
    id: before?.id ?? deps.ids.next(),
    name: input.name,
    address: input.address,
    groupId: group.id,
    enabled: before?.enabled ?? true,
    neighbours: (input.neighbours ?? before?.neighbours ?? []).filter((n) => n !== before?.id),
    intro: input.intro ?? before?.intro ?? '',
    receptionHours: input.receptionHours ?? before?.receptionHours ?? '',
    phone: input.phone ?? before?.phone ?? '',
    pausedNotice: input.pausedNotice ?? before?.pausedNotice ?? '',
  };
  const entry = auditEntry(deps, a.data, 'saveStation', { kind: 'station', id: station.id, label: station.name }, before, station, [station.groupId, ...(before ? [before.groupId] : [])]);
  await deps.store.applyDirectoryChange({ stations: [station] }, [entry]);
  if (before && before.groupId !== station.groupId) await transferOpenTickets(deps, a.data, station);
  return ok({ stationId: station.id });
}

/** 站点改属新小组：未结束的工单一张张改派（各自一次条件写入，历史里有记录，新小组收到通知） */
async function transferOpenTickets(deps: AdminDeps, a: AdminActor, station: Station): Promise<void> {
  const group = await deps.store.getGroup(station.groupId);
  if (!group) return;
  const members = await deps.store.listMembersOfGroup(group.id);
  const tried = new Set<string>();
  for (;;) {
    const page = await deps.store.listTickets({ stationIds: [station.id], statuses: [...OPEN_STATUSES] }, { limit: 100 });
    // 一张没改成（例如刚被办结）就不再试它，免得死循环
    const moving = page.items.filter((t) => t.groupId !== group.id && !tried.has(t.id));
    if (!moving.length) return;
    for (const t of moving) {
      tried.add(t.id);
      await mutateTicket(deps, { openid: a.openid, member: a.member }, t.id, 'transfer', ({ ticket }) => {
        const next = { ...ticket, groupId: group.id, claimants: [], claimLimit: group.claimLimit };
        return ok({
          next,
          note: `联络站改属${group.name}，由该小组重新接单`,
          visibleToResident: true,
          notify: [{ targets: targetsForNewReport(next, group, members), content: newReportNotice(next, station) }],
        });
      });
    }
  }
}
