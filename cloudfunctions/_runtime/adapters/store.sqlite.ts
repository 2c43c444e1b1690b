/**
 * 嵌入式存储：SQLite（better-sqlite3），WAL + 同步落盘，迁移按 user_version 逐级执行。
 * 文档整体存为 JSON，查询要用到的字段另存为带索引的列；读回时用 zod 校验。
 * better-sqlite3 是同步的，单进程内的事务天然串行；条件更新仍按版本号判断，与 CloudBase 适配器语义一致。
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type * as z from 'zod/mini';
import {
  HistoryEntrySchema,
  MemberGroupSchema,
  MemberSchema,
  MessageSchema,
  OutboxEntrySchema,
  StationSchema,
  TicketSchema,
  type HistoryEntry,
  type Member,
  type MemberGroup,
  type Message,
  type OutboxEntry,
  type Station,
  type Ticket,
} from '../../../shared/domain/model';
import { clampLimit, type CreateTicketResult, type Page, type PageRequest, type Store, type TicketChange, type TicketQuery } from '../../../shared/ports/store.port';

const MIGRATIONS: string[] = [
  `
  CREATE TABLE stations (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE member_groups (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE members (id TEXT PRIMARY KEY, openid TEXT UNIQUE, invite_code TEXT UNIQUE, doc TEXT NOT NULL);
  CREATE TABLE member_roles (member_id TEXT NOT NULL, group_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (member_id, group_id));
  CREATE INDEX member_roles_group ON member_roles (group_id);
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    resident_openid TEXT NOT NULL,
    client_request_id TEXT NOT NULL,
    status TEXT NOT NULL,
    library TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (resident_openid, client_request_id)
  );
  CREATE INDEX tickets_station ON tickets (station_id, status, created_at);
  CREATE INDEX tickets_group ON tickets (group_id, status, created_at);
  CREATE INDEX tickets_resident ON tickets (resident_openid, created_at);
  CREATE INDEX tickets_created ON tickets (created_at, id);
  CREATE TABLE ticket_people (ticket_id TEXT NOT NULL, kind TEXT NOT NULL, person TEXT NOT NULL, PRIMARY KEY (ticket_id, kind, person));
  CREATE INDEX ticket_people_person ON ticket_people (kind, person);
  CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL, at TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX history_ticket ON history (ticket_id, seq);
  CREATE TABLE outbox (id TEXT PRIMARY KEY, status TEXT NOT NULL, next_attempt_at TEXT NOT NULL, recipient TEXT NOT NULL, ticket_id TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE TABLE messages (id TEXT PRIMARY KEY, recipient TEXT NOT NULL, created_at TEXT NOT NULL, read_at TEXT, doc TEXT NOT NULL);
  CREATE INDEX messages_recipient ON messages (recipient, created_at);
  CREATE TABLE subscriptions (openid TEXT NOT NULL, template_id TEXT NOT NULL, remaining INTEGER NOT NULL, PRIMARY KEY (openid, template_id));
  `,
];

function parse<S extends z.ZodMiniType>(schema: S, doc: string): z.infer<S> {
  return schema.parse(JSON.parse(doc)) as z.infer<S>;
}

export function openDatabase(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'mashangti.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL：确认给居民的提交在断电后也不丢
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

type Row = { doc: string };

/** 游标翻页（按 created_at、id 倒序）：游标是上一页最后一条的 "createdAt|id"。 */
function cursorCondition(cursor: string | null | undefined, alias: string): { sql: string; args: unknown[] } | null {
  if (!cursor) return null;
  const [createdAt, id] = cursor.split('|');
  return { sql: `(${alias}created_at < ? OR (${alias}created_at = ? AND ${alias}id < ?))`, args: [createdAt, createdAt, id ?? ''] };
}

