/**
 * findSimilar：本站及相邻站点近期未办结的相似反映，供居民点"我也遇到了"而不是重复提交。
 * 结果：ok（最多 3 条，不含本人提交的）；STATION.NOT_FOUND。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { OPEN_STATUSES, STATUS_LABELS } from '../../domain/lifecycle';
import type { SimilarTicket } from '../../api/intake.api';
import { findSimilar } from '../../triage/similar';
import type { Deps } from '../context';
import { excerpt } from '../notifications';

export async function findSimilarReports(deps: Deps, openid: string, stationId: string, text: string): Promise<Result<{ items: SimilarTicket[] }>> {
  const station = await deps.store.getStation(stationId);
  if (!station) return fail('STATION.NOT_FOUND');
  if (text.trim().length < 4) return ok({ items: [] });
  const { duplicateWindowDays } = await deps.loadSettings();
  const since = new Date(deps.clock.now().getTime() - duplicateWindowDays * 86_400_000).toISOString();
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
