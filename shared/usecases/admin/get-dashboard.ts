/**
 * getDashboard（admin.dashboard）：一段月份、一个范围内的三率和各项数字，按联络站、小组、类别或月份分行，
 * 带合计、上一段同样长时间的合计（比上月）、县里的红线和口径说明。只读汇总（FiguresStore），不读工单：
 * CloudBase 上是汇总和过期计数两次聚合（返回的文档数 = 行数）加上站点、小组两个目录读。
 * 政协办按管理范围看；召集人（不是管理员的）看自己召集的小组——同一个 admin 函数、同一个页面，范围由 figureScopeOf 定。
 * 结果：ok；FIGURES.NOT_ALLOWED（既不是管理员也不是召集人）；FIGURES.PERIOD_INVALID；
 *       GROUP.NOT_FOUND / STATION.NOT_FOUND（范围以外的小组、站点也答未找到）。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { figureScopeOf, scopeCovers, type AdminScope } from '../../domain/access';
import { addCounters, FIGURE_DEFINITIONS, figureRow, periodLabel, periodsBetween, previousPeriod, targetsOf, zeroCounters, type FigureRow } from '../../domain/figures';
import type { MemberGroup, Station } from '../../domain/model';
import type { FigureDimension, FigureQuery } from '../../ports/store.port';
import type { DashboardView } from '../../api/admin.api';
import { resolveActor } from '../context';
import type { AdminDeps } from './admin-context';

/** 一次最多看多少个月 */
export const MAX_DASHBOARD_MONTHS = 36;

export interface DashboardInput {
  from: string;
  to: string;
  by: FigureDimension;
  groupId?: string;
  stationId?: string;
}

/** 看统计的人和他的范围 */
export async function figureViewer(deps: AdminDeps, openid: string): Promise<Result<{ scope: AdminScope; name: string }>> {
  const { member } = await resolveActor(deps, openid);
  const scope = figureScopeOf(member);
  if (!member || !scope) return fail('FIGURES.NOT_ALLOWED');
  return ok({ scope, name: member.name });
}

/** 范围 + 请求里的小组、站点 → 汇总的查询条件；请求的小组、站点不在范围内时说是哪一个 */
export function figureQuery(scope: AdminScope, stations: Station[], input: { from: string; to: string; groupId?: string; stationId?: string }): FigureQuery | 'group' | 'station' {
  const q: FigureQuery = { fromPeriod: input.from, toPeriod: input.to };
  if (!scope.all) q.groupIds = [...scope.groupIds];
  if (input.groupId) {
    if (!scopeCovers(scope, input.groupId)) return 'group';
    q.groupIds = [input.groupId];
  }
  if (input.stationId) {
    const s = stations.find((x) => x.id === input.stationId);
    if (!s || !scopeCovers(scope, s.groupId)) return 'station';
    q.stationIds = [s.id];
  }
  return q;
}

/** 同样长的上一段：11 月看的是 10 月，10–12 月看的是 7–9 月 */
function previousRange(from: string, to: string): { from: string; to: string } {
  const n = periodsBetween(from, to).length;
  let f = from;
  for (let i = 0; i < n; i++) f = previousPeriod(f);
  return { from: f, to: previousPeriod(from) };
}

function labeller(by: FigureDimension, stations: Station[], groups: MemberGroup[]): (key: string) => string {
  const names = new Map<string, string>([...stations.map((s) => [s.id, s.name] as const), ...groups.map((g) => [g.id, g.name] as const)]);
  if (by === 'month') return periodLabel;
  if (by === 'category') return (k) => k;
  return (k) => names.get(k) ?? k;
}

export async function getDashboard(deps: AdminDeps, openid: string, input: DashboardInput): Promise<Result<DashboardView>> {
  const v = await figureViewer(deps, openid);
  if (!v.ok) return v;
  if (input.from > input.to || periodsBetween(input.from, input.to).length > MAX_DASHBOARD_MONTHS) return fail('FIGURES.PERIOD_INVALID');
  const [stations, groups, settings] = await Promise.all([deps.store.listStations(), deps.store.listGroups(), deps.loadSettings()]);
  const q = figureQuery(v.data.scope, stations, input);
  if (q === 'group') return fail('GROUP.NOT_FOUND');
  if (q === 'station') return fail('STATION.NOT_FOUND');
  const now = deps.clock.now().toISOString();
  const prev = previousRange(input.from, input.to);
  const [sums, overdue, before] = await Promise.all([
    deps.store.sumFigures(q, input.by),
    deps.store.countOverdue(q, now, input.by),
    deps.store.sumFigures({ ...q, fromPeriod: prev.from, toPeriod: prev.to }, 'group'),
  ]);
  const label = labeller(input.by, stations, groups);
  const overdueBy = new Map(overdue.map((o) => [o.key, o.count]));
  const keys = [...new Set([...sums.map((s) => s.key), ...overdue.map((o) => o.key)])];
  const countersBy = new Map(sums.map((s) => [s.key, s.counters]));
  const rows: FigureRow[] = keys.map((k) => figureRow(k, label(k), countersBy.get(k) ?? zeroCounters(), overdueBy.get(k) ?? 0));
  rows.sort((a, b) => (input.by === 'month' ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label, 'zh')));
  const total = zeroCounters();
  for (const s of sums) addCounters(total, s.counters);
  const previous = zeroCounters();
  for (const s of before) addCounters(previous, s.counters);
  const scopeGroups = groups.filter((g) => scopeCovers(v.data.scope, g.id)).map((g) => ({ id: g.id, name: g.name }));
  return ok({
    rows,
    totals: figureRow('total', '合计', total, overdue.reduce((n, o) => n + o.count, 0)),
    // 上一段的过期数没有意义（过期按现在算），记 0
    previous: figureRow('previous', `${periodLabel(prev.from)}${prev.from === prev.to ? '' : `至${periodLabel(prev.to)}`}`, previous, 0),
    targets: targetsOf(settings),
    definitions: FIGURE_DEFINITIONS,
    scope: { all: v.data.scope.all, groups: scopeGroups },
    asOf: now,
  });
}
