/**
 * 委员与召集人对工单的全部动作：接单、退出、进展、协商记录、提请办结、退回、办结归档、
 * 分单、合并、转办、不予受理、重新办理、调整接单名额、调整分类。
 * 每个动作都经 mutateTicket：查流转表 → 条件写入 → 历史 + 通知同一事务。
 * 返回更新后的工作台视图；失败返回 TICKET.* / AUTH.* / MEMBER.NOT_BOUND。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { allowedActions, isOpen, type TicketAction } from '../../domain/lifecycle';
import type { Member, Ticket } from '../../domain/model';
import { CATEGORIES, REPORT_KIND_LABELS, SCOPE_LABELS, URGENCY_LABELS, type Category, type ReportKind, type Scope, type Urgency } from '../../domain/vocabulary';
import type { WorkTicketSummary, WorkTicketView } from '../../api/work.api';
import { redactPersonalData } from '../../triage';
import { convenersOf, groupIdsOf, isStaffRelation, primaryRelation, relationsTo, resolveActor, type Actor, type Deps } from '../context';
import { mutateTicket, type MutationPlan, type PlanContext } from '../mutate-ticket';
import { excerpt, type NotifyTarget } from '../notifications';
import { contactFor, scrubKnownPersonalData, timelineOf, workSummary } from '../views';

const STAFF_ACTIONS: TicketAction[] = ['claim', 'releaseClaim', 'addProgress', 'recordConsultation', 'proposeClose', 'returnProposal', 'close', 'assign', 'merge', 'refer', 'reject', 'reopen', 'setClaimLimit', 'overrideTriage'];

async function staffActor(deps: Deps, openid: string): Promise<Result<Actor>> {
  const actor = await resolveActor(deps, openid);
  if (!actor.member) return fail('MEMBER.NOT_BOUND');
  return ok(actor);
}

const residentsOf = (t: Ticket): NotifyTarget[] => [t.residentOpenid, ...t.meToo].map((openid) => ({ kind: 'resident' as const, openid }));

async function claimantMembers(deps: Deps, t: Ticket): Promise<Member[]> {
  const all = await deps.store.listMembersOfGroup(t.groupId);
  return all.filter((m) => t.claimants.some((c) => c.memberId === m.id));
}

/** 页面只显示此刻能点的按钮：流转表允许，并且守卫条件满足（名额、是否已接）。 */
export function actionsFor(t: Ticket, actor: Actor): TicketAction[] {
  const rels = relationsTo(actor, t);
  return allowedActions(t.status, rels).filter((a) => {
    if (!STAFF_ACTIONS.includes(a)) return false;
    if (a === 'claim') return t.claimants.length < t.claimLimit && !t.claimants.some((c) => c.memberId === actor.member?.id);
    return true;
  });
}

export async function buildWorkView(deps: Deps, t: Ticket, actor: Actor): Promise<WorkTicketView> {
  const [station, history, members, urls] = await Promise.all([
    deps.store.getStation(t.stationId),
    deps.store.listHistory(t.id),
    deps.store.listMembersOfGroup(t.groupId),
    t.photos.length ? deps.files.urlsFor(t.photos) : Promise.resolve({} as Record<string, string>),
  ]);
  const rels = relationsTo(actor, t);
  const fullContact = rels.some((r) => r === 'claimant' || r === 'convener' || r === 'admin');
  const proposal = [...history].reverse().find((h) => h.action === 'proposeClose');
  return {
    ...workSummary(t, station?.name ?? '', deps.clock.now().getTime()),
    kind: t.kind,
    text: t.redactedText,
    photos: t.photos.map((fileId) => ({ fileId, url: urls[fileId] ?? '' })),
    contact: contactFor(t, actor.member, fullContact),
    anonymous: t.anonymous,
    stationId: t.stationId,
    triage: t.triage,
    claimantDetails: t.claimants,
    history: timelineOf(history, false).map((item, i) => ({ ...item, from: history[i]!.from, to: history[i]!.to, relation: history[i]!.relation, ...(history[i]!.data ? { data: history[i]!.data } : {}) })),
    actions: actionsFor(t, actor),
    myRelation: primaryRelation(rels),
    groupMembers: members.filter((m) => m.active && m.groups.some((g) => g.groupId === t.groupId)).map((m) => ({ id: m.id, name: m.name })),
    caseSummary: t.caseSummary,
    publishCase: t.publishCase,
    proposal: proposal?.note ?? null,
    outcome: t.outcome,
    rating: t.rating,
  };
}

