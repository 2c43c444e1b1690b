/**
 * 履职积分：委员在一个月里做的实事，每一分都对得上一张工单和一个动作。规则（几分、每项每月最多几次）在县级设置里。
 * - 接单：这张单的每位接单委员（含召集人分派的），按接单时刻；
 * - 协商：记了协商记录的委员，按记录时刻（工单历史里的 recordConsultation）；
 * - 按期办结：办结时刻不晚于办结期限（figures.ts 的 dueOf），这一单的每位接单委员都得；
 * - 满意：每一条"满意"评价（figures.ts 的 ratingsOf），这一单的每位接单委员都得。
 * 每一项按时间先后计，超过每月上限的照样列出（counted = false，0 分）。月份按北京时间。
 */
import { ratingsOf } from './ratings';
import type { HistoryEntry, Ticket } from './model';
import type { CountySettings } from './settings';
import { dueOf, periodOf } from './figures';

export const ACTIVITY_KINDS = ['claim', 'consultation', 'closedInTime', 'satisfied'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_LABELS: Record<ActivityKind, string> = { claim: '接单', consultation: '记录协商', closedInTime: '按期办结', satisfied: '居民满意' };

export type ActivityRules = Pick<CountySettings, 'pointsPerClaim' | 'pointsPerConsultation' | 'pointsPerClosedInTime' | 'pointsPerSatisfied' | 'pointsCapPerItemPerMonth'>;

const POINTS_OF: Record<ActivityKind, keyof ActivityRules> = {
  claim: 'pointsPerClaim',
  consultation: 'pointsPerConsultation',
  closedInTime: 'pointsPerClosedInTime',
  satisfied: 'pointsPerSatisfied',
};

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

/** 一张工单（连同它的历史）在这个月给哪些委员记了哪些事（还没算分） */
export function activityOf(t: Ticket, history: readonly HistoryEntry[], month: string): Array<Omit<ActivityItem, 'points' | 'counted'>> {
  const out: Array<Omit<ActivityItem, 'points' | 'counted'>> = [];
  const add = (memberId: string, kind: ActivityKind, at: string) => {
    if (periodOf(at) === month) out.push({ memberId, kind, ticketId: t.id, ticketNo: t.no, at });
  };
  for (const c of t.claimants) add(c.memberId, 'claim', c.at);
  for (const h of history) if (h.action === 'recordConsultation' && h.actorMemberId) add(h.actorMemberId, 'consultation', h.at);
  if (t.status === 'closed' && t.outcome && Date.parse(t.outcome.at) <= Date.parse(dueOf(t).resolve)) for (const c of t.claimants) add(c.memberId, 'closedInTime', t.outcome.at);
  for (const r of ratingsOf(t)) if (r.rating === 'satisfied') for (const c of t.claimants) add(c.memberId, 'satisfied', r.at);
  return out;
}

export interface MemberActivity {
  memberId: string;
  points: number;
  items: ActivityItem[];
}

/** 按规则算分：每位委员每一项按时间先后，超过上限的不计分；按总分从高到低 */
export function scoreActivity(raw: ReadonlyArray<Omit<ActivityItem, 'points' | 'counted'>>, rules: ActivityRules): MemberActivity[] {
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
