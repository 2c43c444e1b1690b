/**
 * exportMonthlyReport（admin.monthlyReport）：每月通报。一个月、一个范围（全县或一个小组）：
 * 按小组、按联络站的三率（与看板同一个用例算出，数字一致），过期未办与不满意的工单，热点话题，履职积分，开头一段由数字生成的话。
 * 写成 .xlsx（中文表头、列宽）：本地给下载地址 url，云端给云存储 fileId；preview 时不写文件，只给打印页要的数据。
 * 不读成千上万张工单：过期清单按存下的过期列查（due < 现在，带索引），不满意清单按"收到不满意评价的月份"查（带索引），
 * 各读至多 MAX_LISTED 张；履职积分读积分汇总（get-member-activity.ts）。热点按本月提交的工单（最新的至多 MAX_LISTED 张，"我也遇到了"的人数计入热度）。
 * 结果：ok；FIGURES.NOT_ALLOWED；FIGURES.PERIOD_INVALID；GROUP.NOT_FOUND。
 */
import { ratingsOf } from '../../domain/ratings';
import { STEP_LABELS } from '../../domain/supervision';
import { ok, type Result } from '../../domain/errors';
import { shanghaiDate } from '../../domain/calendar';
import { STATUS_LABELS } from '../../domain/lifecycle';
import type { Ticket } from '../../domain/model';
import { formatRate, overdueStep, periodLabel, periodOf, reportNarrative, type FigureRow } from '../../domain/figures';
import { hotTopics } from '../../triage/similar';
import type { ReportSheet } from '../../ports/services.port';
import type { MonthlyReportView, ReportTicketRow } from '../../api/admin.api';
import type { AdminDeps } from './admin-context';
import { getDashboard } from './get-dashboard';
import { collectActivity } from './get-member-activity';
import { ACTIVITY_KINDS, ACTIVITY_LABELS } from '../../domain/activity';

export const MAX_LISTED = 2000;
/** 一格里最多列几个工单编号（Excel 一格至多 32767 个字符；一位委员一个月可能有上千张单） */
export const MAX_NOS_IN_CELL = 200;

/** 一格里的工单编号：多了只列前 MAX_NOS_IN_CELL 个，说明一共几张 */
export function ticketNosCell(nos: readonly string[]): string {
  return nos.length > MAX_NOS_IN_CELL ? `${nos.slice(0, MAX_NOS_IN_CELL).join('、')} 等 ${nos.length} 张` : nos.join('、');
}


/** 按条件一页一页读工单，每页读完就换成要的那一小块（通报只要几个字段，不必同时攥着几千张整单），至多 MAX_LISTED 张 */
async function collect<T>(deps: AdminDeps, query: Parameters<AdminDeps['store']['listTickets']>[0], pick: (t: Ticket) => T[]): Promise<T[]> {
  const out: T[] = [];
  let read = 0;
  let cursor: string | null = null;
  do {
    const page = await deps.store.listTickets(query, { limit: 1000, cursor });
    for (const t of page.items) out.push(...pick(t));
    read += page.items.length;
    cursor = page.nextCursor;
  } while (cursor && read < MAX_LISTED);
  return out;
}

const FIGURE_COLUMNS: Array<{ header: string; width: number; value: (r: FigureRow) => string | number }> = [
  { header: '收到', width: 8, value: (r) => r.received },
  { header: '派单', width: 8, value: (r) => r.dispatched },
  { header: '按期接单', width: 10, value: (r) => r.claimedOnTime },
  { header: '响应率', width: 10, value: (r) => formatRate(r.responseRate) },
  { header: '应办结', width: 8, value: (r) => r.dueToClose },
  { header: '按期办结', width: 10, value: (r) => r.closedOnTime },
  { header: '按期办结率', width: 12, value: (r) => formatRate(r.onTimeCloseRate) },
  { header: '办结', width: 8, value: (r) => r.closed },
  { header: '评价', width: 8, value: (r) => r.rated },
  { header: '满意', width: 8, value: (r) => r.satisfied },
  { header: '基本满意', width: 10, value: (r) => r.basic },
  { header: '不满意', width: 8, value: (r) => r.unsatisfied },
  { header: '满意率', width: 10, value: (r) => formatRate(r.satisfactionRate) },
  { header: '过期未办', width: 10, value: (r) => r.overdue },
];

export function figureSheet(name: string, firstHeader: string, rows: FigureRow[], totals: FigureRow): ReportSheet {
  return {
    name,
    columns: [{ header: firstHeader, width: 24 }, ...FIGURE_COLUMNS.map((c) => ({ header: c.header, width: c.width }))],
    rows: [...rows, totals].map((r) => [r.label, ...FIGURE_COLUMNS.map((c) => c.value(r))]),
  };
}

