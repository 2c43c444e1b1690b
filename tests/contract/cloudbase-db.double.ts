/**
 * CloudBase 数据库的进程内替身（测试专用，不是数据库实现）。
 *
 * 怎么替：node-sdk 的 app.database() 返回的是 @cloudbase/database 的 Db，它把每个操作交给
 * `Db.reqClass` 发请求。这里换掉的只是这个请求层——真实的 SDK 客户端代码原样运行（查询/更新的序列化、
 * get() 不设 limit 时发 100、limit 超过 1000 时截成 1000、where().update() 默认 multi、
 * update(data) 把普通字段编成 $set、runTransaction 遇冲突重试三次），替身扮演它背后的数据库服务：
 *
 * - 查询用 mingo 按 MongoDB 语义求值；服务端同样把 limit 封顶 1000；
 * - 单文档条件更新 where({ _id, version }).update() 在一步里判断并写入（原子），返回 { updated }；
 * - 聚合（aggregate().match().lookup()….end()）用 mingo 的聚合管道按 MongoDB 语义求值，$lookup 的 from 是本库的集合；
 *   只认 CloudBase 支持的阶段（没有 $facet、$out、$merge），不带 $limit 时像真实服务一样只给 20 条；
 * - 事务：快照读；写一个文档时，若别的未提交事务已写过它、或它在本事务快照之后被提交改过，
 *   报 DATABASE_TRANSACTION_CONFLICT 并中止本事务（SDK 据此重试）；提交时再核对一遍；
 *   事务里只允许单文档操作（doc().get/set/update/remove、add），where 查询会被拒绝；
 * - 集合必须先建好（与部署时一样），访问未建的集合报 DATABASE_COLLECTION_NOT_EXIST；
 * - 每个请求之间让出事件循环，所以并发的调用真的会交错；
 * - 测试可以让接下来的一次提交失败（failNextCommit）：事务中止、什么都不写，像服务端在提交时出错。
 *
 * 与真实服务的已知差别：事务外的写碰到被事务锁住的文档时，真实服务会等锁，这里直接写入，
 * 由那个事务在提交时发现冲突——对调用方的结果（谁赢、谁重试）相同。
 *
 * 另外记下每个查询用到的字段，供测试核对 schema.cloudbase.ts 里为它准备了索引。
 */
import { EJSON } from 'bson';
import { Aggregator, Query } from 'mingo';
import { update as applyUpdate } from 'mingo/updater';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Db } = require('@cloudbase/database') as { Db: { new (config: object): unknown; reqClass: unknown } };

type Doc = Record<string, unknown> & { _id: string };

interface Version {
  rev: number;
  doc: Doc | null;
}

interface Tx {
  id: string;
  snapshot: number;
  writes: Map<string, Doc | null>;
  aborted: boolean;
}

export interface RecordedQuery {
  collection: string;
  filterFields: string[];
  sortFields: string[];
}

export class DbServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';
const MAX_LIMIT = 1000;
/** aggregate().end() 不设 limit 时返回的条数 */
const AGGREGATE_DEFAULT_LIMIT = 20;
/** CloudBase 聚合支持的阶段（@cloudbase/database 的 Aggregation 上有方法的那些，geoNear 除外：替身不做地理查询） */
const AGGREGATE_STAGES = new Set(['$match', '$group', '$project', '$sort', '$count', '$limit', '$skip', '$lookup', '$unwind', '$addFields', '$bucket', '$bucketAuto', '$sortByCount', '$replaceRoot', '$sample']);

function fieldsOf(query: unknown, out = new Set<string>()): Set<string> {
  if (!query || typeof query !== 'object') return out;
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    if (k === '$and' || k === '$or' || k === '$nor') for (const sub of v as unknown[]) fieldsOf(sub, out);
    else if (!k.startsWith('$')) out.add(k);
  }
  return out;
}

const clone = <T>(v: T): T => structuredClone(v);
const key = (collection: string, id: string) => `${collection}\u0000${id}`;

export class CloudbaseDbService {
  private seq = 0;
  private txSeq = 0;
  private idSeq = 0;
  /** 集合名 → 文档 id → 版本历史（最新的在最后） */
  private readonly data = new Map<string, Map<string, Version[]>>();
  private readonly txs = new Map<string, Tx>();
  readonly queries: RecordedQuery[] = [];
  /** 收到的请求数（每个都是一次往返） */
  requests = 0;
  conflicts = 0;
  private readonly commitFailures: DbServiceError[] = [];

  constructor(collections: string[] = []) {
    for (const c of collections) this.createCollection(c);
  }

  createCollection(name: string): void {
    if (!this.data.has(name)) this.data.set(name, new Map());
  }

