/**
 * CloudBase 数据库（@cloudbase/node-sdk 的 app.database()）的公共部分，存储的四个部分和租约、照片审核都用它：
 * - 用到的 SDK 表面（只声明用到的方法，测试用真实 SDK 客户端 + 进程内数据库替身）；
 * - 事务内外 doc().get() 的返回统一、写冲突的判断、用户给的值变成定长 _id 的散列；
 * - CloudbaseConnection：集合名（可加前缀）、往返计数、带整体重来的事务、读完一个集合、按 sk 倒序翻页。
 * 数量不定的列表一律显式 limit + orderBy + 游标翻页（默认 100，最多 1000），从不依赖 get() 的隐式 100 条。
 */
import { createHash } from 'node:crypto';
import type * as z from 'zod/mini';
import { clampLimit, MAX_PAGE_SIZE, type PageRequest } from '../../../shared/ports/store.port';
import { collectionName, COLLECTIONS, type CollectionKey } from './schema.cloudbase';
import { parseDoc } from './store.rows';

// ---- 用到的 SDK 表面（@cloudbase/database 的 Db；node-sdk 的 app.database() 返回它） ----

export type DbDoc = Record<string, unknown> & { _id?: string };

export interface DocumentRef {
  /** 事务外返回 { data: [doc] }，事务内返回 { data: doc | null } */
  get(): Promise<{ data: unknown }>;
  set(data: object): Promise<unknown>;
  update(data: object): Promise<{ updated?: number }>;
  remove(): Promise<unknown>;
}

export interface QueryRef {
  where(query: object): QueryRef;
  orderBy(field: string, direction: 'asc' | 'desc'): QueryRef;
  limit(n: number): QueryRef;
  field(projection: Record<string, boolean>): QueryRef;
  get(): Promise<{ data: DbDoc[] }>;
  count(): Promise<{ total: number }>;
  update(data: object): Promise<{ updated: number }>;
}

/** 聚合（db.collection().aggregate()）：发一个 database.aggregateDocuments 请求；end() 不设 limit 时只给 20 条 */
export interface AggregateRef {
  match(query: object): AggregateRef;
  /** 分组：_id 是分组键（可以是对象，如 { key: '$stationId', status: '$status' }），其余字段用累加器（command.aggregate.sum） */
  group(spec: object): AggregateRef;
  sort(spec: Record<string, 1 | -1>): AggregateRef;
  skip(n: number): AggregateRef;
  limit(n: number): AggregateRef;
  /** 左外连接：from 集合里 foreignField 等于本文档 localField 的文档，放进数组 as（foreignField 是数组时任一元素相等即算） */
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): AggregateRef;
  end(): Promise<{ data: DbDoc[] }>;
}

export interface CollectionRef extends QueryRef {
  doc(id: string): DocumentRef;
  aggregate(): AggregateRef;
}

export interface TransactionRef {
  collection(name: string): { doc(id: string): DocumentRef };
}

export interface DbCommand {
  in(values: unknown[]): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  inc(n: number): unknown;
  /** 整体替换一个字段的值（对象也不拆开合并） */
  set(value: unknown): unknown;
  /** 聚合表达式（用在 aggregate().group() 里） */
  aggregate: { sum(value: unknown): unknown };
}

export interface CloudbaseDatabase {
  collection(name: string): CollectionRef;
  command: DbCommand;
  runTransaction<T>(callback: (tx: TransactionRef) => Promise<T>, times?: number): Promise<T>;
}

export interface CloudbaseStoreOptions {
  /** 集合名前缀（真实环境的契约测试用，正式环境为空） */
  collectionPrefix?: string;
}

/** 事务冲突：重试用完后 SDK 抛出的错误码 */
export const TRANSACTION_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';

export function isTransactionConflict(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === TRANSACTION_CONFLICT;
}

/** 把用户给的值（openid、clientRequestId、fileID）变成定长的文档 _id */
export function hashKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 40);
}

/** 事务内外 doc().get() 的返回形状不同，这里统一成"文档或 null" */
export function docOf(res: { data: unknown }): DbDoc | null {
  const d = Array.isArray(res.data) ? res.data[0] : res.data;
  return d && typeof d === 'object' ? (d as DbDoc) : null;
}

const CONFLICT_ROUNDS = 6;

