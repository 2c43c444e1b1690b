/**
 * getMemberActivity（admin.memberActivity）：一个月里每位委员的履职积分和每一分的来历（哪张单、什么事、几点），
 * 规则在县级设置里（shared/domain/activity.ts）。政协办看范围内的全部委员，召集人看自己召集的小组；委员看自己的走 work.myActivity。
 * 读工单而不是汇总：这个月前 ACTIVITY_WINDOW_DAYS 天以来提交的、有人接过的工单（连同历史，协商记录在历史里），至多 MAX_TICKETS 张——
 * 一个县一个月几百到几千件在办，够用；再大要像三率一样做成随写入更新的汇总。
 * 结果：ok；FIGURES.NOT_ALLOWED；FIGURES.PERIOD_INVALID（月份写错由请求模式拦下）。
 */
import { ok, type Result } from '../../domain/errors';
import { activityOf, scoreActivity, type MemberActivity } from '../../domain/activity';
import type { Ticket } from '../../domain/model';
import type { TicketQuery } from '../../ports/store.port';
import type { MemberActivityView } from '../../api/admin.api';
import type { Deps } from '../context';
import type { AdminDeps } from './admin-context';
import { figureViewer } from './get-dashboard';

export const ACTIVITY_WINDOW_DAYS = 120;
export const MAX_TICKETS = 5000;

/** 这个月、这些工单条件下的积分（只留 keep 通过的委员） */
export async function collectActivity(deps: Deps, query: TicketQuery, month: string, keep: (memberId: string) => boolean = () => true): Promise<MemberActivity[]> {
  const since = new Date(Date.parse(`${month}-01T00:00:00+08:00`) - ACTIVITY_WINDOW_DAYS * 86_400_000).toISOString();
  const tickets: Ticket[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.store.listTickets({ ...query, createdAfter: since }, { limit: 1000, cursor });
    tickets.push(...page.items.filter((t) => t.claimants.length > 0));
    cursor = page.nextCursor;
  } while (cursor && tickets.length < MAX_TICKETS);
  // 协商记录在历史里；这个月记过协商的工单，updatedAt 一定不早于月初——其余的不必读历史
  const monthStart = new Date(Date.parse(`${month}-01T00:00:00+08:00`)).toISOString();
  const raw = [];
  for (const t of tickets) {
    const history = t.updatedAt >= monthStart ? await deps.store.listHistory(t.id) : [];
    raw.push(...activityOf(t, history, month).filter((i) => keep(i.memberId)));
  }
  return scoreActivity(raw, await deps.loadSettings());
}

export async function getMemberActivity(deps: AdminDeps, openid: string, month: string): Promise<Result<MemberActivityView>> {
  const v = await figureViewer(deps, openid);
  if (!v.ok) return v;
  const scope = v.data.scope;
  const rows = await collectActivity(deps, scope.all ? {} : { groupIds: [...scope.groupIds] }, month);
  const names = new Map((await deps.store.listMembers()).map((m) => [m.id, m.name]));
  return ok({ month, rows: rows.map((r) => ({ ...r, name: names.get(r.memberId) ?? r.memberId })) });
}
