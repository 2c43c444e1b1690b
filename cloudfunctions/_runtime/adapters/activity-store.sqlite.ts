/**
 * 履职积分汇总（ActivityStore）的 SQLite 实现：activity 表一项一行（工单 × 委员 × 事项 × 时刻），带月份与工单现在的小组。
 * - 工单写入的那个 IMMEDIATE 事务里重写这张单的行（writeActivity，ticket-store.sqlite.ts 调用）：
 *   先读出已有的行（协商只在历史里，要留着），按 ticketActivity 算出新的，删旧插新；
 * - 读一个月：表按 (period, group_id) 聚集，或走 (member_id, period) 的索引；
 * - 重算（rebuildActivity）：按全部工单和记协商的历史重算，与存着的不符的工单整单改正；升级的迁移和核对都用它。
 */
import type Database from 'better-sqlite3';
import { HistoryEntrySchema, TicketSchema, type HistoryEntry, type Ticket } from '../../../shared/domain/model';
import { compareActivity, ticketActivity, type ActivityKind, type RawItem } from '../../../shared/domain/activity';
import { periodOf } from '../../../shared/domain/figures';
import type { ActivityQuery, ActivityStore } from '../../../shared/ports/store.port';
import { parseRow, placeholders, type SqliteConnection } from './db.sqlite';

/** 表按 (月份, 小组) 聚在一起存（WITHOUT ROWID）：读一个月是一段连续的扫描，十万张工单的县一个月三万多项约 0.1 秒 */
export const ACTIVITY_MIGRATION = `
  CREATE TABLE activity (
    period TEXT NOT NULL, group_id TEXT NOT NULL, ticket_id TEXT NOT NULL, member_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL,
    ticket_no TEXT NOT NULL,
    PRIMARY KEY (period, group_id, ticket_id, member_id, kind, at)
  ) WITHOUT ROWID;
  CREATE INDEX activity_ticket ON activity (ticket_id);
  CREATE INDEX activity_member ON activity (member_id, period);
`;

type ActivityRow = { ticket_id: string; member_id: string; kind: ActivityKind; at: string; ticket_no: string; group_id: string };
const itemOf = (r: ActivityRow): RawItem => ({ memberId: r.member_id, kind: r.kind, ticketId: r.ticket_id, ticketNo: r.ticket_no, at: r.at });

type Statements = { rows: Database.Statement; clear: Database.Statement; insert: Database.Statement };
const prepared = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = {
      rows: db.prepare('SELECT * FROM activity WHERE ticket_id = ?'),
      clear: db.prepare('DELETE FROM activity WHERE ticket_id = ?'),
      insert: db.prepare('INSERT INTO activity (period, group_id, ticket_id, member_id, kind, at, ticket_no) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    };
    prepared.set(db, s);
  }
  return s;
}

/** 存着的与算出的是否一样（连同小组） */
const same = (have: ActivityRow[], want: RawItem[], groupId: string) =>
  have.length === want.length && JSON.stringify(have.map(itemOf).sort(compareActivity)) === JSON.stringify(want) && have.every((r) => r.group_id === groupId);

function replace(s: Statements, t: Ticket, items: RawItem[]): void {
  s.clear.run(t.id);
  for (const i of items) s.insert.run(periodOf(i.at), t.groupId, t.id, i.memberId, i.kind, i.at, i.ticketNo);
}

/** 在调用方的事务里：按工单的新样子和这一次写入的历史重写它的积分事项 */
export function writeActivity(db: Database.Database, after: Ticket, written: readonly HistoryEntry[]): void {
  const s = statements(db);
  const have = s.rows.all(after.id) as ActivityRow[];
  const want = ticketActivity(after, have.map(itemOf), written);
  if (!same(have, want, after.groupId)) replace(s, after, want);
}

/** 在调用方的事务里按全部工单重算，返回改正了几张单 */
export function rebuildActivity(db: Database.Database): { tickets: number; corrected: number } {
  const s = statements(db);
  const consultations = new Map<string, HistoryEntry[]>();
  for (const row of db.prepare("SELECT doc FROM history WHERE json_extract(doc, '$.action') = 'recordConsultation'").all() as Array<{ doc: string }>) {
    const h = parseRow(HistoryEntrySchema, row.doc);
    consultations.set(h.ticketId, [...(consultations.get(h.ticketId) ?? []), h]);
  }
  const page = db.prepare('SELECT rowid AS r, doc FROM tickets WHERE rowid > ? ORDER BY rowid LIMIT 1000');
  let tickets = 0;
  let corrected = 0;
  for (let after = 0; ; ) {
    const rows = page.all(after) as Array<{ r: number; doc: string }>;
    if (!rows.length) break;
    for (const row of rows) {
      const t = parseRow(TicketSchema, row.doc);
      const want = ticketActivity(t, [], consultations.get(t.id) ?? []);
      if (!same(s.rows.all(t.id) as ActivityRow[], want, t.groupId)) {
        replace(s, t, want);
        corrected++;
      }
    }
    tickets += rows.length;
    after = rows[rows.length - 1]!.r;
  }
  return { tickets, corrected };
}

export function sqliteActivityStore(c: SqliteConnection): ActivityStore {
  const { db } = c;
  return {
    async listActivity(q: ActivityQuery): Promise<RawItem[]> {
      c.operations++;
      const where = ['period = ?'];
      const args: unknown[] = [q.period];
      if (q.groupIds) {
        where.push(q.groupIds.length ? `group_id IN (${placeholders(q.groupIds)})` : '0');
        args.push(...q.groupIds);
      }
      if (q.memberId) {
        where.push('member_id = ?');
        args.push(q.memberId);
      }
      // 列名直接取成 RawItem 的字段名：三万多行不必再各拷一遍
      const sql = `SELECT member_id AS memberId, kind, ticket_id AS ticketId, ticket_no AS ticketNo, at FROM activity WHERE ${where.join(' AND ')}`;
      return (db.prepare(sql).all(...args) as RawItem[]).sort(compareActivity);
    },
  };
}
