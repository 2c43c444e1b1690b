/**
 * myReports：本人提交的和加入的反映，最近更新的在前；有没读的消息的标"有新进展"，办结了她还没评的标"待评价"。
 * 结果：总是 ok。
 */
import { ok, type Result } from '../../domain/errors';
import { recipientOfResident, type Station, type Ticket } from '../../domain/model';
import type { ResidentTicketSummary } from '../../api/intake.api';
import type { Deps } from '../context';
import { residentSummary } from './resident-view';

async function stationNames(deps: Deps, tickets: Ticket[]): Promise<Map<string, Station>> {
  const ids = [...new Set(tickets.map((t) => t.stationId))];
  const stations = await Promise.all(ids.map((id) => deps.store.getStation(id)));
  return new Map(stations.filter((s): s is Station => !!s).map((s) => [s.id, s]));
}

/** 有她没读的消息的工单（"有新进展"）：读她最近的一批消息，一次 */
async function ticketsWithNews(deps: Deps, openid: string): Promise<Set<string>> {
  const { items } = await deps.store.listMessages([recipientOfResident(openid)], { limit: NEWS_WINDOW });
  return new Set(items.filter((m) => m.readAt === null).map((m) => m.ticketId));
}

/** 看最近多少条消息来标"有新进展"（再早的没读的，消息中心里照样看得到） */
const NEWS_WINDOW = 200;

/** myReports：本人提交的和加入的反映，最近更新的在前；每条标"有新进展"和"待评价"。 */
export async function myReports(deps: Deps, openid: string): Promise<Result<{ items: ResidentTicketSummary[] }>> {
  const [page, news] = await Promise.all([deps.store.listTickets({ involvingResident: openid }, { limit: 200 }), ticketsWithNews(deps, openid)]);
  const stations = await stationNames(deps, page.items);
  const items = page.items
    .map((t) => residentSummary(t, stations.get(t.stationId)?.name ?? '', openid, news.has(t.id)))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return ok({ items });
}
