/**
 * 居民端的查询：联络站、相似反映（提交前查重）、我的反映、工单详情、站点案例库。
 * 居民只看得到自己提交或"我也遇到了"加入的工单；别人的工单一律"未找到"。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { OPEN_STATUSES, STATUS_LABELS } from '../../domain/lifecycle';
import type { Station, Ticket } from '../../domain/model';
import type { CaseView, ResidentTicketSummary, ResidentTicketView, SimilarTicket, StationView } from '../../api/intake.api';
import { findSimilar } from '../../triage';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { residentSummary, residentView } from '../views';

/** getStation：STATION.NOT_FOUND / STATION.DISABLED，否则站点、小组、委员名单和办理概况。 */
export async function getStation(deps: Deps, stationId: string): Promise<Result<StationView>> {
  const station = await deps.store.getStation(stationId);
  if (!station) return fail('STATION.NOT_FOUND');
  if (!station.enabled) return fail('STATION.DISABLED');
  const group = await deps.store.getGroup(station.groupId);
  if (!group) throw new Error(`station ${station.id} points at missing group ${station.groupId}`);
  const members = (await deps.store.listMembersOfGroup(group.id)).filter((m) => m.active);
  const [open, closed] = await Promise.all([
    deps.store.countTickets({ stationIds: [station.id], statuses: [...OPEN_STATUSES] }),
    deps.store.countTickets({ stationIds: [station.id], statuses: ['closed'] }),
  ]);
  return ok({
    station: { id: station.id, name: station.name, address: station.address, intro: station.intro },
    group: {
      id: group.id,
      name: group.name,
      district: group.district,
      memberCount: members.length,
      members: members.map((m) => ({ name: m.name, sector: m.sector })),
    },
    stats: { open, closed },
  });
}

/** findSimilar：本站及相邻站点近期未办结的相似反映，供居民点"我也遇到了"。 */
export async function findSimilarReports(deps: Deps, openid: string, stationId: string, text: string): Promise<Result<{ items: SimilarTicket[] }>> {
  const station = await deps.store.getStation(stationId);
  if (!station) return fail('STATION.NOT_FOUND');
  if (text.trim().length < 4) return ok({ items: [] });
  const since = new Date(deps.clock.now().getTime() - deps.settings.duplicateWindowDays * 86_400_000).toISOString();
  const page = await deps.store.listTickets(
    { stationIds: [station.id, ...station.neighbours], statuses: [...OPEN_STATUSES], createdAfter: since },
    { limit: 500 },
  );
  const byId = new Map(page.items.map((t) => [t.id, t]));
  const hits = findSimilar(text, page.items.map((t) => ({ id: t.id, text: t.redactedText })), { limit: 3 });
  return ok({
    items: hits.flatMap(({ id, score }) => {
      const t = byId.get(id);
      if (!t || t.residentOpenid === openid) return [];
      return [{ ticketId: t.id, ticketNo: t.no, excerpt: excerpt(t.redactedText, 50), reporterCount: t.meToo.length + 1, statusLabel: STATUS_LABELS[t.status], createdAt: t.createdAt, score }];
    }),
  });
}

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

export function residentCanSee(t: Ticket, openid: string): boolean {
  return t.residentOpenid === openid || t.meToo.includes(openid);
}

/** getTicket（居民）：TICKET.NOT_FOUND 或带时间线的详情。 */
export async function getResidentTicket(deps: Deps, openid: string, ticketId: string): Promise<Result<ResidentTicketView>> {
  const t = await deps.store.getTicket(ticketId);
  if (!t || !residentCanSee(t, openid)) return fail('TICKET.NOT_FOUND');
  return ok(await buildResidentView(deps, t, openid));
}

export async function buildResidentView(deps: Deps, t: Ticket, openid: string): Promise<ResidentTicketView> {
  const [station, history, urls] = await Promise.all([
    deps.store.getStation(t.stationId),
    deps.store.listHistory(t.id),
    t.residentOpenid === openid && t.photos.length ? deps.files.urlsFor(t.photos) : Promise.resolve({}),
  ]);
  const view = residentView(t, { id: t.stationId, name: station?.name ?? '' }, history, openid, urls);
  // 别人的照片可能有个人信息，只给提交人看
  return t.residentOpenid === openid ? view : { ...view, photos: [] };
}

/** listCases：站点已公开的办结案例（不含任何个人信息）。 */
export async function listCases(deps: Deps, stationId: string): Promise<Result<{ items: CaseView[] }>> {
  const station = await deps.store.getStation(stationId);
  if (!station) return fail('STATION.NOT_FOUND');
  const page = await deps.store.listTickets({ stationIds: [stationId], statuses: ['closed'], library: 'case' }, { limit: 200 });
  return ok({
    items: page.items
      .filter((t) => t.publishCase && t.caseSummary)
      .map((t) => ({
        ticketId: t.id,
        no: t.no,
        category: t.category,
        title: excerpt(t.redactedText, 30),
        summary: t.caseSummary ?? '',
        closedAt: t.outcome?.at ?? t.updatedAt,
        reporterCount: t.meToo.length + 1,
        rating: t.rating?.rating ?? null,
      })),
  });
}
