/**
 * hotTopics（listHotTopics）：一个站点或小组近期反映的热点（停车难、化粪池满溢、广场舞噪音……）及条数，
 * 给召集人和政协办看"三库"的动态，也是后续看板的数据来源。"我也遇到了"的人数计入热度。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { hotTopics as groupTopics } from '../../triage/similar';
import type { HotTopicView } from '../../api/work.api';
import { resolveActor, workGroupIdsOf, type Deps } from '../context';
import { publicText } from '../public-text';

export async function listHotTopics(deps: Deps, openid: string, q: { groupId?: string; stationId?: string; days: number }): Promise<Result<{ items: HotTopicView[] }>> {
  const actor = await resolveActor(deps, openid);
  const m = actor.member;
  if (!m) return fail('MEMBER.NOT_BOUND');
  let groupId = q.groupId;
  if (q.stationId) {
    const station = await deps.store.getStation(q.stationId);
    if (!station) return fail('STATION.NOT_FOUND');
    groupId = station.groupId;
  }
  const mine = workGroupIdsOf(m);
  if (mine && (!groupId ? mine.length === 0 : !mine.includes(groupId))) return fail('AUTH.FORBIDDEN');
  const since = new Date(deps.clock.now().getTime() - q.days * 86_400_000).toISOString();
  const page = await deps.store.listTickets(
    { ...(q.stationId ? { stationIds: [q.stationId] } : groupId ? { groupIds: [groupId] } : mine ? { groupIds: mine } : {}), createdAfter: since },
    { limit: 1000 },
  );
  const weight = new Map(page.items.map((t) => [t.id, t.meToo.length + 1]));
  // 热点的标签和词取自文字：用给本组以外的人看的那一份（publicText），标签里不会冒出人名、门牌
  const topics = groupTopics(page.items.map((t) => ({ id: t.id, text: publicText(t.redactedText, t), weight: weight.get(t.id) })), { minCount: 1, limit: 50 });
  const items = topics
    .map((t) => ({ label: t.label, count: t.ids.reduce((s, id) => s + (weight.get(id) ?? 1), 0), tickets: t.ids.length, terms: t.terms, ticketIds: t.ids }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 10);
  return ok({ items });
}
