/**
 * 嵌入式存储各部分（通讯录、工单、发件箱、订阅额度）共用的一个 SQLite 连接：
 * 往返计数、"读一行 / 读多行并过 zod"、按 (created_at, id) 倒序的游标翻页。
 * 文档整体存为 JSON（doc 列），查询要用到的字段另存为带索引的列。
 */
import type Database from 'better-sqlite3';
import type * as z from 'zod/mini';
import type { Page } from '../../../shared/ports/store.port';
import { parseDoc, sortKey, splitSortKey } from './store.rows';

export type Row = { doc: string };

export function parseRow<S extends z.ZodMiniType>(schema: S, doc: string): z.infer<S> {
  return parseDoc(schema, JSON.parse(doc));
}

export class SqliteConnection {
  /** 每次数据库往返计数（基准测试用） */
  operations = 0;
  /** 提交了带发件箱条目的事务后调用（本地服务据此尽快投递，而不是每个请求都去查发件箱） */
  onOutboxWritten: (() => void) | null = null;

  constructor(readonly db: Database.Database) {}

  /** 一组 SQL 预编译成同名的语句（每个部分在打开时准备好自己的语句） */
  prepareAll<K extends string>(sqls: Record<K, string>): Record<K, Database.Statement> {
    const entries = Object.entries<string>(sqls).map(([name, sql]) => [name, this.db.prepare(sql)]);
    return Object.fromEntries(entries) as Record<K, Database.Statement>;
  }

  one<S extends z.ZodMiniType>(stmt: Database.Statement, schema: S, ...args: unknown[]): z.infer<S> | null {
    this.operations++;
    const row = stmt.get(...args) as Row | undefined;
    return row ? parseRow(schema, row.doc) : null;
  }

  all<S extends z.ZodMiniType>(stmt: Database.Statement, schema: S, ...args: unknown[]): z.infer<S>[] {
    this.operations++;
    return (stmt.all(...args) as Row[]).map((r) => parseRow(schema, r.doc));
  }
}

/** IN (…) 的占位符，一个值一个 ? */
export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

/** 条件列表 → WHERE 子句（没有条件为空串） */
export function whereClause(where: readonly string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** 游标翻页（按 created_at、id 倒序）：只要排在游标那一条之后的 */
export function cursorCondition(cursor: string | null | undefined, alias: string): { sql: string; args: unknown[] } | null {
  if (!cursor) return null;
  const { createdAt, id } = splitSortKey(cursor);
  return { sql: `(${alias}created_at < ? OR (${alias}created_at = ? AND ${alias}id < ?))`, args: [createdAt, createdAt, id] };
}

/**
 * 查询时多取一行，用来判断还有没有下一页。游标是最后一条的 "created_at|id"：
 * 时间默认取文档的 createdAt，别的名字（如操作记录的 at）由 timeOf 给出——与表里 created_at 列存的是同一个值。
 */
export function toPage<T extends { createdAt: string; id: string }>(rows: Row[], limit: number, schema: z.ZodMiniType<T>): Page<T>;
export function toPage<T extends { id: string }>(rows: Row[], limit: number, schema: z.ZodMiniType<T>, timeOf: (item: T) => string): Page<T>;
export function toPage<T extends { id: string }>(rows: Row[], limit: number, schema: z.ZodMiniType<T>, timeOf = (item: T) => (item as T & { createdAt: string }).createdAt): Page<T> {
  const items = rows.slice(0, limit).map((r) => parseRow(schema, r.doc) as T);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? sortKey(timeOf(last), last.id) : null };
}
