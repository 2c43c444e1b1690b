/**
 * 单元测试用的存储端口替身：内存里的几张表，语义照端口的约定（条件更新、事务里查重试和限流）。
 * 它只用来检查用例的"计划"——改了什么、记了什么、通知了谁；真实的存储行为由契约测试在 SQLite 与 CloudBase 上检查。
 */
import { nextWatchAt } from '../../../shared/domain/supervision';
import { activityOf, compareActivity } from '../../../shared/domain/activity';
import type { AuditEntry, HistoryEntry, Member, MemberGroup, Message, OutboxEntry, Station, Ticket } from '../../../shared/domain/model';
import type { CountySettings } from '../../../shared/domain/settings';
import { addCounters, dispatchedAtOf, overdueAt, periodOf, recountFigures, unsatisfiedPeriods, zeroCounters, type FigureCell, type FigureCounters } from '../../../shared/domain/figures';
import type { ActivityQuery, AdminStore, FigureDimension, FigureQuery, FiguresStore, CreateTicketResult, DirectoryChange, Page, PageRequest, Store, SubmitContext, SubmitRateLimit, TicketChange, TicketQuery, TicketTally } from '../../../shared/ports/store.port';

export class FakeStore implements Store, AdminStore, FiguresStore {
  audit: AuditEntry[] = [];
  stations = new Map<string, Station>();
  groups = new Map<string, MemberGroup>();
  members = new Map<string, Member>();
  tickets = new Map<string, Ticket>();
  history: HistoryEntry[] = [];
  outbox: OutboxEntry[] = [];
  messages: Message[] = [];
  settings: Partial<CountySettings> | null = null;
  subscriptions = new Map<string, number>();
  /** 每个端口方法被调了几次（检查往返次数） */
  calls: string[] = [];

  private log(name: string) {
    this.calls.push(name);
  }

  async getStation(id: string) { this.log('getStation'); return this.stations.get(id) ?? null; }
  async listStations() { this.log('listStations'); return [...this.stations.values()]; }
  async getGroup(id: string) { this.log('getGroup'); return this.groups.get(id) ?? null; }
  async listGroups() { this.log('listGroups'); return [...this.groups.values()]; }
  async getMember(id: string) { this.log('getMember'); return this.members.get(id) ?? null; }
  async listMembersOfGroup(groupId: string) { this.log('listMembersOfGroup'); return [...this.members.values()].filter((m) => m.groups.some((g) => g.groupId === groupId)); }
  async findMemberByOpenid(openid: string) { this.log('findMemberByOpenid'); return [...this.members.values()].find((m) => m.openid === openid) ?? null; }
  async findMemberByInviteCode(code: string) { this.log('findMemberByInviteCode'); return [...this.members.values()].find((m) => m.inviteCode === code) ?? null; }
  async bindMember(memberId: string, openid: string, inviteCode: string) {
    this.log('bindMember');
    const m = this.members.get(memberId);
    if (!m || m.inviteCode !== inviteCode || m.openid) return false;
    this.members.set(memberId, { ...m, openid, inviteCode: null });
    return true;
  }
  async getSubmitContext(stationId: string): Promise<SubmitContext | null> {
    this.log('getSubmitContext');
    const station = this.stations.get(stationId);
    if (!station) return null;
    return { station, group: this.groups.get(station.groupId) ?? null, members: [...this.members.values()].filter((m) => m.groups.some((g) => g.groupId === station.groupId)) };
  }
  async getCountySettings() { this.log('getCountySettings'); return this.settings; }
  async putCountySettings(s: Partial<CountySettings>) { this.settings = s; }
  async putStation(s: Station) { this.stations.set(s.id, s); }
  async putGroup(g: MemberGroup) { this.groups.set(g.id, g); }
  async putMember(m: Member) { this.members.set(m.id, m); }