/** getTicket（工作台）：非本组人员 TICKET.NOT_FOUND。 */
export async function getWorkTicket(deps: Deps, openid: string, ticketId: string): Promise<Result<WorkTicketView>> {
  const a = await staffActor(deps, openid);
  if (!a.ok) return a;
  const t = await deps.store.getTicket(ticketId);
  if (!t) return fail('TICKET.NOT_FOUND');
  if (!isStaffRelation(relationsTo(a.data, t))) return fail('TICKET.NOT_FOUND');
  return ok(await buildWorkView(deps, t, a.data));
}

/** listQueue：open 待接单（含名额未满的）/ mine 我接的 / group 全组。管理员看全部小组。 */
export async function listQueue(deps: Deps, openid: string, filter: 'open' | 'mine' | 'group', cursor?: string | null): Promise<Result<{ items: WorkTicketSummary[]; nextCursor: string | null }>> {
  const a = await staffActor(deps, openid);
  if (!a.ok) return a;
  const m = a.data.member!;
  const groupIds = m.isAdmin ? undefined : groupIdsOf(m);
  const page =
    filter === 'mine'
      ? await deps.store.listTickets({ claimedBy: m.id }, { cursor, limit: 100 })
      : await deps.store.listTickets({ ...(groupIds ? { groupIds } : {}), ...(filter === 'open' ? { statuses: ['pending', 'claimed', 'consulting'] } : {}) }, { cursor, limit: 100 });
  const items = filter === 'open' ? page.items.filter((t) => t.claimants.length < t.claimLimit && !t.claimants.some((c) => c.memberId === m.id)) : page.items;
  const stations = new Map((await deps.store.listStations()).map((s) => [s.id, s.name]));
  const now = deps.clock.now().getTime();
  const summaries = items.map((t) => workSummary(t, stations.get(t.stationId) ?? '', now));
  // 紧急的、等得久的排前面；已结束的排后面
  summaries.sort((x, y) => Number(isOpen(y.status)) - Number(isOpen(x.status)) || Number(y.urgency === 'urgent') - Number(x.urgency === 'urgent') || x.createdAt.localeCompare(y.createdAt) * (filter === 'open' ? 1 : -1));
  return ok({ items: summaries, nextCursor: page.nextCursor });
}

type Planner = (ctx: PlanContext, actor: Actor) => Promise<Result<MutationPlan>> | Result<MutationPlan>;

async function act(deps: Deps, openid: string, ticketId: string, action: TicketAction, planner: Planner): Promise<Result<WorkTicketView>> {
  const a = await staffActor(deps, openid);
  if (!a.ok) return a;
  const r = await mutateTicket(deps, a.data, ticketId, action, (ctx) => planner(ctx, a.data));
  if (!r.ok) return r;
  return ok(await buildWorkView(deps, r.data, a.data));
}

async function checkedText(deps: Deps, openid: string, text: string): Promise<Result<string>> {
  const verdict = await deps.content.checkText(text, openid);
  return verdict.pass ? ok(text) : fail('REPORT.CONTENT_BLOCKED');
}

export function claimTicket(deps: Deps, openid: string, ticketId: string) {
  return act(deps, openid, ticketId, 'claim', ({ ticket, now }, actor) => {
    const m = actor.member!;
    if (ticket.claimants.some((c) => c.memberId === m.id)) return fail('TICKET.ALREADY_CLAIMED');
    if (ticket.claimants.length >= ticket.claimLimit) return fail('TICKET.CLAIM_FULL');
    const claimants = [...ticket.claimants, { memberId: m.id, name: m.name, at: now, assigned: false }];
    return ok({
      next: { ...ticket, claimants },
      note: `${m.name}委员接单`,
      visibleToResident: true,
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.claimed', title: `委员已接单 · ${ticket.no}`, body: `${m.name}委员接下了您反映的"${excerpt(ticket.redactedText, 20)}"，会尽快与您联系。` } }],
    });
  });
}

