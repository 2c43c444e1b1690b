/**
 * 履职积分：委员在一个月里做的实事，每一分都对得上一张工单和一个动作。规则（几分、每项每月最多几次）在县级设置里。
 * - 接单：这张单的每位接单委员（含召集人分派的），按接单时刻；
 * - 协商：记了协商记录的委员，按记录时刻（工单历史里的 recordConsultation）；
 * - 按期办结：办结时刻不晚于办结期限（figures.ts 的 dueOf），这一单的每位接单委员都得；
 * - 满意：每一条"满意"评价（figures.ts 的 ratingsOf），这一单的每位接单委员都得；
 * - 回头看：委员把回头看这件事做成了——
 *   · 回头督：协商后定时任务问接单委员"商定的事办了没有"，他答"办了"，按答复时刻记给答的这位委员（没办的不得分）；
 *   · 回头看：办结后定时任务问居民"问题有没有反弹"，居民答"没有反弹"，按答复时刻记给这一单的每位接单委员（每位居民的一句各算一次，同"满意"）。
 * 每一项按时间先后计，超过每月上限的照样列出（counted = false，0 分）。月份按北京时间。
 *
 * 每一分都对得上一张工单和工单历史里的一条：那张单上、同一时刻、ACTIVITY_SOURCES 里对应动作的那条历史（activitySource）。
 *
 * 汇总（与三率一样随工单写入、定时核对）：每张工单存一份它的全部积分事项（各月，还没算分）——ticketActivity。
 * 协商只在历史里，所以汇总里的协商事项是只增的：这一次写入的历史里有记协商的就加上，已有的留着；核对时按这张单的全部历史重算。
 * 看板和通报读一个月的事项（按月份、小组或委员带索引），再按规则算分（scoreActivity），不读工单。
 */
import { ratingsOf } from './ratings';
import type { HistoryEntry, Ticket } from './model';
import type { TicketAction } from './lifecycle';
import type { CountySettings } from './settings';
import { dueOf, periodOf } from './figures';

