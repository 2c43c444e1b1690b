/**
 * 工单（及其历史）的 SQLite 实现。工单 + 历史 + 发件箱条目在一个 IMMEDIATE 事务里写入；提交时同一事务里
 * 先查重试（同一居民同一 clientRequestId）、再数这位居民 sinceIso 之后提交的条数（限流）、再数这个站
 * sinceIso 之后收的条数（站的上限，给了才数），都过才写。
 * 修改按版本号条件更新，任何一张版本不符整个事务回滚。提交人、"我也遇到了"、接单委员另存 ticket_people，
 * 按人查工单走它；收到"不满意"的月份另存 ticket_periods。三率汇总（figures-store.sqlite.ts）与积分汇总（activity-store.sqlite.ts）也在同一个事务里更新。better-sqlite3 是同步的，单进程内的事务天然串行；IMMEDIATE 事务在多个进程之间也串行
 * （先拿写锁再读），所以查与写之间不会插进别的提交。
 */
import { HistoryEntrySchema, OutboxEntrySchema, TicketSchema, type HistoryEntry, type OutboxEntry, type Ticket } from '../../../shared/domain/model';
import { clampLimit, type CreateTicketResult, type Page, type PageRequest, type SubmitRateLimit, type TicketChange, type TicketQuery, type TicketStore } from '../../../shared/ports/store.port';
import { nextWatchAt } from '../../../shared/domain/supervision';
import { overdueAt, unsatisfiedPeriods } from '../../../shared/domain/figures';
import { writeFigureDelta } from './figures-store.sqlite';
import { writeActivity } from './activity-store.sqlite';
import { cursorCondition, parseRow, placeholders, toPage, whereClause, type Row, type SqliteConnection } from './db.sqlite';

/** 工单查询条件 → SQL 片段与参数（列表、计数与管理后台的分组计数共用；表的别名是 t） */
export function ticketWhere(query: TicketQuery): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const inList = (col: string, values: readonly string[]) => {
    where.push(values.length ? `${col} IN (${placeholders(values)})` : '0');
    args.push(...values);
  };
  if (query.ids) inList('t.id', query.ids);
  if (query.stationIds) inList('t.station_id', query.stationIds);
  if (query.groupIds) inList('t.group_id', query.groupIds);
  if (query.statuses) inList('t.status', query.statuses);
  if (query.library) {
    where.push('t.library = ?');
    args.push(query.library);
  }
  if (query.ticketNo) {
    where.push('t.no = ?');
    args.push(query.ticketNo);
  }
  if (query.createdAfter) {
    where.push('t.created_at >= ?');
    args.push(query.createdAfter);
  }
  if (query.involvingResident) {
    where.push("(t.resident_openid = ? OR EXISTS (SELECT 1 FROM ticket_people p WHERE p.ticket_id = t.id AND p.kind = 'metoo' AND p.person = ?))");
    args.push(query.involvingResident, query.involvingResident);
  }
  if (query.overdueAt) {
    where.push('t.due_at < ?');
    args.push(query.overdueAt);
  }
  if (query.unsatisfiedIn) {
    where.push("t.id IN (SELECT p.ticket_id FROM ticket_periods p WHERE p.kind = 'unsatisfied' AND p.period = ?)");
    args.push(query.unsatisfiedIn);
  }
  if (query.watchBefore) {
    where.push('t.watch_at <= ?');
    args.push(query.watchBefore);
  }
  if (query.claimedBy) {
    where.push("EXISTS (SELECT 1 FROM ticket_people p WHERE p.ticket_id = t.id AND p.kind = 'claimant' AND p.person = ?)");
    args.push(query.claimedBy);
  }
  return { where, args };
}

/**
 * 由领域规则算出、另存成列建索引的两个时刻：最早未做完的期限 due_at（figures.ts 的 overdueAt：工作台的过期筛选、看板的过期计数、
 * 每月通报的过期清单都查它）、定时任务下次要看的时刻 watch_at
 */
function timesOf(t: Ticket): { dueAt: string | null; watchAt: string | null } {
  return { dueAt: overdueAt(t), watchAt: nextWatchAt(t) };
}