  collectionNames(): string[] {
    return [...this.data.keys()];
  }

  /** 测试用：下一次提交事务时报这个错并中止事务（什么都不写）；不是写冲突，SDK 不重试 */
  failNextCommit(error = new DbServiceError('DATABASE_REQUEST_FAILED', '模拟的提交失败')): void {
    this.commitFailures.push(error);
  }

  /** 直接看库里的文档（断言用，不算请求） */
  peek(collection: string): Doc[] {
    return [...this.coll(collection).values()].map((vs) => vs[vs.length - 1]!.doc).filter((d): d is Doc => d !== null).map(clone);
  }

  private coll(name: string): Map<string, Version[]> {
    const c = this.data.get(name);
    if (!c) throw new DbServiceError('DATABASE_COLLECTION_NOT_EXIST', `集合 ${name} 不存在`);
    return c;
  }

  private latest(collection: string, id: string): Version | null {
    const vs = this.coll(collection).get(id);
    return vs ? vs[vs.length - 1]! : null;
  }

  private atSnapshot(collection: string, id: string, snapshot: number): Doc | null {
    const vs = this.coll(collection).get(id);
    if (!vs) return null;
    for (let i = vs.length - 1; i >= 0; i--) if (vs[i]!.rev <= snapshot) return vs[i]!.doc;
    return null;
  }

  private liveDocs(collection: string): Doc[] {
    const out: Doc[] = [];
    for (const vs of this.coll(collection).values()) {
      const d = vs[vs.length - 1]!.doc;
      if (d) out.push(d);
    }
    return out;
  }

  private commitWrite(collection: string, id: string, doc: Doc | null): void {
    const c = this.coll(collection);
    const rev = ++this.seq;
    const vs = c.get(id);
    if (vs) vs.push({ rev, doc: doc && clone(doc) });
    else c.set(id, [{ rev, doc: doc && clone(doc) }]);
  }

  private tx(id: string): Tx {
    const t = this.txs.get(id);
    if (!t || t.aborted) throw new DbServiceError('DATABASE_TRANSACTION_FAIL', `事务 ${id} 不存在或已结束`);
    return t;
  }

  private conflict(t: Tx, what: string): never {
    t.aborted = true;
    this.txs.delete(t.id);
    this.conflicts++;
    throw new DbServiceError(CONFLICT, `写冲突：${what}`);
  }

  /** 事务里写一个文档之前：别人在写它，或快照之后它被改过，都是冲突 */
  private claimForWrite(t: Tx, collection: string, id: string): void {
    const k = key(collection, id);
    for (const other of this.txs.values()) if (other !== t && !other.aborted && other.writes.has(k)) this.conflict(t, `${collection}/${id} 正被另一个事务修改`);
    const v = this.latest(collection, id);
    if (v && v.rev > t.snapshot) this.conflict(t, `${collection}/${id} 在事务开始后被修改`);
  }

  private txView(t: Tx, collection: string, id: string): Doc | null {
    const k = key(collection, id);
    if (t.writes.has(k)) return t.writes.get(k) ?? null;
    return this.atSnapshot(collection, id, t.snapshot);
  }

  private record(collection: string, filter: unknown, order: Record<string, number> | undefined): void {
    this.queries.push({ collection, filterFields: [...fieldsOf(filter)], sortFields: Object.keys(order ?? {}) });
  }

  private match(docs: Doc[], filter: object): Doc[] {
    const q = new Query(filter as Record<string, unknown>, {});
    return docs.filter((d) => q.test(d));
  }

  // ---- 协议：与 @cloudbase/database 发出的 action 一一对应 ----

  handle(action: string, p: Record<string, any>): unknown {
    this.requests++;
    switch (action) {
      case 'database.startTransaction': {
        const id = `tx-${++this.txSeq}`;
        this.txs.set(id, { id, snapshot: this.seq, writes: new Map(), aborted: false });
        return { requestId: id, transactionId: id };
      }
      case 'database.commitTransaction': {
        const t = this.tx(p.transactionId);
        const injected = this.commitFailures.shift();
        if (injected) {
          t.aborted = true;
          this.txs.delete(t.id);
          throw injected;
        }
        for (const k of t.writes.keys()) {
          const [collection, id] = k.split('\u0000') as [string, string];
          const v = this.latest(collection, id);
          if (v && v.rev > t.snapshot) this.conflict(t, `${collection}/${id} 在提交前被修改`);
        }
        for (const [k, doc] of t.writes) {
          const [collection, id] = k.split('\u0000') as [string, string];
          this.commitWrite(collection, id, doc);
        }
        this.txs.delete(t.id);
        return { requestId: t.id };
      }
      case 'database.abortTransaction': {
        const t = this.txs.get(p.transactionId);
        if (t) {
          t.aborted = true;
          this.txs.delete(t.id);
        }
        return { requestId: p.transactionId };
      }
      case 'database.getDocument':
        return this.getDocument(p);
      case 'database.aggregateDocuments':
        return this.aggregate(p);
      case 'database.calculateDocument': {
        const filter = (p.query ? EJSON.parse(p.query) : {}) as Record<string, unknown>;
        this.record(p.collectionName, filter, undefined);
        return { data: { total: this.match(this.liveDocs(p.collectionName), filter).length } };
      }
      case 'database.modifyDocument':
        return this.modifyDocument(p);
      case 'database.insertDocument':
        return this.insertDocument(p);
      case 'database.removeDocument':
        return this.removeDocument(p);
      default:
        throw new DbServiceError('INVALID_PARAM', `替身未实现 ${action}`);
    }
  }