  async getTicket(id: string) { this.log('getTicket'); return this.tickets.get(id) ?? null; }
  async findByClientRequest(openid: string, requestId: string) {
    this.log('findByClientRequest');
    return [...this.tickets.values()].find((t) => t.residentOpenid === openid && t.clientRequestId === requestId) ?? null;
  }
  private matches(t: Ticket, q: TicketQuery): boolean {
    return (
      (!q.ids || q.ids.includes(t.id)) &&
      (!q.stationIds || q.stationIds.includes(t.stationId)) &&
      (!q.groupIds || q.groupIds.includes(t.groupId)) &&
      (!q.statuses || q.statuses.includes(t.status)) &&
      (!q.library || q.library === t.library) &&
      (!q.involvingResident || t.residentOpenid === q.involvingResident || t.meToo.includes(q.involvingResident)) &&
      (!q.claimedBy || t.claimants.some((c) => c.memberId === q.claimedBy)) &&
      (!q.createdAfter || t.createdAt > q.createdAfter) &&
      (!q.ticketNo || t.no === q.ticketNo) &&
      (!q.overdueAt || ((d) => d !== null && d < q.overdueAt!)(overdueAt(t))) &&
      (!q.unsatisfiedIn || unsatisfiedPeriods(t).includes(q.unsatisfiedIn)) &&
      (!q.watchBefore || ((w) => w !== null && w <= q.watchBefore!)(nextWatchAt(t)))
    );
  }
  async listTickets(q: TicketQuery, page: PageRequest = {}): Promise<Page<Ticket>> {
    this.log('listTickets');
    return { items: [...this.tickets.values()].filter((t) => this.matches(t, q)).slice(0, page.limit ?? 100), nextCursor: null };
  }
  async countTickets(q: TicketQuery) { this.log('countTickets'); return [...this.tickets.values()].filter((t) => this.matches(t, q)).length; }
  async createTicket(ticket: Ticket, history: HistoryEntry[], outbox: OutboxEntry[], rateLimit?: SubmitRateLimit): Promise<CreateTicketResult> {
    this.log('createTicket');
    const existing = [...this.tickets.values()].find((t) => t.residentOpenid === ticket.residentOpenid && t.clientRequestId === ticket.clientRequestId);
    if (existing) return { created: false, existing };
    if (rateLimit && [...this.tickets.values()].filter((t) => t.residentOpenid === ticket.residentOpenid && t.createdAt > rateLimit.sinceIso).length >= rateLimit.max) {
      return { created: false, rateLimited: true };
    }
    this.tickets.set(ticket.id, ticket);
    this.history.push(...history);
    this.outbox.push(...outbox);
    return { created: true };
  }
  async updateTickets(changes: TicketChange[], history: HistoryEntry[], outbox: OutboxEntry[]) {
    this.log('updateTickets');
    if (changes.some((c) => this.tickets.get(c.next.id)?.version !== c.expectedVersion)) return false;
    for (const c of changes) this.tickets.set(c.next.id, c.next);
    this.history.push(...history);
    this.outbox.push(...outbox);
    return true;
  }
  async listHistory(ticketId: string) { this.log('listHistory'); return this.history.filter((h) => h.ticketId === ticketId); }

  async listDueOutbox(nowIso: string, limit: number) { return this.outbox.filter((o) => o.status === 'pending' && o.nextAttemptAt <= nowIso).slice(0, limit); }
  async updateOutbox(entries: OutboxEntry[]) { for (const e of entries) this.outbox = this.outbox.map((o) => (o.id === e.id ? e : o)); }
  async deliverInApp(deliveries: Array<{ entry: OutboxEntry; message: Message }>) {
    for (const d of deliveries) if (!this.messages.some((m) => m.id === d.message.id)) this.messages.push(d.message);
  }
  async listMessages(recipients: string[]) { return { items: this.messages.filter((m) => recipients.includes(m.recipient)), nextCursor: null }; }
  async markMessagesRead(recipients: string[], ids: string[], atIso: string) {
    let marked = 0;
    this.messages = this.messages.map((m) => (recipients.includes(m.recipient) && ids.includes(m.id) && !m.readAt ? (marked++, { ...m, readAt: atIso }) : m));
    return marked;
  }
  async countUnreadMessages(recipients: string[]) { return this.messages.filter((m) => recipients.includes(m.recipient) && !m.readAt).length; }

