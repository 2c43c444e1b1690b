/**
 * 三率汇总（FiguresStore）的 SQLite 实现。
 * - figures 表一格一行（月份 × 站 × 小组 × 类别），计数项各一列；工单写入的那个 IMMEDIATE 事务里
 *   用 UPSERT 把 贡献(新) − 贡献(旧) 加进去（writeFigureDelta，ticket-store.sqlite.ts 调用），所以汇总与工单总是一起提交；
 * - 工单另存派生列 category、dispatch_period（派单月份）；过期计数走 due_at（最早一个没做到的期限，已办结为 NULL，
 *   ticket-store.sqlite.ts 写，工作台的过期筛选也查它）上的部分索引；
 * - 核对（reconcileFigures）：一个事务里按全部工单重数，补派生列，整表换成重数结果，报告改了几格；积分汇总也在同一个事务里重算。
 */
import type Database from 'better-sqlite3';
import { TicketSchema, type Ticket } from '../../../shared/domain/model';
import { addCounters, contributionDelta, dispatchedAtOf, FIGURE_COUNTERS, figureKeyId, overdueAt, periodOf, recountFigures, unsatisfiedPeriods, zeroCounters, type FigureCell, type FigureCounters } from '../../../shared/domain/figures';
import { rebuildActivity } from './activity-store.sqlite';
import type { FigureDimension, FigureQuery, FigureReconciliation, FigureSum, FiguresStore } from '../../../shared/ports/store.port';
import { parseRow, placeholders, type SqliteConnection } from './db.sqlite';

/** 计数项 → 列名（驼峰变下划线） */
const column = (k: string) => k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
const COUNTER_COLUMNS = FIGURE_COUNTERS.map(column);

export const FIGURES_MIGRATION = `
  CREATE TABLE figures (
    id TEXT PRIMARY KEY, period TEXT NOT NULL, station_id TEXT NOT NULL, group_id TEXT NOT NULL, category TEXT NOT NULL,
    ${COUNTER_COLUMNS.map((c) => `${c} INTEGER NOT NULL DEFAULT 0`).join(', ')}
  );
  CREATE INDEX figures_period ON figures (period, group_id, station_id);
  ALTER TABLE tickets ADD COLUMN category TEXT;
  ALTER TABLE tickets ADD COLUMN dispatch_period TEXT;
  ALTER TABLE tickets ADD COLUMN overdue_at TEXT;
  CREATE INDEX tickets_overdue ON tickets (overdue_at) WHERE overdue_at IS NOT NULL;
`;

const DIMENSION_COLUMN: Record<FigureDimension, string> = { station: 'station_id', group: 'group_id', category: 'category', month: 'period' };
const TICKET_DIMENSION_COLUMN: Record<FigureDimension, string> = { station: 'station_id', group: 'group_id', category: 'category', month: 'dispatch_period' };

type Statements = { upsert: Database.Statement; derived: Database.Statement; due: Database.Statement; clearPeriods: Database.Statement; addPeriod: Database.Statement };
const prepared = new WeakMap<Database.Database, Statements>();

