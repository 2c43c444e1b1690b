/**
 * 工作台看到的工单：列表里的一行（workSummary）与详情（buildWorkView）。
 * 正文和联系方式按 shared/domain/access.ts 的规则给；按钮只列此刻流转表和守卫都允许的动作。
 */
import { allowedActions, STATUS_LABELS, type TicketAction } from '../../domain/lifecycle';
import { primaryRelation, relationsTo } from '../../domain/access';
import type { Ticket } from '../../domain/model';
import { ratingsOf, reasonLabels } from '../../domain/ratings';
import type { WorkTicketSummary, WorkTicketView } from '../../api/work.api';
import type { Actor, Deps } from '../context';
import { excerpt } from '../notifications';
import { isOverdue } from '../../domain/figures';
import { casePrefill, collapseJoins, contactFor, textFor, timelineItem } from '../views';

/** 工作台上的动作（居民的"我也遇到了""评价"不在这里） */
const STAFF_ACTIONS: readonly TicketAction[] = ['claim', 'releaseClaim', 'addProgress', 'recordConsultation', 'proposeClose', 'returnProposal', 'close', 'assign', 'merge', 'refer', 'reject', 'reopen', 'setClaimLimit', 'overrideTriage', 'extendDeadline'];

/** 回头督问到了这位接单委员、他还没答的最早一条 */
export function pendingActionCheckFor(t: Ticket, memberId: string | null): WorkTicketView['pendingActionCheck'] {
  if (!memberId || !t.claimants.some((c) => c.memberId === memberId)) return null;
  const c = (t.actionChecks ?? []).find((x) => x.askedAt && !x.answers.some((a) => a.memberId === memberId));
  return c ? { id: c.id, agreement: c.agreement, askedAt: c.askedAt! } : null;
}

/** 页面只显示此刻能点的按钮：流转表允许，并且守卫条件满足（名额、是否已接）。 */
export function actionsFor(t: Ticket, actor: Actor): TicketAction[] {
  const guardInput = { ticket: t, memberId: actor.member?.id ?? null, openid: actor.openid };
  return allowedActions(t.status, relationsTo(actor, t), guardInput).filter((a) => STAFF_ACTIONS.includes(a));
}

export function workSummary(t: Ticket, stationName: string, nowMs: number): WorkTicketSummary {
  return {
    id: t.id,
    no: t.no,
    stationName,
    groupId: t.groupId,
    excerpt: excerpt(t.redactedText, 60),
    category: t.category,
    library: t.library,
    urgency: t.urgency,
    scope: t.scope,
    status: t.status,
    statusLabel: STATUS_LABELS[t.status],
    claimants: t.claimants.map((c) => c.name),
    claimLimit: t.claimLimit,
    reporterCount: t.meToo.length + 1,
    createdAt: t.createdAt,
    waitingHours: Math.max(0, Math.floor((nowMs - Date.parse(t.dispatchedAt ?? t.createdAt)) / 3_600_000)),
    due: { ...(t.due ?? {}) },
    overdue: isOverdue(t, new Date(nowMs).toISOString()),
  };
}

export async function buildWorkView(deps: Deps, t: Ticket, actor: Actor): Promise<WorkTicketView> {
  const [station, history, members, urls] = await Promise.all([
    deps.store.getStation(t.stationId),
    deps.store.listHistory(t.id),
    deps.store.listMembersOfGroup(t.groupId),
    t.photos.length ? deps.files.urlsFor(t.photos) : Promise.resolve({} as Record<string, string>),
  ]);
  const rels = relationsTo(actor, t);
  const proposal = [...history].reverse().find((h) => h.action === 'proposeClose');
  return {
    ...workSummary(t, station?.name ?? '', deps.clock.now().getTime()),
    kind: t.kind,
    text: textFor(t, rels),
    photos: t.photos.map((fileId) => ({ fileId, url: urls[fileId] ?? '' })),
    contact: contactFor(t, rels),
    anonymous: t.anonymous,
    stationId: t.stationId,
    triage: t.triage,
    claimantDetails: t.claimants,
    history: collapseJoins(history).map((h) => ({ ...timelineItem(h, false, t), from: h.from, to: h.to, relation: h.relation, ...(h.data ? { data: h.data } : {}) })),
    actions: actionsFor(t, actor),
    myRelation: primaryRelation(rels),
    groupMembers: members.filter((m) => m.active && m.groups.some((g) => g.groupId === t.groupId)).map((m) => ({ id: m.id, name: m.name, assignable: !!m.openid })),
    caseSummary: t.caseSummary,
    caseTitle: t.caseTitle ?? null,
    casePrefill: casePrefill(t, proposal?.note ?? null),
    publishCase: t.publishCase,
    proposal: proposal?.note ?? null,
    outcome: t.outcome,
    rating: t.rating,
    ratings: ratingsOf(t).map((r) => ({ by: r.openid === t.residentOpenid ? 'owner' : 'joiner', rating: r.rating, reasons: reasonLabels(r.reasons), comment: r.comment, at: r.at })),
    dueExtension: t.dueExtension ? { at: t.dueExtension.at, byName: t.dueExtension.byName, reason: t.dueExtension.reason, previous: t.dueExtension.previous } : null,
    pendingActionCheck: pendingActionCheckFor(t, actor.member?.id ?? null),
  };
}