export function releaseClaim(deps: Deps, openid: string, ticketId: string) {
  return act(deps, openid, ticketId, 'releaseClaim', ({ ticket }, actor) => {
    const m = actor.member!;
    const claimants = ticket.claimants.filter((c) => c.memberId !== m.id);
    return ok({ next: { ...ticket, claimants }, note: `${m.name}委员退出接单`, visibleToResident: false });
  });
}

export function addProgress(deps: Deps, openid: string, ticketId: string, note: string, photos: string[] = []) {
  return act(deps, openid, ticketId, 'addProgress', async ({ ticket }) => {
    const text = await checkedText(deps, openid, note);
    if (!text.ok) return text;
    for (const p of photos) if (!(await deps.files.exists(p))) return fail('REPORT.PHOTO_INVALID');
    return ok({
      next: ticket,
      note,
      visibleToResident: true,
      ...(photos.length ? { data: { photos } } : {}),
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.progress', title: `办理进展 · ${ticket.no}`, body: excerpt(note, 60) } }],
    });
  });
}

export interface ConsultationInput {
  heldAt: string;
  place: string;
  participants: string[];
  departments: string[];
  agreement: string;
}

export function recordConsultation(deps: Deps, openid: string, ticketId: string, c: ConsultationInput) {
  return act(deps, openid, ticketId, 'recordConsultation', async ({ ticket }) => {
    const text = await checkedText(deps, openid, `${c.place} ${c.agreement}`);
    if (!text.ok) return text;
    const note = `协商地点：${c.place}；参加：${c.participants.join('、')}${c.departments.length ? `；部门：${c.departments.join('、')}` : ''}；协商结果：${c.agreement}`;
    return ok({
      next: ticket,
      note,
      visibleToResident: true,
      data: { consultation: { ...c } },
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.consulted', title: `协商结果 · ${ticket.no}`, body: excerpt(c.agreement, 60) } }],
    });
  });
}

export function proposeClose(deps: Deps, openid: string, ticketId: string, summary: string) {
  return act(deps, openid, ticketId, 'proposeClose', async ({ ticket }, actor) => {
    const targets = (await convenersOf(deps, ticket.groupId)).map((member) => ({ kind: 'member' as const, member }));
    const group = await deps.store.getGroup(ticket.groupId);
    return ok({
      next: ticket,
      note: summary,
      visibleToResident: false,
      notify: [{ targets: [...targets, ...(group ? [{ kind: 'group' as const, group }] : [])], content: { event: 'ticket.proposed', title: `待办结 · ${excerpt(ticket.redactedText, 16)}`, body: `${actor.member!.name}委员提请办结：${excerpt(summary, 50)}` } }],
    });
  });
}

export function returnProposal(deps: Deps, openid: string, ticketId: string, reason: string) {
  return act(deps, openid, ticketId, 'returnProposal', async ({ ticket }) => ({
    ok: true,
    data: {
      next: ticket,
      note: reason,
      visibleToResident: false,
      notify: [{ targets: (await claimantMembers(deps, ticket)).map((member) => ({ kind: 'member' as const, member })), content: { event: 'ticket.returned', title: `退回继续办理 · ${ticket.no}`, body: excerpt(reason, 60) } }],
    },
  }));
}

/** closeTicket：办结并归入案例库。公开的案例写法会去掉个人信息并经过内容安全检查。 */
export function closeTicket(deps: Deps, openid: string, ticketId: string, caseSummary: string, publish = true) {
  return act(deps, openid, ticketId, 'close', async ({ ticket, now }) => {
    const text = await checkedText(deps, openid, caseSummary);
    if (!text.ok) return text;
    const summary = redactPersonalData(scrubKnownPersonalData(caseSummary, ticket)).redacted;
    return ok({
      next: { ...ticket, library: 'case', caseSummary: summary, publishCase: publish, outcome: { kind: 'closed', note: summary, at: now } },
      note: summary,
      visibleToResident: true,
      notify: [
        { targets: residentsOf(ticket), content: { event: 'ticket.closed', title: `已办结，请您评价 · ${ticket.no}`, body: `${excerpt(summary, 50)} 点此评价：满意 / 基本满意 / 不满意` } },
        { targets: (await claimantMembers(deps, ticket)).map((member) => ({ kind: 'member' as const, member })), content: { event: 'ticket.closed', title: `已办结 · ${ticket.no}`, body: excerpt(summary, 60) } },
      ],
    });
  });
}