  private docIdOf(p: Record<string, any>): string {
    const q = EJSON.parse(p.query) as { _id?: unknown };
    if (typeof q._id !== 'string') throw new DbServiceError('INVALID_PARAM', '单文档操作缺少 _id');
    return q._id;
  }

  private getDocument(p: Record<string, any>) {
    const collection: string = p.collectionName;
    this.coll(collection);
    if (p.transactionId) {
      if (p.queryType !== 'DOC') throw new DbServiceError('DATABASE_TRANSACTION_FAIL', '事务中只支持单文档操作（doc().get/set/update/remove、add）');
      const d = this.txView(this.tx(p.transactionId), collection, this.docIdOf(p));
      return { data: { list: d ? [EJSON.stringify(d, { relaxed: false })] : [] } };
    }
    const filter = (p.query ? EJSON.parse(p.query) : {}) as Record<string, unknown>;
    const order = p.order ? (EJSON.parse(p.order) as Record<string, 1 | -1>) : undefined;
    if (p.queryType !== 'DOC') this.record(collection, filter, order);
    const projection = p.projection ? (EJSON.parse(p.projection) as Record<string, 0 | 1>) : undefined;
    let cursor = new Query(filter, {}).find<Doc>(this.liveDocs(collection), projection && Object.keys(projection).length ? projection : undefined);
    if (order && Object.keys(order).length) cursor = cursor.sort(order);
    if (p.offset) cursor = cursor.skip(p.offset);
    // DOC 查询不带 limit；WHERE 查询 SDK 总会带上（默认 100），服务端封顶 1000
    const limit = p.queryType === 'DOC' ? 1 : Math.min(Number(p.limit ?? 100), MAX_LIMIT);
    const list = cursor.limit(limit).all().map((d) => EJSON.stringify(d, { relaxed: false }));
    return { data: { list, limit, offset: p.offset ?? 0 } };
  }

  /**
   * SDK 发来的每个阶段是 { stageKey: '$match', stageValue: EJSON 字符串 }。事务里没有聚合（SDK 也不给它带事务 id）。
   * 记下 $match 的字段和 $lookup 连接的字段（对方集合上的一次按字段查找），供索引检查。
   */
  private aggregate(p: Record<string, any>) {
    const collection: string = p.collectionName;
    this.coll(collection);
    const pipeline = (p.stages as Array<{ stageKey: string; stageValue: string }>).map(({ stageKey, stageValue }) => ({ [stageKey]: EJSON.parse(stageValue) as any }));
    for (const stage of pipeline) {
      const [op, arg] = Object.entries(stage)[0]!;
      if (!AGGREGATE_STAGES.has(op)) throw new DbServiceError('INVALID_PARAM', `CloudBase 聚合不支持 ${op}`);
      if (op === '$match') this.record(collection, arg, undefined);
      if (op === '$lookup') this.record(arg.from, arg.foreignField ? { [arg.foreignField]: null } : {}, undefined);
    }
    const limit = pipeline.some((stage) => '$limit' in stage) ? MAX_LIMIT : AGGREGATE_DEFAULT_LIMIT;
    // 与 MongoDB 一样，$lookup 一个不存在的集合得到空数组，不报错
    const resolve = (name: string) => (this.data.has(name) ? this.liveDocs(name) : []);
    const out = new Aggregator(pipeline, { collectionResolver: resolve }).run(this.liveDocs(collection));
    return { data: { list: out.slice(0, limit).map((d) => EJSON.stringify(d, { relaxed: false })) } };
  }

