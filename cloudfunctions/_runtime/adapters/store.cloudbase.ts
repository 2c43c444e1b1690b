/**
 * 生产存储：CloudBase 数据库（@cloudbase/node-sdk 的 app.database()）。与 store.sqlite.ts 同一套契约：
 * - 工单的每次修改按版本号判断：事务里读到的版本不符就不写，返回 false；事务期间别人改过同一文档，
 *   数据库以写冲突中止，SDK 的 runTransaction 自动重试，重试时读到新版本，同样返回 false；
 * - 工单 + 历史 + 发件箱在一个事务里，事务里只用单文档操作（doc().get/set/update/remove）；
 *   发件箱条目在事务里整批写成一个文档（提交反映时不论小组多少人都只多一次写），投递时再展开成单条；
 * - 数量不定的列表一律显式 limit + orderBy + 游标翻页（默认 100，最多 1000），从不依赖 get() 的隐式 100 条；
 * - 抢名额、扣订阅额度这类单文档条件更新用 where({ _id, 条件 }).update()，返回的 updated 说明谁赢了。
 * 集合和索引见 schema.cloudbase.ts。读回来的文档一律过 zod。
 */
import { createHash } from 'node:crypto';
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
import { clampLimit, MAX_PAGE_SIZE, type CreateTicketResult, type Page, type PageRequest, type Store, type TicketChange, type TicketQuery } from '../../../shared/ports/store.port';
import { COLLECTIONS, type CollectionKey } from './schema.cloudbase';

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

