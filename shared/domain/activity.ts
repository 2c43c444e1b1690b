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
 * 每一分都对得上一张工单和工单历史里的一条：historyId 是那个动作写下的历史（同一时刻、ACTIVITY_ACTIONS 里对应的动作）；
 * 没有历史的旧数据（导入的）没有 historyId。
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
  /** 写下这件事的那条工单历史（旧数据没有） */
  historyId?: string;
  points: number;
  /** 超过每月上限的不计分 */
  counted: boolean;
}

type RawItem = Omit<ActivityItem, 'points' | 'counted'>;

/** 一张工单（连同它这个月的历史）在这个月给哪些委员记了哪些事（还没算分） */
export function activityOf(t: Ticket, history: readonly HistoryEntry[], month: string): RawItem[] {
  const out: RawItem[] = [];
  const add = (memberId: string, kind: ActivityKind, at: string, actor?: string) => {
    if (periodOf(at) !== month) return;
    const h = history.find((e) => e.at === at && ACTIVITY_SOURCES[kind].includes(e.action) && (actor === undefined || e.actorMemberId === actor));
    out.push({ memberId, kind, ticketId: t.id, ticketNo: t.no, at, ...(h ? { historyId: h.id } : {}) });
  };
  for (const c of t.claimants) add(c.memberId, 'claim', c.at);
  for (const h of history) if (h.action === 'recordConsultation' && h.actorMemberId) add(h.actorMemberId, 'consultation', h.at, h.actorMemberId);
  if (t.status === 'closed' && t.outcome && Date.parse(t.outcome.at) <= Date.parse(dueOf(t).resolve)) for (const c of t.claimants) add(c.memberId, 'closedInTime', t.outcome.at);
  for (const r of ratingsOf(t)) if (r.rating === 'satisfied') for (const c of t.claimants) add(c.memberId, 'satisfied', r.at);
  for (const check of t.actionChecks ?? []) for (const a of check.answers) if (a.done) add(a.memberId, 'lookBack', a.at, a.memberId);
  if (t.status === 'closed') for (const f of t.followUps ?? []) if (f.answer === 'notRebounded' && f.answeredAt) for (const c of t.claimants) add(c.memberId, 'lookBack', f.answeredAt);
  return out;
}

export interface MemberActivity {
  memberId: string;
  points: number;
  items: ActivityItem[];
}

/** 按规则算分：每位委员每一项按时间先后，超过上限的不计分；按总分从高到低 */
export function scoreActivity(raw: readonly RawItem[], rules: ActivityRules): MemberActivity[] {
  const byMember = new Map<string, ActivityItem[]>();
  const sorted = [...raw].sort((a, b) => a.at.localeCompare(b.at) || a.ticketId.localeCompare(b.ticketId));
  const used = new Map<string, number>();
  for (const r of sorted) {
    const key = `${r.memberId}|${r.kind}`;
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    const counted = n <= rules.pointsCapPerItemPerMonth;
    const item: ActivityItem = { ...r, counted, points: counted ? rules[POINTS_OF[r.kind]] : 0 };
    byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), item]);
  }
  return [...byMember.entries()]
    .map(([memberId, items]) => ({ memberId, items, points: items.reduce((s, i) => s + i.points, 0) }))
    .sort((a, b) => b.points - a.points || a.memberId.localeCompare(b.memberId));
}
