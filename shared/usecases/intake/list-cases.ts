/**
 * listCases：站点已公开的办结案例：召集人写的标题和写法，不含任何个人信息，也不含居民的原话。
 * 居民评价写每种各几人（反映人和"我也遇到了"的居民都算）。
 * 结果：ok；STATION.NOT_FOUND。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { ratingOf, ratingTally } from '../../domain/ratings';
import type { CaseView } from '../../api/intake.api';
import type { Deps } from '../context';

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
        // 旧数据没有召集人写的标题：用分类和编号，不用居民的原话
        title: t.caseTitle ?? `${t.category}方面的反映（${t.no}）`,
        summary: t.caseSummary ?? '',
        closedAt: t.outcome?.at ?? t.updatedAt,
        reporterCount: t.meToo.length + 1,
        rating: ratingOf(t, t.residentOpenid)?.rating ?? null,
        ratingCounts: ratingTally(t),
      })),
  });
}