  async grantSubscriptions(openid: string, templateIds: string[]) { for (const t of templateIds) this.subscriptions.set(`${openid}|${t}`, (this.subscriptions.get(`${openid}|${t}`) ?? 0) + 1); }
  async consumeSubscription(openid: string, templateId: string) {
    const k = `${openid}|${templateId}`;
    const n = this.subscriptions.get(k) ?? 0;
    if (n < 1) return false;
    this.subscriptions.set(k, n - 1);
    return true;
  }
  async subscriptionBalance(openid: string) {
    return Object.fromEntries([...this.subscriptions].filter(([k]) => k.startsWith(`${openid}|`)).map(([k, v]) => [k.split('|')[1]!, v]));
  }

  async listMembers() { this.log('listMembers'); return [...this.members.values()]; }
  async applyDirectoryChange(change: DirectoryChange, audit: AuditEntry[]) {
    this.log('applyDirectoryChange');
    for (const st of change.stations ?? []) this.stations.set(st.id, st);
    for (const g of change.groups ?? []) this.groups.set(g.id, g);
    for (const m of change.members ?? []) this.members.set(m.id, m);
    if (change.settings) this.settings = change.settings;
    this.audit.push(...audit);
  }
  async listAudit(filter: { groupIds?: string[] }) {
    const items = this.audit.filter((a) => !filter.groupIds || a.groupIds.some((g) => filter.groupIds!.includes(g))).reverse();
    return { items, nextCursor: null };
  }
  async tallyTickets(q: TicketQuery, by: 'stationId' | 'groupId'): Promise<TicketTally[]> {
    const counts = new Map<string, TicketTally>();
    for (const t of this.tickets.values()) {
      if (!this.matches(t, q)) continue;
      const key = `${t[by]}|${t.status}`;
      const c = counts.get(key) ?? { key: t[by], status: t.status, count: 0 };
      c.count++;
      counts.set(key, c);
    }
    return [...counts.values()];
  }

  // 三率汇总：替身每次按全部工单重数（适配器的增量更新由存储契约测试核对）
  private cellsIn(q: FigureQuery): FigureCell[] {
    return [...recountFigures(this.tickets.values()).values()].filter(
      (c) => c.period >= q.fromPeriod && c.period <= q.toPeriod && (!q.groupIds || q.groupIds.includes(c.groupId)) && (!q.stationIds || q.stationIds.includes(c.stationId)),
    );
  }
  async sumFigures(q: FigureQuery, by: FigureDimension) {
    const out = new Map<string, FigureCounters>();
    for (const c of this.cellsIn(q)) {
      const key = by === 'station' ? c.stationId : by === 'group' ? c.groupId : by === 'category' ? c.category : c.period;
      out.set(key, addCounters(out.get(key) ?? zeroCounters(), c.counters));
    }
    return [...out].map(([key, counters]) => ({ key, counters }));
  }
  async countOverdue(q: FigureQuery, nowIso: string, by: FigureDimension) {
    const out = new Map<string, number>();
    for (const t of this.tickets.values()) {
      const at = overdueAt(t);
      const period = periodOf(dispatchedAtOf(t));
      if (!at || at >= nowIso || period < q.fromPeriod || period > q.toPeriod) continue;
      if ((q.groupIds && !q.groupIds.includes(t.groupId)) || (q.stationIds && !q.stationIds.includes(t.stationId))) continue;
      const key = by === 'station' ? t.stationId : by === 'group' ? t.groupId : by === 'category' ? t.category : period;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
    return [...out].map(([key, count]) => ({ key, count }));
  }
  async listFigureCells() { return [...recountFigures(this.tickets.values()).values()]; }
  async reconcileFigures() { return { tickets: this.tickets.size, cells: recountFigures(this.tickets.values()).size, corrected: 0, activityCorrected: 0 }; }

  // 积分汇总：替身每次按全部工单和历史重算
  async listActivity(q: ActivityQuery) {
    this.log('listActivity');
    return [...this.tickets.values()]
      .filter((t) => !q.groupIds || q.groupIds.includes(t.groupId))
      .flatMap((t) => activityOf(t, this.history.filter((h) => h.ticketId === t.id), q.period))
      .filter((i) => !q.memberId || i.memberId === q.memberId)
      .sort(compareActivity);
  }
}
