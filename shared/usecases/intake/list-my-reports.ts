/**
 * myReports：本人提交的和加入的反映，最近更新的在前。
 * 结果：总是 ok。
 */
import { ok, type Result } from '../../domain/errors';
import type { Station, Ticket } from '../../domain/model';
import type { ResidentTicketSummary } from '../../api/intake.api';
import type { Deps } from '../context';
import { residentSummary } from './resident-view';

async function stationNames(deps: Deps, tickets: Ticket[]): Promise<Map<string, Station>> {
  const ids = [...new Set(tickets.map((t) => t.stationId))];
  const stations = await Promise.all(ids.map((id) => deps.store.getStation(id)));
  return new Map(stations.filter((s): s is Station => !!s).map((s) => [s.id, s]));
}

/** myReports：本人提交的和加入的反映，最近更新的在前。 */
export async function myReports(deps: Deps, openid: string): Promise<Result<{ items: ResidentTicketSummary[] }>> {
  const page = await deps.store.listTickets({ involvingResident: openid }, { limit: 200 });
  const stations = await stationNames(deps, page.items);
  const items = page.items
    .map((t) => residentSummary(t, stations.get(t.stationId)?.name ?? '', openid))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return ok({ items });
}