/** assignTicket（分单）：给没人接的工单指定委员；所选委员必须在本组。 */
export function assignTicket(deps: Deps, openid: string, ticketId: string, memberIds: string[]) {
  return act(deps, openid, ticketId, 'assign', async ({ ticket, now }) => {
    const members = await deps.store.listMembersOfGroup(ticket.groupId);
    const chosen = [...new Set(memberIds)].map((id) => members.find((m) => m.id === id && m.active));
    if (chosen.some((m) => !m)) return fail('TICKET.MEMBER_NOT_IN_GROUP');
    const added = (chosen as Member[]).filter((m) => !ticket.claimants.some((c) => c.memberId === m.id));
    const claimants = [...ticket.claimants, ...added.map((m) => ({ memberId: m.id, name: m.name, at: now, assigned: true }))];
    return ok({
      next: { ...ticket, claimants, claimLimit: Math.max(ticket.claimLimit, claimants.length) },
      note: `分单给：${added.map((m) => m.name).join('、') || '（已在办理）'}`,
      visibleToResident: false,
      notify: [
        { targets: added.map((member) => ({ kind: 'member' as const, member })), content: { event: 'ticket.assigned', title: `召集人分单给您 · ${ticket.category}`, body: excerpt(ticket.redactedText, 60) } },
        ...(ticket.claimants.length === 0 && added.length ? [{ targets: residentsOf(ticket), content: { event: 'ticket.claimed', title: `委员已接单 · ${ticket.no}`, body: `${added.map((m) => m.name).join('、')}委员将办理您的反映。` } }] : []),
      ],
    });
  });
}

/** mergeTicket：把重复反映并入另一张；两边的居民都跟进保留的那张，"我也遇到了"人数相加。 */
export function mergeTicket(deps: Deps, openid: string, ticketId: string, intoTicketId: string) {
  return act(deps, openid, ticketId, 'merge', async ({ ticket, now }) => {
    if (ticketId === intoTicketId) return fail('TICKET.MERGE_SELF');
    const target = await deps.store.getTicket(intoTicketId);
    if (!target || target.groupId !== ticket.groupId || !isOpen(target.status)) return fail('TICKET.MERGE_TARGET_INVALID');
    const joined = [ticket.residentOpenid, ...ticket.meToo, ...target.meToo].filter((o, i, all) => o !== target.residentOpenid && all.indexOf(o) === i);
    return ok({
      next: { ...ticket, outcome: { kind: 'merged', note: `与 ${target.no} 为同一问题，已合并办理`, intoTicketId: target.id, at: now } },
      note: `与 ${target.no} 为同一问题，已合并办理，请在"我的反映"中跟进该条`,
      visibleToResident: true,
      also: [{ next: { ...target, meToo: joined, mergedFrom: [...target.mergedFrom, ticket.id] }, from: target.status, expectedVersion: target.version, note: `合并了同一问题的反映 ${ticket.no}`, action: 'merge', visibleToResident: true }],
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.merged', title: `您的反映已合并办理 · ${ticket.no}`, body: `与 ${target.no} 为同一问题，合并后一起办理。` } }],
    });
  });
}

/** referTicket（转办）：个人诉求转职能部门，理由居民看得到。 */
export function referTicket(deps: Deps, openid: string, ticketId: string, department: string, reason: string) {
  return act(deps, openid, ticketId, 'refer', ({ ticket, now }) =>
    ok({
      next: { ...ticket, outcome: { kind: 'referred', note: reason, department, at: now } },
      note: `已转${department}办理。${reason}`,
      visibleToResident: true,
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.referred', title: `已转${department}办理 · ${ticket.no}`, body: excerpt(reason, 60) } }],
    }),
  );
}