/** 一个数据库连接上的存储各部分共用的操作；operations 数往返次数（基准与测试用） */
export class CloudbaseConnection {
  operations = 0;
  readonly names: Record<CollectionKey, string>;

  constructor(
    readonly db: CloudbaseDatabase,
    options: CloudbaseStoreOptions = {},
  ) {
    const keys = Object.keys(COLLECTIONS) as CollectionKey[];
    this.names = Object.fromEntries(keys.map((k) => [k, collectionName(k, options.collectionPrefix)])) as Record<CollectionKey, string>;
  }

  col(key: CollectionKey): CollectionRef {
    return this.db.collection(this.names[key]);
  }
  get _(): DbCommand {
    return this.db.command;
  }
  async getDoc(key: CollectionKey, id: string): Promise<DbDoc | null> {
    this.operations++;
    return docOf(await this.col(key).doc(id).get());
  }
  async query(q: QueryRef): Promise<DbDoc[]> {
    this.operations++;
    return (await q.get()).data;
  }
  /** 一次聚合请求（一个往返） */
  async aggregate(q: AggregateRef): Promise<DbDoc[]> {
    this.operations++;
    return (await q.end()).data;
  }
  /** 按 _id 读一个文档并过 zod */
  async one<S extends z.ZodMiniType>(key: CollectionKey, id: string, schema: S): Promise<z.infer<S> | null> {
    const d = await this.getDoc(key, id);
    return d ? parseDoc(schema, d) : null;
  }
  /** 查询的第一条（查询自己带 limit(1)）并过 zod */
  async first<S extends z.ZodMiniType>(q: QueryRef, schema: S): Promise<z.infer<S> | null> {
    const [d] = await this.query(q);
    return d ? parseDoc(schema, d) : null;
  }
  async transaction<T>(fn: (tx: TransactionRef) => Promise<T>): Promise<T> {
    this.operations++;
    return this.db.runTransaction(fn);
  }

  /**
   * 幂等的事务（提交、授权、绑定、投递）：SDK 的立即重试用完仍冲突时，稍等再整体重来。
   * 回调每次都重新读，所以重来看到的是别人已提交的结果（例如同一次提交已经写进去了）。
   */
  async transactionWithRetry<T>(fn: (tx: TransactionRef) => Promise<T>): Promise<T> {
    for (let round = 1; ; round++) {
      try {
        return await this.transaction(fn);
      } catch (e) {
        if (!isTransactionConflict(e) || round >= CONFLICT_ROUNDS) throw e;
        await new Promise((resolve) => setTimeout(resolve, 5 * round + Math.floor(Math.random() * 10 * round)));
      }
    }
  }

  /** 按 _id（或给定的字段）升序读完一个集合或一个条件下的全部，每次最多 1000 条 */
  async readAll(key: CollectionKey, where: object = {}, field = '_id'): Promise<DbDoc[]> {
    const out: DbDoc[] = [];
    let after: string | null = null;
    for (;;) {
      const cond = after === null ? where : { ...where, [field]: this._.gt(after) };
      const q = this.col(key).where(cond).orderBy(field, 'asc').limit(MAX_PAGE_SIZE);
      const rows = await this.query(q);
      out.push(...rows);
      if (rows.length < MAX_PAGE_SIZE) return out;
      after = String(rows[rows.length - 1]![field]);
    }
  }

  /**
   * 一页：按 sk 降序，取 limit 条，看是否还有下一页。limit < 1000 时多取一条来判断；
   * limit = 1000 时数据库最多只给 1000 条（多要的会被悄悄截掉），所以另查一条。
   */
  async pageBySortKey(key: CollectionKey, where: Record<string, unknown>, page: PageRequest): Promise<{ rows: DbDoc[]; nextCursor: string | null }> {
    const limit = clampLimit(page.limit);
    const build = (cursor: string | null | undefined) => this.col(key).where(cursor ? { ...where, sk: this._.lt(cursor) } : where).orderBy('sk', 'desc');
    const fetch = Math.min(limit + 1, MAX_PAGE_SIZE);
    const rows = await this.query(build(page.cursor).limit(fetch));
    let more = rows.length > limit;
    const items = rows.slice(0, limit);
    if (!more && items.length === limit && fetch === limit) {
      more = (await this.query(build(String(items[items.length - 1]!.sk)).limit(1))).length > 0;
    }
    return { rows: items, nextCursor: more ? String(items[items.length - 1]!.sk) : null };
  }
}