  private applyData(current: Doc | null, id: string, p: Record<string, any>): Doc {
    const data = EJSON.parse(p.data) as Record<string, unknown>;
    if (!p.merge) return { ...clone(data), _id: id } as Doc;
    const next = clone(current ?? ({ _id: id } as Doc));
    applyUpdate(next, data as never);
    return next;
  }

  private modifyDocument(p: Record<string, any>) {
    const collection: string = p.collectionName;
    this.coll(collection);
    if (p.queryType === 'DOC') {
      const id = this.docIdOf(p);
      if (p.transactionId) {
        const t = this.tx(p.transactionId);
        const current = this.txView(t, collection, id);
        if (!current && !p.upsert) return { data: { updated: 0 } };
        this.claimForWrite(t, collection, id);
        t.writes.set(key(collection, id), this.applyData(current, id, p));
        return current ? { data: { updated: 1 } } : { data: { updated: 0, upsert_id: id } };
      }
      const current = this.latest(collection, id)?.doc ?? null;
      if (!current && !p.upsert) return { data: { updated: 0 } };
      this.commitWrite(collection, id, this.applyData(current, id, p));
      return current ? { data: { updated: 1 } } : { data: { updated: 0, upsert_id: id } };
    }
    // 条件更新（WHERE）：SDK 不给它带事务 id，它总在事务外、一步完成
    const filter = (p.query ? EJSON.parse(p.query) : {}) as Record<string, unknown>;
    this.record(collection, filter, undefined);
    let matched = this.match(this.liveDocs(collection), filter);
    if (!p.multi) matched = matched.slice(0, 1);
    for (const d of matched) this.commitWrite(collection, d._id, this.applyData(d, d._id, p));
    return { data: { updated: matched.length } };
  }

  private insertDocument(p: Record<string, any>) {
    const collection: string = p.collectionName;
    const docs = (p.data as string[]).map((s) => EJSON.parse(s) as Doc);
    const t = p.transactionId ? this.tx(p.transactionId) : null;
    if (t && docs.length !== 1) throw new DbServiceError('DATABASE_TRANSACTION_FAIL', '事务中一次只能插入一个文档');
    const ids: string[] = [];
    for (const d of docs) {
      const id = typeof d._id === 'string' ? d._id : `double-${++this.idSeq}`;
      const exists = t ? this.txView(t, collection, id) : this.latest(collection, id)?.doc;
      if (exists) throw new DbServiceError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error: ${collection}/${id}`);
      if (t) {
        this.claimForWrite(t, collection, id);
        t.writes.set(key(collection, id), { ...d, _id: id });
      } else this.commitWrite(collection, id, { ...d, _id: id });
      ids.push(id);
    }
    return { data: { insertedIds: ids } };
  }

  private removeDocument(p: Record<string, any>) {
    const collection: string = p.collectionName;
    this.coll(collection);
    if (p.queryType === 'DOC') {
      const id = this.docIdOf(p);
      if (p.transactionId) {
        const t = this.tx(p.transactionId);
        if (!this.txView(t, collection, id)) return { data: { deleted: 0 } };
        this.claimForWrite(t, collection, id);
        t.writes.set(key(collection, id), null);
        return { data: { deleted: 1 } };
      }
      if (!this.latest(collection, id)?.doc) return { data: { deleted: 0 } };
      this.commitWrite(collection, id, null);
      return { data: { deleted: 1 } };
    }
    const filter = (p.query ? EJSON.parse(p.query) : {}) as Record<string, unknown>;
    let matched = this.match(this.liveDocs(collection), filter);
    if (!p.multi) matched = matched.slice(0, 1);
    for (const d of matched) this.commitWrite(collection, d._id, null);
    return { data: { deleted: matched.length } };
  }
}

const SERVICE = Symbol.for('mashangti.cloudbase-db-double');
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** 取代 node-sdk 的 TcbDBApiHttpRequester：把请求交给替身服务；出错时像 node-sdk 一样抛 { code, message } */
class DoubleRequester {
  private readonly service: CloudbaseDbService;
  constructor(config: Record<symbol, unknown>) {
    const s = config?.[SERVICE];
    if (!(s instanceof CloudbaseDbService)) throw new Error('这个 Db 不是用 createDoubleDatabase 创建的');
    this.service = s;
  }
  async send(action: string, params: Record<string, unknown> = {}): Promise<unknown> {
    await tick();
    try {
      return this.service.handle(action, params);
    } finally {
      await tick();
    }
  }
}

/** 用真实的 @cloudbase/database 客户端 + 替身服务，得到与 app.database() 同形的 Db */
export function createDoubleDatabase(service: CloudbaseDbService): unknown {
  Db.reqClass = DoubleRequester;
  return new Db({ env: 'double-env', [SERVICE]: service });
}