export async function exportMonthlyReport(deps: AdminDeps, openid: string, input: { month: string; groupId?: string; preview?: boolean }): Promise<Result<MonthlyReportView>> {
  const scope = { from: input.month, to: input.month, ...(input.groupId ? { groupId: input.groupId } : {}) };
  const byGroup = await getDashboard(deps, openid, { ...scope, by: 'group' });
  if (!byGroup.ok) return byGroup;
  const byStation = await getDashboard(deps, openid, { ...scope, by: 'station' });
  if (!byStation.ok) return byStation;
  const groupIds = input.groupId ? [input.groupId] : byGroup.data.scope.all ? undefined : byGroup.data.scope.groups.map((g) => g.id);
  const inScope = groupIds ? { groupIds } : {};
  const now = deps.clock.now().toISOString();
  const [stations, groups] = await Promise.all([deps.store.listStations(), deps.store.listGroups()]);
  const stationName = new Map(stations.map((s) => [s.id, s.name]));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const row = (t: Ticket, why: string): ReportTicketRow => ({
    no: t.no,
    station: stationName.get(t.stationId) ?? t.stationId,
    group: groupName.get(t.groupId) ?? t.groupId,
    category: t.category,
    status: STATUS_LABELS[t.status],
    text: t.redactedText.slice(0, 60),
    why,
  });

  const overdue = await collect(deps, { ...inScope, overdueAt: now }, (t) => {
    const late = overdueStep(t);
    if (!late || late.at >= now) return [];
    return [row(t, `${STEP_LABELS[late.step]}期限 ${shanghaiDate(late.at)} 已过${t.claimants.length ? '' : '，无人接单'}`)];
  });
  const unsatisfied = await collect(deps, { ...inScope, unsatisfiedIn: input.month }, (t) => [
    row(t, `不满意 ${ratingsOf(t).filter((r) => r.rating === 'unsatisfied' && periodOf(r.at) === input.month).length} 条`),
  ]);

  const monthStart = new Date(Date.parse(`${input.month}-01T00:00:00+08:00`)).toISOString();
  const received = await collect(deps, { ...inScope, createdAfter: monthStart }, (t) =>
    periodOf(t.createdAt) === input.month ? [{ id: t.id, no: t.no, text: t.redactedText, weight: t.meToo.length + 1 }] : [],
  );
  const receivedNo = new Map(received.map((t) => [t.id, t.no]));
  const topics = hotTopics(received, { minCount: 1, limit: 20 }).map((h) => ({
    label: h.label,
    count: h.count,
    tickets: h.ids.length,
    ticketNos: h.ids.map((id) => receivedNo.get(id) ?? id),
  }));

  const activity = await collectActivity(deps, inScope, input.month);
  const memberName = new Map((await deps.store.listMembers()).map((m) => [m.id, m.name]));

  const title = `${periodLabel(input.month)}${input.groupId ? groupName.get(input.groupId) ?? '' : byGroup.data.scope.all ? '全县' : ''}`;
  const summary = reportNarrative(`${periodLabel(input.month)}`, byGroup.data.totals, byGroup.data.previous);
  const ticketColumns = [
    { header: '编号', width: 14 },
    { header: '联络站', width: 22 },
    { header: '委员小组', width: 22 },
    { header: '类别', width: 14 },
    { header: '状态', width: 10 },
    { header: '反映内容（已隐去个人信息）', width: 50 },
    { header: '情况', width: 26 },
  ];
  const ticketRows = (rows: ReportTicketRow[]) => rows.map((r) => [r.no, r.station, r.group, r.category, r.status, r.text, r.why]);
  const sheets: ReportSheet[] = [
    { name: '概述', columns: [{ header: `${title}每月通报`, width: 120 }], rows: [[summary], ...byGroup.data.definitions.map((d) => [`${d.name}：${d.text}`])] },
    figureSheet('按小组', '委员小组', byGroup.data.rows, byGroup.data.totals),
    figureSheet('按联络站', '联络站', byStation.data.rows, byStation.data.totals),
    { name: '过期与不满意', columns: ticketColumns, rows: [...ticketRows(overdue), ...ticketRows(unsatisfied)] },
    {
      name: '热点话题',
      columns: [{ header: '话题', width: 24 }, { header: '热度（含我也遇到了）', width: 20 }, { header: '件数', width: 8 }, { header: '工单编号', width: 60 }],
      rows: topics.map((h) => [h.label, h.count, h.tickets, ticketNosCell(h.ticketNos)]),
    },
    {
      name: '履职积分',
      columns: [{ header: '委员', width: 12 }, { header: '积分', width: 8 }, ...ACTIVITY_KINDS.map((k) => ({ header: `${ACTIVITY_LABELS[k]}（次）`, width: 14 })), { header: '工单编号', width: 50 }],
      rows: activity.map((a) => [
        memberName.get(a.memberId) ?? a.memberId,
        a.points,
        ...ACTIVITY_KINDS.map((k) => a.items.filter((i) => i.kind === k).length),
        ticketNosCell([...new Set(a.items.map((i) => i.ticketNo))]),
      ]),
    },
  ];
  const fileName = `每月通报-${input.month}${input.groupId ? `-${input.groupId}` : ''}.xlsx`;
  const saved = input.preview ? {} : await deps.reports.saveWorkbook(fileName, sheets);
  return ok({
    ...saved,
    fileName,
    title: `${title}每月通报`,
    summary,
    byGroup: byGroup.data.rows,
    byStation: byStation.data.rows,
    totals: byGroup.data.totals,
    previous: byGroup.data.previous,
    overdue,
    unsatisfied,
    hotTopics: topics,
    activity: activity.map((a) => ({ memberId: a.memberId, name: memberName.get(a.memberId) ?? a.memberId, points: a.points, itemCount: a.items.length })),
    definitions: byGroup.data.definitions,
    targets: byGroup.data.targets,
  });
}