function statements(db: Database.Database): Statements {
  let s = prepared.get(db);
  if (!s) {
    const cols = ['id', 'period', 'station_id', 'group_id', 'category', ...COUNTER_COLUMNS];
    s = {
      upsert: db.prepare(
        `INSERT INTO figures (${cols.join(', ')}) VALUES (${placeholders(cols)})
         ON CONFLICT(id) DO UPDATE SET ${COUNTER_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
      ),
      derived: db.prepare('UPDATE tickets SET category = ?, dispatch_period = ? WHERE id = ?'),
      // 核对时连同工单存的其他派生值一起补（平时由 ticket-store.sqlite.ts 写）
      due: db.prepare('UPDATE tickets SET due_at = ? WHERE id = ? AND due_at IS NOT ?'),
      clearPeriods: db.prepare('DELETE FROM ticket_periods WHERE ticket_id = ?'),
      addPeriod: db.prepare("INSERT OR IGNORE INTO ticket_periods (ticket_id, kind, period) VALUES (?, 'unsatisfied', ?)"),
    };
    prepared.set(db, s);
  }
  return s;
}

const cellArgs = (c: FigureCell) => [figureKeyId(c), c.period, c.stationId, c.groupId, c.category, ...FIGURE_COUNTERS.map((k) => c.counters[k])];

/** 在调用方的事务里：写工单的派生列，把贡献的增量加进汇总 */
export function writeFigureDelta(db: Database.Database, before: Ticket | null, after: Ticket): void {
  const s = statements(db);
  s.derived.run(after.category, periodOf(dispatchedAtOf(after)), after.id);
  for (const cell of contributionDelta(before, after)) s.upsert.run(...cellArgs(cell));
}

function scopeWhere(q: FigureQuery, periodColumn: string): { sql: string; args: unknown[] } {
  const where = [`${periodColumn} >= ?`, `${periodColumn} <= ?`];
  const args: unknown[] = [q.fromPeriod, q.toPeriod];
  if (q.groupIds) {
    where.push(q.groupIds.length ? `group_id IN (${placeholders(q.groupIds)})` : '0');
    args.push(...q.groupIds);
  }
  if (q.stationIds) {
    where.push(q.stationIds.length ? `station_id IN (${placeholders(q.stationIds)})` : '0');
    args.push(...q.stationIds);
  }
  return { sql: `WHERE ${where.join(' AND ')}`, args };
}

function rowCounters(row: Record<string, unknown>): FigureCounters {
  const out = zeroCounters();
  FIGURE_COUNTERS.forEach((k, i) => (out[k] = Number(row[COUNTER_COLUMNS[i]!] ?? 0)));
  return out;
}

export function sqliteFiguresStore(c: SqliteConnection): FiguresStore {
  const { db } = c;
  return {
    async sumFigures(query: FigureQuery, by: FigureDimension): Promise<FigureSum[]> {
      c.operations++;
      const { sql, args } = scopeWhere(query, 'period');
      const col = DIMENSION_COLUMN[by];
      const rows = db.prepare(`SELECT ${col} AS k, ${COUNTER_COLUMNS.map((x) => `SUM(${x}) AS ${x}`).join(', ')} FROM figures ${sql} GROUP BY ${col} ORDER BY ${col}`).all(...args) as Array<Record<string, unknown>>;
      return rows.map((r) => ({ key: String(r.k), counters: rowCounters(r) }));
    },

    async countOverdue(query: FigureQuery, nowIso: string, by: FigureDimension): Promise<Array<{ key: string; count: number }>> {
      c.operations++;
      const { sql, args } = scopeWhere(query, 'dispatch_period');
      const col = TICKET_DIMENSION_COLUMN[by];
      const rows = db.prepare(`SELECT ${col} AS k, COUNT(*) AS n FROM tickets ${sql} AND due_at IS NOT NULL AND due_at < ? GROUP BY ${col} ORDER BY ${col}`).all(...args, nowIso) as Array<{ k: string; n: number }>;
      return rows.map((r) => ({ key: r.k, count: r.n }));
    },

    async listFigureCells(): Promise<FigureCell[]> {
      c.operations++;
      const rows = db.prepare('SELECT * FROM figures ORDER BY id').all() as Array<Record<string, unknown>>;
      return rows.map((r) => ({ period: String(r.period), stationId: String(r.station_id), groupId: String(r.group_id), category: r.category as FigureCell['category'], counters: rowCounters(r) }));
    },

    async reconcileFigures(): Promise<FigureReconciliation> {
      c.operations++;
      const s = statements(db);
      return db
        .transaction((): FigureReconciliation => {
          let tickets = 0;
          const recount = new Map<string, FigureCell>();
          const page = db.prepare('SELECT rowid AS r, doc FROM tickets WHERE rowid > ? ORDER BY rowid LIMIT 1000');
          // 按 rowid 一页一页读（同一连接上边读边写不行，一次读完 10 万张又太占内存）
          for (let after = 0; ; ) {
            const rows = page.all(after) as Array<{ r: number; doc: string }>;
            if (!rows.length) break;
            const batch: Ticket[] = [];
            for (const row of rows) {
              const t = parseRow(TicketSchema, row.doc);
              s.derived.run(t.category, periodOf(dispatchedAtOf(t)), t.id);
              const due = overdueAt(t);
              s.due.run(due, t.id, due);
              s.clearPeriods.run(t.id);
              for (const p of unsatisfiedPeriods(t)) s.addPeriod.run(t.id, p);
              batch.push(t);
            }
            for (const [id, cell] of recountFigures(batch)) {
              const have = recount.get(id);
              if (have) addCounters(have.counters, cell.counters);
              else recount.set(id, cell);
            }
            tickets += rows.length;
            after = rows[rows.length - 1]!.r;
          }
          const stored = new Map<string, string>();
          for (const r of db.prepare('SELECT * FROM figures').all() as Array<Record<string, unknown>>) stored.set(String(r.id), JSON.stringify(rowCounters(r)));
          let corrected = 0;
          for (const [id, cell] of recount) if (stored.get(id) !== JSON.stringify(cell.counters)) corrected++;
          for (const id of stored.keys()) if (!recount.has(id) && stored.get(id) !== JSON.stringify(zeroCounters())) corrected++;
          db.prepare('DELETE FROM figures').run();
          for (const cell of recount.values()) s.upsert.run(...cellArgs(cell));
          return { tickets, cells: recount.size, corrected, activityCorrected: rebuildActivity(db).corrected };
        })
        .immediate();
    },
  };
}