export function sqliteTicketStore(c: SqliteConnection): TicketStore {
  const { db } = c;
  const stmts = c.prepareAll({
    getTicket: 'SELECT doc FROM tickets WHERE id = ?',
    byClientRequest: 'SELECT doc FROM tickets WHERE resident_openid = ? AND client_request_id = ?',
    // 限流：sinceIso 之后（不含），见 store.rows.ts
    countSince: 'SELECT COUNT(*) AS n FROM tickets WHERE resident_openid = ? AND created_at > ?',
    countStationSince: 'SELECT COUNT(*) AS n FROM tickets WHERE station_id = ? AND created_at > ?',
    insertTicket: `INSERT INTO tickets (id, no, station_id, group_id, resident_openid, client_request_id, status, library, created_at, updated_at, version, due_at, watch_at, doc)
       VALUES (@id, @no, @stationId, @groupId, @residentOpenid, @clientRequestId, @status, @library, @createdAt, @updatedAt, @version, @dueAt, @watchAt, @doc)`,
    updateTicket:
      'UPDATE tickets SET status = @status, library = @library, group_id = @groupId, updated_at = @updatedAt, version = @version, due_at = @dueAt, watch_at = @watchAt, doc = @doc WHERE id = @id AND version = @expectedVersion',
    clearPeople: 'DELETE FROM ticket_people WHERE ticket_id = ?',
    addPerson: 'INSERT OR IGNORE INTO ticket_people (ticket_id, kind, person) VALUES (?, ?, ?)',
    clearPeriods: 'DELETE FROM ticket_periods WHERE ticket_id = ?',
    addPeriod: 'INSERT OR IGNORE INTO ticket_periods (ticket_id, kind, period) VALUES (?, ?, ?)',
    insertHistory: 'INSERT INTO history (id, ticket_id, at, doc) VALUES (?, ?, ?, ?)',
    listHistory: 'SELECT doc FROM history WHERE ticket_id = ? ORDER BY seq',
    insertOutbox: 'INSERT INTO outbox (id, status, next_attempt_at, recipient, ticket_id, doc) VALUES (?, ?, ?, ?, ?, ?)',
  });

  function writePeople(t: Ticket): void {
    stmts.clearPeople.run(t.id);
    for (const o of t.meToo) stmts.addPerson.run(t.id, 'metoo', o);
    for (const cl of t.claimants) stmts.addPerson.run(t.id, 'claimant', cl.memberId);
    stmts.clearPeriods.run(t.id);
    for (const p of unsatisfiedPeriods(t)) stmts.addPeriod.run(t.id, 'unsatisfied', p);
  }

  function writeSideEffects(history: HistoryEntry[], outbox: OutboxEntry[]): void {
    for (const h of history) stmts.insertHistory.run(h.id, h.ticketId, h.at, JSON.stringify(HistoryEntrySchema.parse(h)));
    for (const o of outbox) stmts.insertOutbox.run(o.id, o.status, o.nextAttemptAt, o.recipient, o.ticketId, JSON.stringify(OutboxEntrySchema.parse(o)));
  }

  function outboxWritten(outbox: OutboxEntry[]): void {
    if (outbox.length) c.onOutboxWritten?.();
  }

  return {
    async getTicket(id: string): Promise<Ticket | null> {
      return c.one(stmts.getTicket, TicketSchema, id);
    },
    async findByClientRequest(openid: string, clientRequestId: string): Promise<Ticket | null> {
      return c.one(stmts.byClientRequest, TicketSchema, openid, clientRequestId);
    },
    async countTickets(query: TicketQuery): Promise<number> {
      c.operations++;
      const { where, args } = ticketWhere(query);
      const row = db.prepare(`SELECT COUNT(*) AS n FROM tickets t ${whereClause(where)}`).get(...args) as { n: number };
      return row.n;
    },

    async listTickets(query: TicketQuery, page: PageRequest = {}): Promise<Page<Ticket>> {
      c.operations++;
      const { where, args } = ticketWhere(query);
      const after = cursorCondition(page.cursor, 't.');
      if (after) {
        where.push(after.sql);
        args.push(...after.args);
      }
      const limit = clampLimit(page.limit);
      const sql = `SELECT t.doc FROM tickets t ${whereClause(where)} ORDER BY t.created_at DESC, t.id DESC LIMIT ?`;
      return toPage(db.prepare(sql).all(...args, limit + 1) as Row[], limit, TicketSchema);
    },

    async createTicket(ticket: Ticket, history: HistoryEntry[], outbox: OutboxEntry[], rateLimit?: SubmitRateLimit): Promise<CreateTicketResult> {
      c.operations++;
      const t = TicketSchema.parse(ticket);
      const result = db.transaction((): CreateTicketResult => {
        const earlier = stmts.byClientRequest.get(t.residentOpenid, t.clientRequestId) as Row | undefined;
        if (earlier) return { created: false, existing: parseRow(TicketSchema, earlier.doc) };
        if (rateLimit && (stmts.countSince.get(t.residentOpenid, rateLimit.sinceIso) as { n: number }).n >= rateLimit.max) return { created: false, rateLimited: true };
        // 站的上限：同一个 IMMEDIATE 事务里数，所以成批的新号并发提交也数得准
        if (rateLimit?.stationMax !== undefined && (stmts.countStationSince.get(t.stationId, rateLimit.sinceIso) as { n: number }).n >= rateLimit.stationMax) {
          return { created: false, rateLimited: true, stationBusy: true };
        }
        stmts.insertTicket.run({ ...t, ...timesOf(t), doc: JSON.stringify(t) });
        writePeople(t);
        writeFigureDelta(db, null, t);
        writeActivity(db, t, history);
        writeSideEffects(history, outbox);
        return { created: true };
      }).immediate();
      if (result.created) outboxWritten(outbox);
      return result;
    },

    async updateTickets(changes: TicketChange[], history: HistoryEntry[], outbox: OutboxEntry[]): Promise<boolean> {
      c.operations++;
      const parsed = changes.map((ch) => ({ next: TicketSchema.parse(ch.next), expectedVersion: ch.expectedVersion }));
      const rollback = new Error('version conflict');
      try {
        db.transaction(() => {
          for (const { next, expectedVersion } of parsed) {
            const before = stmts.getTicket.get(next.id) as Row | undefined;
            const info = stmts.updateTicket.run({ ...next, ...timesOf(next), expectedVersion, doc: JSON.stringify(next) });
            if (info.changes !== 1) throw rollback;
            writePeople(next);
            // 三率汇总与工单同一个事务：贡献(新) − 贡献(旧)
            writeFigureDelta(db, before ? parseRow(TicketSchema, before.doc) : null, next);
            writeActivity(db, next, history);
          }
          writeSideEffects(history, outbox);
        }).immediate();
        outboxWritten(outbox);
        return true;
      } catch (e) {
        if (e === rollback) return false;
        throw e;
      }
    },

    async listHistory(ticketId: string): Promise<HistoryEntry[]> {
      return c.all(stmts.listHistory, HistoryEntrySchema, ticketId);
    },
  };
}