/** 多取一行判断还有没有下一页 */
function toPage<T extends { createdAt: string; id: string }>(rows: Row[], limit: number, parseRow: (doc: string) => T): Page<T> {
  const items = rows.slice(0, limit).map((r) => parseRow(r.doc));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? `${last.createdAt}|${last.id}` : null };
}

export class SqliteStore implements Store {
  /** 每次数据库往返计数（基准测试用） */
  operations = 0;
  /** 提交了带发件箱条目的事务后调用（本地服务据此尽快投递，而不是每个请求都去查发件箱） */
  onOutboxWritten: (() => void) | null = null;
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    const p = (sql: string) => db.prepare(sql);
    this.stmts = {
      getStation: p('SELECT doc FROM stations WHERE id = ?'),
      listStations: p('SELECT doc FROM stations ORDER BY id'),
      putStation: p('INSERT INTO stations (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc'),
      getGroup: p('SELECT doc FROM member_groups WHERE id = ?'),
      listGroups: p('SELECT doc FROM member_groups ORDER BY id'),
      putGroup: p('INSERT INTO member_groups (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc'),
      getMember: p('SELECT doc FROM members WHERE id = ?'),
      memberByOpenid: p('SELECT doc FROM members WHERE openid = ?'),
      memberByInvite: p('SELECT doc FROM members WHERE invite_code = ?'),
      membersOfGroup: p('SELECT m.doc FROM members m JOIN member_roles r ON r.member_id = m.id WHERE r.group_id = ? ORDER BY m.id'),
      putMember: p(
        'INSERT INTO members (id, openid, invite_code, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET openid = excluded.openid, invite_code = excluded.invite_code, doc = excluded.doc',
      ),
      clearRoles: p('DELETE FROM member_roles WHERE member_id = ?'),
      addRole: p('INSERT INTO member_roles (member_id, group_id, role) VALUES (?, ?, ?)'),
      getTicket: p('SELECT doc FROM tickets WHERE id = ?'),
      byClientRequest: p('SELECT doc FROM tickets WHERE resident_openid = ? AND client_request_id = ?'),
      countSince: p('SELECT COUNT(*) AS n FROM tickets WHERE resident_openid = ? AND created_at >= ?'),
      insertTicket: p(
        `INSERT INTO tickets (id, station_id, group_id, resident_openid, client_request_id, status, library, created_at, updated_at, version, doc)
         VALUES (@id, @stationId, @groupId, @residentOpenid, @clientRequestId, @status, @library, @createdAt, @updatedAt, @version, @doc)
         ON CONFLICT (resident_openid, client_request_id) DO NOTHING`,
      ),
      updateTicket: p(
        'UPDATE tickets SET status = @status, library = @library, group_id = @groupId, updated_at = @updatedAt, version = @version, doc = @doc WHERE id = @id AND version = @expectedVersion',
      ),
      clearPeople: p('DELETE FROM ticket_people WHERE ticket_id = ?'),
      addPerson: p('INSERT OR IGNORE INTO ticket_people (ticket_id, kind, person) VALUES (?, ?, ?)'),
      insertHistory: p('INSERT INTO history (id, ticket_id, at, doc) VALUES (?, ?, ?, ?)'),
      listHistory: p('SELECT doc FROM history WHERE ticket_id = ? ORDER BY seq'),
      insertOutbox: p('INSERT INTO outbox (id, status, next_attempt_at, recipient, ticket_id, doc) VALUES (?, ?, ?, ?, ?, ?)'),
      updateOutbox: p('UPDATE outbox SET status = ?, next_attempt_at = ?, doc = ? WHERE id = ?'),
      dueOutbox: p("SELECT doc FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"),
      insertMessage: p('INSERT OR IGNORE INTO messages (id, recipient, created_at, read_at, doc) VALUES (?, ?, ?, NULL, ?)'),
      grantSub: p('INSERT INTO subscriptions (openid, template_id, remaining) VALUES (?, ?, 1) ON CONFLICT (openid, template_id) DO UPDATE SET remaining = remaining + 1'),
      consumeSub: p('UPDATE subscriptions SET remaining = remaining - 1 WHERE openid = ? AND template_id = ? AND remaining > 0'),
      subBalance: p('SELECT template_id AS t, remaining AS n FROM subscriptions WHERE openid = ?'),
      markRead: p('UPDATE messages SET read_at = ?, doc = json_set(doc, \'$.readAt\', ?) WHERE id = ? AND recipient = ? AND read_at IS NULL'),
    };
  }

  close(): void {
    this.db.close();
  }

  private one<S extends z.ZodMiniType>(stmt: Database.Statement, schema: S, ...args: unknown[]): z.infer<S> | null {
    this.operations++;
    const row = stmt.get(...args) as Row | undefined;
    return row ? parse(schema, row.doc) : null;
  }

  private all<S extends z.ZodMiniType>(stmt: Database.Statement, schema: S, ...args: unknown[]): z.infer<S>[] {
    this.operations++;
    return (stmt.all(...args) as Row[]).map((r) => parse(schema, r.doc));
  }

  async getStation(id: string): Promise<Station | null> {
    return this.one(this.stmts.getStation, StationSchema, id);
  }
  async listStations(): Promise<Station[]> {
    return this.all(this.stmts.listStations, StationSchema);
  }
  async getGroup(id: string): Promise<MemberGroup | null> {
    return this.one(this.stmts.getGroup, MemberGroupSchema, id);
  }
  async listGroups(): Promise<MemberGroup[]> {
    return this.all(this.stmts.listGroups, MemberGroupSchema);
  }
  async getMember(id: string): Promise<Member | null> {
    return this.one(this.stmts.getMember, MemberSchema, id);
  }
  async listMembersOfGroup(groupId: string): Promise<Member[]> {
    return this.all(this.stmts.membersOfGroup, MemberSchema, groupId);
  }
  async findMemberByOpenid(openid: string): Promise<Member | null> {
    return this.one(this.stmts.memberByOpenid, MemberSchema, openid);
  }
  async findMemberByInviteCode(code: string): Promise<Member | null> {
    return this.one(this.stmts.memberByInvite, MemberSchema, code);
  }

  async bindMember(memberId: string, openid: string, inviteCode: string): Promise<boolean> {
    this.operations++;
    return this.db.transaction(() => {
      const row = this.stmts.getMember.get(memberId) as Row | undefined;
      if (!row) return false;
      const m = parse(MemberSchema, row.doc);
      if (m.openid || m.inviteCode !== inviteCode) return false;
      if (this.stmts.memberByOpenid.get(openid)) return false;
      this.writeMember({ ...m, openid, inviteCode: null });
      return true;
    })();
  }

  async putStation(s: Station): Promise<void> {
    this.operations++;
    this.stmts.putStation.run(s.id, JSON.stringify(StationSchema.parse(s)));
  }
  async putGroup(g: MemberGroup): Promise<void> {
    this.operations++;
    this.stmts.putGroup.run(g.id, JSON.stringify(MemberGroupSchema.parse(g)));
  }
  async putMember(m: Member): Promise<void> {
    this.operations++;
    this.db.transaction(() => this.writeMember(MemberSchema.parse(m)))();
  }
  private writeMember(m: Member): void {
    this.stmts.putMember.run(m.id, m.openid, m.inviteCode, JSON.stringify(m));
    this.stmts.clearRoles.run(m.id);
    for (const g of m.groups) this.stmts.addRole.run(m.id, g.groupId, g.role);
  }

  async getTicket(id: string): Promise<Ticket | null> {
    return this.one(this.stmts.getTicket, TicketSchema, id);
  }
  async findByClientRequest(openid: string, clientRequestId: string): Promise<Ticket | null> {
    return this.one(this.stmts.byClientRequest, TicketSchema, openid, clientRequestId);
  }
  async countSubmittedSince(openid: string, sinceIso: string): Promise<number> {
    this.operations++;
    return (this.stmts.countSince.get(openid, sinceIso) as { n: number }).n;
  }

  /** 工单查询条件 → SQL 片段与参数（列表和计数共用） */
  private ticketWhere(query: TicketQuery): { where: string[]; args: unknown[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    const inList = (col: string, values: readonly string[]) => {
      where.push(values.length ? `${col} IN (${values.map(() => '?').join(', ')})` : '0');
      args.push(...values);
    };
    if (query.stationIds) inList('t.station_id', query.stationIds);
    if (query.groupIds) inList('t.group_id', query.groupIds);
    if (query.statuses) inList('t.status', query.statuses);
    if (query.library) {
      where.push('t.library = ?');
      args.push(query.library);
    }
    if (query.createdAfter) {
      where.push('t.created_at >= ?');
      args.push(query.createdAfter);
    }
    if (query.involvingResident) {
      where.push("(t.resident_openid = ? OR EXISTS (SELECT 1 FROM ticket_people p WHERE p.ticket_id = t.id AND p.kind = 'metoo' AND p.person = ?))");
      args.push(query.involvingResident, query.involvingResident);
    }
    if (query.claimedBy) {
      where.push("EXISTS (SELECT 1 FROM ticket_people p WHERE p.ticket_id = t.id AND p.kind = 'claimant' AND p.person = ?)");
      args.push(query.claimedBy);
    }
    return { where, args };
  }

  async countTickets(query: TicketQuery): Promise<number> {
    this.operations++;
    const { where, args } = this.ticketWhere(query);
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).get(...args) as { n: number };
    return row.n;
  }

  async listTickets(query: TicketQuery, page: PageRequest = {}): Promise<Page<Ticket>> {
    this.operations++;
    const { where, args } = this.ticketWhere(query);
    const after = cursorCondition(page.cursor, 't.');
    if (after) {
      where.push(after.sql);
      args.push(...after.args);
    }
    const limit = clampLimit(page.limit);
    const sql = `SELECT t.doc FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.created_at DESC, t.id DESC LIMIT ?`;
    return toPage(this.db.prepare(sql).all(...args, limit + 1) as Row[], limit, (doc) => parse(TicketSchema, doc));
  }

  private writePeople(t: Ticket): void {
    this.stmts.clearPeople.run(t.id);
    for (const o of t.meToo) this.stmts.addPerson.run(t.id, 'metoo', o);
    for (const c of t.claimants) this.stmts.addPerson.run(t.id, 'claimant', c.memberId);
  }

  private writeSideEffects(history: HistoryEntry[], outbox: OutboxEntry[]): void {
    for (const h of history) this.stmts.insertHistory.run(h.id, h.ticketId, h.at, JSON.stringify(HistoryEntrySchema.parse(h)));
    for (const o of outbox) this.stmts.insertOutbox.run(o.id, o.status, o.nextAttemptAt, o.recipient, o.ticketId, JSON.stringify(OutboxEntrySchema.parse(o)));
  }

  async createTicket(ticket: Ticket, history: HistoryEntry[], outbox: OutboxEntry[]): Promise<CreateTicketResult> {
    this.operations++;
    const t = TicketSchema.parse(ticket);
    const result = this.db.transaction((): CreateTicketResult => {
      const info = this.stmts.insertTicket.run({ ...t, doc: JSON.stringify(t) });
      if (info.changes === 0) {
        const row = this.stmts.byClientRequest.get(t.residentOpenid, t.clientRequestId) as Row;
        return { created: false, existing: parse(TicketSchema, row.doc) };
      }
      this.writePeople(t);
      this.writeSideEffects(history, outbox);
      return { created: true };
    }).immediate();
    if (result.created) this.outboxWritten(outbox);
    return result;
  }

  private outboxWritten(outbox: OutboxEntry[]): void {
    if (outbox.length) this.onOutboxWritten?.();
  }

  async updateTickets(changes: TicketChange[], history: HistoryEntry[], outbox: OutboxEntry[]): Promise<boolean> {
    this.operations++;
    const parsed = changes.map((c) => ({ next: TicketSchema.parse(c.next), expectedVersion: c.expectedVersion }));
    const rollback = new Error('version conflict');
    try {
      this.db.transaction(() => {
        for (const { next, expectedVersion } of parsed) {
          const info = this.stmts.updateTicket.run({ ...next, expectedVersion, doc: JSON.stringify(next) });
          if (info.changes !== 1) throw rollback;
          this.writePeople(next);
        }
        this.writeSideEffects(history, outbox);
      }).immediate();
      this.outboxWritten(outbox);
      return true;
    } catch (e) {
      if (e === rollback) return false;
      throw e;
    }
  }

  async listHistory(ticketId: string): Promise<HistoryEntry[]> {
    return this.all(this.stmts.listHistory, HistoryEntrySchema, ticketId);
  }

  async listDueOutbox(nowIso: string, limit: number): Promise<OutboxEntry[]> {
    return this.all(this.stmts.dueOutbox, OutboxEntrySchema, nowIso, clampLimit(limit));
  }

  async updateOutbox(entries: OutboxEntry[]): Promise<void> {
    if (!entries.length) return;
    this.operations++;
    const parsed = entries.map((e) => OutboxEntrySchema.parse(e));
    this.db.transaction(() => {
      for (const e of parsed) this.stmts.updateOutbox.run(e.status, e.nextAttemptAt, JSON.stringify(e), e.id);
    }).immediate();
  }

  async deliverInApp(deliveries: Array<{ entry: OutboxEntry; message: Message }>): Promise<void> {
    if (!deliveries.length) return;
    this.operations++;
    const parsed = deliveries.map((d) => ({ e: OutboxEntrySchema.parse(d.entry), m: MessageSchema.parse(d.message) }));
    this.db.transaction(() => {
      for (const { e, m } of parsed) {
        this.stmts.insertMessage.run(m.id, m.recipient, m.createdAt, JSON.stringify(m));
        this.stmts.updateOutbox.run(e.status, e.nextAttemptAt, JSON.stringify(e), e.id);
      }
    }).immediate();
  }

  async listMessages(recipients: string[], page: PageRequest = {}): Promise<Page<Message>> {
    this.operations++;
    if (!recipients.length) return { items: [], nextCursor: null };
    const limit = clampLimit(page.limit);
    const after = cursorCondition(page.cursor, '');
    const rows = this.db
      .prepare(`SELECT doc FROM messages WHERE recipient IN (${recipients.map(() => '?').join(', ')}) ${after ? `AND ${after.sql}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`)
      .all(...recipients, ...(after?.args ?? []), limit + 1) as Row[];
    return toPage(rows, limit, (doc) => parse(MessageSchema, doc));
  }

  async grantSubscriptions(openid: string, templateIds: string[]): Promise<void> {
    this.operations++;
    this.db.transaction(() => {
      for (const t of templateIds) this.stmts.grantSub.run(openid, t);
    })();
  }

  async consumeSubscription(openid: string, templateId: string): Promise<boolean> {
    this.operations++;
    return this.stmts.consumeSub.run(openid, templateId).changes === 1;
  }

  async subscriptionBalance(openid: string): Promise<Record<string, number>> {
    this.operations++;
    const rows = this.stmts.subBalance.all(openid) as Array<{ t: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.t, r.n]));
  }

  async markMessagesRead(recipients: string[], ids: string[], atIso: string): Promise<void> {
    this.operations++;
    this.db.transaction(() => {
      for (const id of ids) for (const r of recipients) this.stmts.markRead.run(atIso, atIso, id, r);
    })();
  }
}

export function openSqliteStore(dataDir: string): SqliteStore {
  return new SqliteStore(openDatabase(dataDir));
}