export const ACTIVITY_KINDS = ['claim', 'consultation', 'closedInTime', 'satisfied', 'lookBack'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_LABELS: Record<ActivityKind, string> = { claim: '接单', consultation: '记录协商', closedInTime: '按期办结', satisfied: '居民满意', lookBack: '回头看' };

export type ActivityRules = Pick<CountySettings, 'pointsPerClaim' | 'pointsPerConsultation' | 'pointsPerClosedInTime' | 'pointsPerSatisfied' | 'pointsPerLookBack' | 'pointsCapPerItemPerMonth'>;

const POINTS_OF: Record<ActivityKind, keyof ActivityRules> = {
  claim: 'pointsPerClaim',
  consultation: 'pointsPerConsultation',
  closedInTime: 'pointsPerClosedInTime',
  satisfied: 'pointsPerSatisfied',
  lookBack: 'pointsPerLookBack',
};

/** 每一项是哪个（哪几个）动作写下的：积分只可能来自这些动作，所以一个月的积分只需读这个月里这些动作的历史和它们的工单 */
export const ACTIVITY_SOURCES: Record<ActivityKind, readonly TicketAction[]> = {
  claim: ['claim', 'assign'],
  consultation: ['recordConsultation'],
  closedInTime: ['close'],
  satisfied: ['rate', 'answerFollowUp'],
  lookBack: ['answerActionCheck', 'answerFollowUp'],
};
export const ACTIVITY_ACTIONS: readonly TicketAction[] = [...new Set(Object.values(ACTIVITY_SOURCES).flat())];

export interface ActivityItem {
  memberId: string;
  kind: ActivityKind;
  ticketId: string;
  ticketNo: string;
  at: string;
  points: number;
  /** 超过每月上限的不计分 */
  counted: boolean;
}

/** 还没算分的一项：哪位委员、什么事、哪张单、什么时刻 */
export type RawItem = Omit<ActivityItem, 'points' | 'counted'>;

/** 同一张单上一项的标识：同一位委员、同一件事、同一时刻只算一项 */
export const activityKey = (i: Pick<RawItem, 'ticketId' | 'memberId' | 'kind' | 'at'>): string => `${i.ticketId}|${i.memberId}|${i.kind}|${i.at}`;

/** 积分事项的先后：时刻，再按工单、事项、委员（上限按它数，两套存储读出来也按它排） */
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
export const compareActivity = (a: RawItem, b: RawItem): number => cmp(a.at, b.at) || cmp(a.ticketId, b.ticketId) || ACTIVITY_KINDS.indexOf(a.kind) - ACTIVITY_KINDS.indexOf(b.kind) || cmp(a.memberId, b.memberId);

/** 这张工单记了协商的历史 → 协商事项 */
function consultationsIn(t: Pick<Ticket, 'id' | 'no'>, history: readonly HistoryEntry[]): RawItem[] {
  return history
    .filter((h) => h.ticketId === t.id && h.action === 'recordConsultation' && h.actorMemberId)
    .map((h) => ({ memberId: h.actorMemberId!, kind: 'consultation' as const, ticketId: t.id, ticketNo: t.no, at: h.at }));
}

/** 一张工单（连同它的历史）给哪些委员记了哪些事（还没算分）；给了 month 只留那个月的 */
export function activityOf(t: Ticket, history: readonly HistoryEntry[], month?: string): RawItem[] {
  const out: RawItem[] = [];
  const add = (memberId: string, kind: ActivityKind, at: string) => {
    if (month === undefined || periodOf(at) === month) out.push({ memberId, kind, ticketId: t.id, ticketNo: t.no, at });
  };
  for (const c of t.claimants) add(c.memberId, 'claim', c.at);
  for (const c of consultationsIn(t, history)) add(c.memberId, 'consultation', c.at);
  if (t.status === 'closed' && t.outcome && Date.parse(t.outcome.at) <= Date.parse(dueOf(t).resolve)) for (const c of t.claimants) add(c.memberId, 'closedInTime', t.outcome.at);
  for (const r of ratingsOf(t)) if (r.rating === 'satisfied') for (const c of t.claimants) add(c.memberId, 'satisfied', r.at);
  for (const check of t.actionChecks ?? []) for (const a of check.answers) if (a.done) add(a.memberId, 'lookBack', a.at);
  if (t.status === 'closed') for (const f of t.followUps ?? []) if (f.answer === 'notRebounded' && f.answeredAt) for (const c of t.claimants) add(c.memberId, 'lookBack', f.answeredAt);
  return out;
}

/**
 * 汇总里这张工单的全部积分事项（各月），工单每写一次算一次：
 * 工单上看得出的（接单、按期办结、满意、回头看）按工单现在的样子重算；协商取已有的（previous）加上这一次写入的历史（written）里新记的。
 * 核对时 previous 为空、written 为这张单的全部历史，结果与一路增量算来的相同。按时间排好，没有重复。
 */
export function ticketActivity(t: Ticket, previous: readonly RawItem[], written: readonly HistoryEntry[]): RawItem[] {
  const items = new Map<string, RawItem>();
  for (const i of [...activityOf(t, []), ...previous.filter((p) => p.kind === 'consultation'), ...consultationsIn(t, written)]) items.set(activityKey(i), { ...i, ticketNo: t.no });
  return [...items.values()].sort(compareActivity);
}

/** 写下这一项的那条历史：同一张单、同一时刻、对应的动作（协商、回头督还要是同一位委员）；导入的旧数据可能没有 */
export function activitySource(item: RawItem, history: readonly HistoryEntry[]): HistoryEntry | null {
  const byActor = (h: HistoryEntry) => (h.action !== 'recordConsultation' && h.action !== 'answerActionCheck') || h.actorMemberId === item.memberId;
  return history.find((h) => h.ticketId === item.ticketId && h.at === item.at && ACTIVITY_SOURCES[item.kind].includes(h.action) && byActor(h)) ?? null;
}

export interface MemberActivity {
  memberId: string;
  points: number;
  items: ActivityItem[];
}

/** 按规则算分：每位委员每一项按时间先后，超过上限的不计分；按总分从高到低 */
export function scoreActivity(raw: readonly RawItem[], rules: ActivityRules): MemberActivity[] {
  const byMember = new Map<string, ActivityItem[]>();
  // 汇总读出来的已按先后排好，只有没排好时才排
  const sorted = raw.every((r, i) => i === 0 || compareActivity(raw[i - 1]!, r) <= 0) ? raw : [...raw].sort(compareActivity);
  const used = new Map<string, number>();
  for (const r of sorted) {
    const key = `${r.memberId}|${r.kind}`;
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    const counted = n <= rules.pointsCapPerItemPerMonth;
    const item: ActivityItem = { ...r, counted, points: counted ? rules[POINTS_OF[r.kind]] : 0 };
    const list = byMember.get(r.memberId);
    if (list) list.push(item);
    else byMember.set(r.memberId, [item]);
  }
  return [...byMember.entries()]
    .map(([memberId, items]) => ({ memberId, items, points: items.reduce((s, i) => s + i.points, 0) }))
    .sort((a, b) => b.points - a.points || a.memberId.localeCompare(b.memberId));
}