export function rejectTicket(deps: Deps, openid: string, ticketId: string, reason: string) {
  return act(deps, openid, ticketId, 'reject', ({ ticket, now }) =>
    ok({
      next: { ...ticket, outcome: { kind: 'rejected', note: reason, at: now } },
      note: reason,
      visibleToResident: true,
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.rejected', title: `不予受理 · ${ticket.no}`, body: excerpt(reason, 60) } }],
    }),
  );
}

/** reopenTicket：重新办理。原接单委员继续（状态回到已接单），没人接的回到待接单；案例撤回，评价清空。 */
export function reopenTicket(deps: Deps, openid: string, ticketId: string, reason = '') {
  return act(deps, openid, ticketId, 'reopen', async ({ ticket }) => {
    const targets = (await claimantMembers(deps, ticket)).map((member) => ({ kind: 'member' as const, member }));
    return ok({
      next: { ...ticket, library: ticket.kind, outcome: null, publishCase: false, rating: null },
      note: reason || '召集人决定重新办理',
      visibleToResident: true,
      data: ticket.rating ? { previousRating: ticket.rating } : undefined,
      notify: [
        { targets, content: { event: 'ticket.reopened', title: `重新办理 · ${ticket.no}`, body: reason || excerpt(ticket.redactedText, 60) } },
        { targets: residentsOf(ticket), content: { event: 'ticket.reopened', title: `您的反映重新办理 · ${ticket.no}`, body: reason || '召集人已安排重新办理。' } },
      ],
    });
  });
}

/** setClaimLimit：召集人调整接单名额，或向全组开放（共性问题全组一起办）。 */
export function setClaimLimit(deps: Deps, openid: string, ticketId: string, limit: number, openToGroup = false) {
  return act(deps, openid, ticketId, 'setClaimLimit', async ({ ticket }) => {
    const size = (await deps.store.listMembersOfGroup(ticket.groupId)).length;
    const next = openToGroup ? Math.max(size, limit) : limit;
    if (next < ticket.claimants.length) return fail('REQUEST.INVALID', 'limit');
    return ok({ next: { ...ticket, claimLimit: next }, note: openToGroup ? `向全组开放接单（${next}人）` : `接单名额调整为${next}人`, visibleToResident: false });
  });
}

export interface TriageOverride {
  category?: Category;
  kind?: ReportKind;
  urgency?: Urgency;
  scope?: Scope;
  reason: string;
}

/** overrideTriage：召集人改分类/库/紧急程度/范围，改了什么、为什么都记入历史。 */
export function overrideTriage(deps: Deps, openid: string, ticketId: string, o: TriageOverride) {
  return act(deps, openid, ticketId, 'overrideTriage', ({ ticket }) => {
    const changes: string[] = [];
    if (o.category && o.category !== ticket.category && CATEGORIES.includes(o.category)) changes.push(`分类 ${ticket.category}→${o.category}`);
    if (o.kind && o.kind !== ticket.kind) changes.push(`${REPORT_KIND_LABELS[ticket.kind]}→${REPORT_KIND_LABELS[o.kind]}`);
    if (o.urgency && o.urgency !== ticket.urgency) changes.push(`${URGENCY_LABELS[ticket.urgency]}→${URGENCY_LABELS[o.urgency]}`);
    if (o.scope && o.scope !== ticket.scope) changes.push(`${SCOPE_LABELS[ticket.scope]}→${SCOPE_LABELS[o.scope]}`);
    const kind = o.kind ?? ticket.kind;
    return ok({
      next: { ...ticket, category: o.category ?? ticket.category, kind, library: ticket.library === 'case' ? 'case' : kind, urgency: o.urgency ?? ticket.urgency, scope: o.scope ?? ticket.scope },
      note: `${changes.join('，') || '分类未变'}。理由：${o.reason}`,
      visibleToResident: false,
      data: { override: { ...o, before: { category: ticket.category, kind: ticket.kind, urgency: ticket.urgency, scope: ticket.scope } } },
    });
  });
}