export interface CollectionRef extends QueryRef {
  doc(id: string): DocumentRef;
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

function parse<S extends z.ZodMiniType>(schema: S, doc: unknown): z.infer<S> {
  return schema.parse(doc) as z.infer<S>;
}

const sortKey = (createdAt: string, id: string) => `${createdAt}|${id}`;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function ticketDoc(t: Ticket): DbDoc {
  return { ...t, sk: sortKey(t.createdAt, t.id), involved: [t.residentOpenid, ...t.meToo], claimantIds: t.claimants.map((c) => c.memberId) };
}
function memberDoc(m: Member): DbDoc {
  return { ...m, groupIds: [...new Set(m.groups.map((g) => g.groupId))] };
}
function messageDoc(m: Message): DbDoc {
  return { ...m, sk: sortKey(m.createdAt, m.id) };
}

const OUTBOX_BATCHES_PER_CALL = 50;
const CONFLICT_ROUNDS = 6;
/** 互不相关的单文档写同时发出的个数 */
const PARALLEL_WRITES = 20;

async function inChunks<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export class CloudbaseStore implements Store {
  /** 数据库往返次数（基准与测试用） */
  operations = 0;
  private readonly names: Record<CollectionKey, string>;

  constructor(
    private readonly db: CloudbaseDatabase,
    options: CloudbaseStoreOptions = {},
  ) {
    const prefix = options.collectionPrefix ?? '';
    this.names = Object.fromEntries(Object.entries(COLLECTIONS).map(([k, c]) => [k, `${prefix}${c.name}`])) as Record<CollectionKey, string>;
  }

  private col(key: CollectionKey): CollectionRef {
    return this.db.collection(this.names[key]);
  }
  private get _() {
    return this.db.command;
  }
  private async getDoc(key: CollectionKey, id: string): Promise<DbDoc | null> {
    this.operations++;
    return docOf(await this.col(key).doc(id).get());
  }
  private async query(q: QueryRef): Promise<DbDoc[]> {
    this.operations++;
    return (await q.get()).data;
  }
  private async transaction<T>(fn: (tx: TransactionRef) => Promise<T>): Promise<T> {
    this.operations++;
    return this.db.runTransaction(fn);
  }

  /**
   * 幂等的事务（提交、授权、绑定、投递）：SDK 的立即重试用完仍冲突时，稍等再整体重来。
   * 回调每次都重新读，所以重来看到的是别人已提交的结果（例如同一次提交已经写进去了）。
   */
  private async transactionWithRetry<T>(fn: (tx: TransactionRef) => Promise<T>): Promise<T> {
    for (let round = 1; ; round++) {
      try {
        return await this.transaction(fn);
      } catch (e) {
        if (!isTransactionConflict(e) || round >= CONFLICT_ROUNDS) throw e;
        await new Promise((resolve) => setTimeout(resolve, 5 * round + Math.floor(Math.random() * 10 * round)));
      }
    }
  }

  /** 按 _id 升序读完一个集合（或一个条件下的全部），每次最多 1000 条 */
  private async readAll(key: CollectionKey, where: object = {}): Promise<DbDoc[]> {
    const out: DbDoc[] = [];
    let after: string | null = null;
    for (;;) {
      const cond = after === null ? where : { ...where, _id: this._.gt(after) };
      const q = this.col(key).where(cond).orderBy('_id', 'asc').limit(MAX_PAGE_SIZE);
      const rows = await this.query(q);
      out.push(...rows);
      if (rows.length < MAX_PAGE_SIZE) return out;
      after = String(rows[rows.length - 1]!._id);
    }
  }

  /**
   * 一页：按 sk 降序，取 limit 条，看是否还有下一页。limit < 1000 时多取一条来判断；
   * limit = 1000 时数据库最多只给 1000 条（多要的会被悄悄截掉），所以另查一条。
   */
  private async pageBySortKey(key: CollectionKey, where: Record<string, unknown>, page: PageRequest): Promise<{ rows: DbDoc[]; nextCursor: string | null }> {
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

  // ---- 通讯录 ----

  async getStation(id: string): Promise<Station | null> {
    const d = await this.getDoc('stations', id);
    return d ? parse(StationSchema, d) : null;
  }
  async listStations(): Promise<Station[]> {
    return (await this.readAll('stations')).map((d) => parse(StationSchema, d));
  }
  async getGroup(id: string): Promise<MemberGroup | null> {
    const d = await this.getDoc('groups', id);
    return d ? parse(MemberGroupSchema, d) : null;
  }
  async listGroups(): Promise<MemberGroup[]> {
    return (await this.readAll('groups')).map((d) => parse(MemberGroupSchema, d));
  }
  async getMember(id: string): Promise<Member | null> {
    const d = await this.getDoc('members', id);
    return d ? parse(MemberSchema, d) : null;
  }
  async listMembersOfGroup(groupId: string): Promise<Member[]> {
    return (await this.readAll('members', { groupIds: groupId })).map((d) => parse(MemberSchema, d));
  }
  async findMemberByOpenid(openid: string): Promise<Member | null> {
    const [d] = await this.query(this.col('members').where({ openid }).limit(1));
    return d ? parse(MemberSchema, d) : null;
  }
  async findMemberByInviteCode(code: string): Promise<Member | null> {
    const [d] = await this.query(this.col('members').where({ inviteCode: code }).limit(1));
    return d ? parse(MemberSchema, d) : null;
  }

  /** 一个微信只能绑一位委员：绑定文档（_id = openid 散列）与委员文档在同一事务里写 */
  async bindMember(memberId: string, openid: string, inviteCode: string): Promise<boolean> {
    const bindingId = hashKey('member-binding', openid);
    return this.transactionWithRetry(async (tx) => {
      const m = docOf(await tx.collection(this.names.members).doc(memberId).get());
      if (!m) return false;
      const member = parse(MemberSchema, m);
      if (member.openid || member.inviteCode !== inviteCode) return false;
      if (docOf(await tx.collection(this.names.memberBindings).doc(bindingId).get())) return false;
      await tx.collection(this.names.memberBindings).doc(bindingId).set({ memberId });
      await tx.collection(this.names.members).doc(memberId).set(memberDoc({ ...member, openid, inviteCode: null }));
      return true;
    });
  }

  async putStation(s: Station): Promise<void> {
    this.operations++;
    await this.col('stations').doc(s.id).set(StationSchema.parse(s));
  }
  async putGroup(g: MemberGroup): Promise<void> {
    this.operations++;
    await this.col('groups').doc(g.id).set(MemberGroupSchema.parse(g));
  }
  /** 写委员并维护 openid 绑定文档；openid 已绑给别人时抛错（与 SQLite 的唯一约束一致） */
  async putMember(member: Member): Promise<void> {
    const m = MemberSchema.parse(member);
    await this.transactionWithRetry(async (tx) => {
      const before = docOf(await tx.collection(this.names.members).doc(m.id).get());
      const oldOpenid = before ? (before.openid as string | null) : null;
      if (m.openid && m.openid !== oldOpenid) {
        const ref = tx.collection(this.names.memberBindings).doc(hashKey('member-binding', m.openid));
        const existing = docOf(await ref.get());
        if (existing && existing.memberId !== m.id) throw new Error(`openid already bound to member ${String(existing.memberId)}`);
        await ref.set({ memberId: m.id });
      }
      if (oldOpenid && oldOpenid !== m.openid) await tx.collection(this.names.memberBindings).doc(hashKey('member-binding', oldOpenid)).remove();
      await tx.collection(this.names.members).doc(m.id).set(memberDoc(m));
    });
  }

  // ---- 工单 ----

  async getTicket(id: string): Promise<Ticket | null> {
    const d = await this.getDoc('tickets', id);
    return d ? parse(TicketSchema, d) : null;
  }
  async findByClientRequest(residentOpenid: string, clientRequestId: string): Promise<Ticket | null> {
    const [d] = await this.query(this.col('tickets').where({ residentOpenid, clientRequestId }).limit(1));
    return d ? parse(TicketSchema, d) : null;
  }
  async countSubmittedSince(residentOpenid: string, sinceIso: string): Promise<number> {
    this.operations++;
    return (await this.col('tickets').where({ residentOpenid, createdAt: this._.gte(sinceIso) }).count()).total;
  }

  /** 工单查询条件 → where 对象；条件里有空列表时返回 null（什么也匹配不到，不必问数据库）。列表和计数共用。 */
  private ticketWhere(query: TicketQuery): Record<string, unknown> | null {
    const _ = this._;
    const where: Record<string, unknown> = {};
    const lists: Array<[string, readonly string[] | undefined]> = [
      ['stationId', query.stationIds],
      ['groupId', query.groupIds],
      ['status', query.statuses],
    ];
    for (const [field, values] of lists) {
      if (!values) continue;
      if (values.length === 0) return null;
      where[field] = values.length === 1 ? values[0] : _.in([...values]);
    }
    if (query.library) where.library = query.library;
    if (query.createdAfter) where.createdAt = _.gte(query.createdAfter);
    if (query.involvingResident) where.involved = query.involvingResident;
    if (query.claimedBy) where.claimantIds = query.claimedBy;
    return where;
  }

  async listTickets(query: TicketQuery, page: PageRequest = {}): Promise<Page<Ticket>> {
    const where = this.ticketWhere(query);
    if (!where) return { items: [], nextCursor: null };
    const { rows, nextCursor } = await this.pageBySortKey('tickets', where, page);
    return { items: rows.map((d) => parse(TicketSchema, d)), nextCursor };
  }

  async countTickets(query: TicketQuery): Promise<number> {
    const where = this.ticketWhere(query);
    if (!where) return 0;
    return (await this.col('tickets').where(where).count()).total;
  }

  private async writeSideEffects(tx: TransactionRef, history: HistoryEntry[], outbox: OutboxEntry[], versionOf: (ticketId: string) => number): Promise<void> {
    let n = 0;
    for (const h of history) {
      const entry = HistoryEntrySchema.parse(h);
      await tx.collection(this.names.history).doc(entry.id).set({ ...entry, hk: `${pad(versionOf(entry.ticketId), 9)}|${pad(n++, 4)}` });
    }
    if (outbox.length) {
      const entries = outbox.map((o) => OutboxEntrySchema.parse(o));
      await tx.collection(this.names.outboxBatches).doc(entries[0]!.id).set({ entries, createdAt: entries[0]!.createdAt });
    }
  }

  async createTicket(ticket: Ticket, history: HistoryEntry[], outbox: OutboxEntry[]): Promise<CreateTicketResult> {
    const t = TicketSchema.parse(ticket);
    const requestId = hashKey('ticket-request', t.residentOpenid, t.clientRequestId);
    return this.transactionWithRetry(async (tx): Promise<CreateTicketResult> => {
      const request = docOf(await tx.collection(this.names.ticketRequests).doc(requestId).get());
      if (request) {
        const existing = docOf(await tx.collection(this.names.tickets).doc(String(request.ticketId)).get());
        if (!existing) throw new Error(`ticket request ${requestId} points at missing ticket ${String(request.ticketId)}`);
        return { created: false, existing: parse(TicketSchema, existing) };
      }
      await tx.collection(this.names.ticketRequests).doc(requestId).set({ ticketId: t.id, createdAt: t.createdAt });
      await tx.collection(this.names.tickets).doc(t.id).set(ticketDoc(t));
      await this.writeSideEffects(tx, history, outbox, () => t.version);
      return { created: true };
    });
  }

  async updateTickets(changes: TicketChange[], history: HistoryEntry[], outbox: OutboxEntry[]): Promise<boolean> {
    const parsed = changes.map((c) => ({ next: TicketSchema.parse(c.next), expectedVersion: c.expectedVersion }));
    const versions = new Map(parsed.map((c) => [c.next.id, c.next.version]));
    try {
      return await this.transaction(async (tx) => {
        // 先全部核对版本，再写：任何一张不符，什么都不写
        for (const { next, expectedVersion } of parsed) {
          const current = docOf(await tx.collection(this.names.tickets).doc(next.id).get());
          if (!current || current.version !== expectedVersion) return false;
        }
        for (const { next } of parsed) await tx.collection(this.names.tickets).doc(next.id).set(ticketDoc(next));
        await this.writeSideEffects(tx, history, outbox, (id) => versions.get(id) ?? 0);
        return true;
      });
    } catch (e) {
      // 重试用完仍冲突：别人一直在改这张单，交给调用方重读重算
      if (isTransactionConflict(e)) return false;
      throw e;
    }
  }

  async listHistory(ticketId: string): Promise<HistoryEntry[]> {
    const out: HistoryEntry[] = [];
    let after: string | null = null;
    for (;;) {
      const where = after === null ? { ticketId } : { ticketId, hk: this._.gt(after) };
      const rows = await this.query(this.col('history').where(where).orderBy('hk', 'asc').limit(MAX_PAGE_SIZE));
      out.push(...rows.map((d) => parse(HistoryEntrySchema, d)));
      if (rows.length < MAX_PAGE_SIZE) return out;
      after = String(rows[rows.length - 1]!.hk);
    }
  }

  // ---- 发件箱与消息中心 ----

  /** 把事务里整批写入的发件箱条目展开成单条；展开与删除批次在同一事务里，所以每批只展开一次 */
  private async expandOutboxBatches(): Promise<void> {
    const batches = await this.query(this.col('outboxBatches').field({ _id: true }).orderBy('_id', 'asc').limit(OUTBOX_BATCHES_PER_CALL));
    for (const b of batches) {
      const id = String(b._id);
      try {
        await this.transaction(async (tx) => {
          const batch = docOf(await tx.collection(this.names.outboxBatches).doc(id).get());
          if (!batch) return;
          for (const e of (batch.entries as unknown[]).map((x) => parse(OutboxEntrySchema, x))) {
            await tx.collection(this.names.outbox).doc(e.id).set(e);
          }
          await tx.collection(this.names.outboxBatches).doc(id).remove();
        });
      } catch (e) {
        // 另一个投递进程正在展开同一批
        if (!isTransactionConflict(e)) throw e;
      }
    }
  }

  async listDueOutbox(nowIso: string, limit: number): Promise<OutboxEntry[]> {
    await this.expandOutboxBatches();
    const q = this.col('outbox')
      .where({ status: 'pending', nextAttemptAt: this._.lte(nowIso) })
      .orderBy('nextAttemptAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(clampLimit(limit));
    return (await this.query(q)).map((d) => parse(OutboxEntrySchema, d));
  }

  /**
   * 记录一批投递尝试。每条是一次单文档整体写入，并发发出：每条记录自身完整；
   * 中途出错时已写的留下、没写的下一轮照常重试（与整批回滚后重试的效果相同）。
   */
  async updateOutbox(entries: OutboxEntry[]): Promise<void> {
    const parsed = entries.map((e) => OutboxEntrySchema.parse(e));
    await inChunks(parsed, PARALLEL_WRITES, (e) => {
      this.operations++;
      return this.col('outbox').doc(e.id).set(e);
    });
  }

  /**
   * 站内消息：先一次查出哪些消息已经写过（消息 id 取发件箱 id），只写没写过的——重复投递不重复、
   * 也不把已读改回未读；再把发件箱条目标为已送达。同一时刻只有一个投递在跑（cron 的租约）。
   */
  async deliverInApp(deliveries: Array<{ entry: OutboxEntry; message: Message }>): Promise<void> {
    if (!deliveries.length) return;
    const parsed = deliveries.map((d) => ({ e: OutboxEntrySchema.parse(d.entry), m: MessageSchema.parse(d.message) }));
    const existing = new Set<string>();
    for (let i = 0; i < parsed.length; i += MAX_PAGE_SIZE) {
      const ids = parsed.slice(i, i + MAX_PAGE_SIZE).map((d) => d.m.id);
      const rows = await this.query(this.col('messages').where({ _id: this._.in(ids) }).field({ _id: true }).limit(MAX_PAGE_SIZE));
      for (const r of rows) existing.add(String(r._id));
    }
    await inChunks(
      parsed.filter((d) => !existing.has(d.m.id)),
      PARALLEL_WRITES,
      (d) => {
        this.operations++;
        return this.col('messages').doc(d.m.id).set(messageDoc(d.m));
      },
    );
    await this.updateOutbox(parsed.map((d) => d.e));
  }

  async listMessages(recipients: string[], page: PageRequest = {}): Promise<Page<Message>> {
    if (!recipients.length) return { items: [], nextCursor: null };
    const where = { recipient: recipients.length === 1 ? recipients[0] : this._.in([...recipients]) };
    const { rows, nextCursor } = await this.pageBySortKey('messages', where, page);
    return { items: rows.map((d) => parse(MessageSchema, d)), nextCursor };
  }

  async markMessagesRead(recipients: string[], ids: string[], atIso: string): Promise<void> {
    if (!recipients.length || !ids.length) return;
    this.operations++;
    await this.col('messages')
      .where({ _id: this._.in([...ids]), recipient: this._.in([...recipients]), readAt: null })
      .update({ readAt: atIso });
  }

  // ---- 订阅消息额度 ----

  private subscriptionId(openid: string, templateId: string): string {
    return hashKey('subscription', openid, templateId);
  }

  async grantSubscriptions(openid: string, templateIds: string[]): Promise<void> {
    if (!templateIds.length) return;
    await this.transactionWithRetry(async (tx) => {
      for (const templateId of templateIds) {
        const ref = tx.collection(this.names.subscriptions).doc(this.subscriptionId(openid, templateId));
        const current = docOf(await ref.get());
        await ref.set({ openid, templateId, remaining: (current ? Number(current.remaining) : 0) + 1 });
      }
    });
  }

  /** 条件扣减：只有剩余 > 0 时才减 1，updated = 1 说明这一条发送权归本次 */
  async consumeSubscription(openid: string, templateId: string): Promise<boolean> {
    this.operations++;
    const res = await this.col('subscriptions')
      .where({ _id: this.subscriptionId(openid, templateId), remaining: this._.gt(0) })
      .update({ remaining: this._.inc(-1) });
    return res.updated === 1;
  }

  async subscriptionBalance(openid: string): Promise<Record<string, number>> {
    const rows = await this.readAll('subscriptions', { openid });
    return Object.fromEntries(rows.map((r) => [String(r.templateId), Number(r.remaining)]));
  }
}
