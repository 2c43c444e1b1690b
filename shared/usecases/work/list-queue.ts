/**
 * listQueue：工作台的单子。open 待接单（我还能接的：名额未满、我没接过）/ mine 我接的 / group 全组 /
 * overdue 过期未办（我看得到的小组里，还没做完的期限已过的；查的是存储里建了索引的"最早未做完期限"）。
 * 管理员看全部小组。紧急的、等得久的排前面；已结束的排后面。
 * 结果：ok（一页摘要 + nextCursor）；MEMBER.NOT_BOUND。
 */
import { ok, type Result } from '../../domain/errors';
import { claimGuard, isOpen, UNRESOLVED_STATUSES } from '../../domain/lifecycle';
import type { QueueFilter, WorkTicketSummary } from '../../api/work.api';
import { workGroupIdsOf, type Deps } from '../context';
import { staffActor } from './staff-action';
import { workSummary } from './work-view';

export async function listQueue(deps: Deps, openid: string, filter: QueueFilter, cursor?: string | null): Promise<Result<{ items: WorkTicketSummary[]; nextCursor: string | null }>> {
  const a = await staffActor(deps, openid);
  if (!a.ok) return a;
  const m = a.data.member!;
  const groupIds = workGroupIdsOf(m);
  const nowIso = deps.clock.now().toISOString();
  const page =
    filter === 'mine'
      ? await deps.store.listTickets({ claimedBy: m.id }, { cursor, limit: 100 })
      : await deps.store.listTickets(
          { ...(groupIds ? { groupIds } : {}), ...(filter === 'open' ? { statuses: [...UNRESOLVED_STATUSES] } : {}), ...(filter === 'overdue' ? { overdueAt: nowIso } : {}) },
          { cursor, limit: 100 },
        );
  const items = filter === 'open' ? page.items.filter((t) => !claimGuard({ ticket: t, memberId: m.id, openid })) : page.items;
  const stations = new Map((await deps.store.listStations()).map((s) => [s.id, s.name]));
  const now = deps.clock.now().getTime();
  const summaries = items.map((t) => workSummary(t, stations.get(t.stationId) ?? '', now));
  // 过期的排在同类的前面
  summaries.sort(
    (x, y) =>
      Number(isOpen(y.status)) - Number(isOpen(x.status)) ||
      Number(y.urgency === 'urgent') - Number(x.urgency === 'urgent') ||
      Number(y.overdue) - Number(x.overdue) ||
      x.createdAt.localeCompare(y.createdAt) * (filter === 'open' || filter === 'overdue' ? 1 : -1),
  );
  return ok({ items: summaries, nextCursor: page.nextCursor });
}
