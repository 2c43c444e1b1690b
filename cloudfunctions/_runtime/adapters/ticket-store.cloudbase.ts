/**
 * 工单（及其历史）的 CloudBase 实现。
 * - 每次修改按版本号判断：事务里读到的版本不符就不写，返回 false；事务期间别人改过同一文档，
 *   数据库以写冲突中止，SDK 的 runTransaction 自动重试，重试时读到新版本，同样返回 false；
 * - 工单 + 历史 + 发件箱在一个事务里，事务里只用单文档操作（doc().get/set/update/remove）；
 *   发件箱条目整批写成一个 outbox_batches 文档（提交反映时不论小组多少人都只多一次写），投递时再展开
 *   （outbox-store.cloudbase.ts）；
 * - 提交幂等：ticket_requests 里 _id = (openid, clientRequestId) 的散列，与工单同一事务写入；
 * - 提交限流：事务里不能 where 查询、不能 count，所以每位居民一个 submit_rates 文档（_id = openid 的散列），
 *   recent 记着这位居民最近提交的时间。同一事务里读它、数 sinceIso 之后的条数、不到 max 才追加并写回。
 *   同一居民的并发提交都要写这同一个文档：数据库按写冲突让后到的事务中止，重试时读到别人刚追加的时间，
 *   所以数与写之间插不进别的提交——30 个并发、max = 10，正好写进 10 张；
 * - 站的上限（给了 stationMax 才查）：每个站一个 submit_rates 文档（_id = 站 id 的散列），按分钟记条数
 *   （buckets: [{ m: 'YYYY-MM-DDTHH:MM', n }]，最多留 61 个），同一事务里读、数、加一写回。一个站一小时
 *   可能上万条，逐条记时间文档太大，所以按分钟：跨 sinceIso 的那一分钟整分钟都算数（宁严一分钟）。
 *   同一站的并发提交都写这个文档，冲突后重试重新数；不给 stationMax 时不碰它（导入、测试不受影响）；
 * 工单文档另存 sk（排序与翻页）、involved（提交人 + 我也遇到了）、claimantIds（接单委员）供查询用，
 * 以及 watchAt（定时任务下次要看的时刻，没有就不写）和给看板、通报的派生字段（figures-store.cloudbase.ts 的 derivedTicketFields：
 * dueAt 最早未做完的期限——工作台的过期筛选、看板的过期计数、通报的过期清单都查它，已办结的为 null；dispatchPeriod；unsatisfiedPeriods）。
 * 积分汇总（activity-store.cloudbase.ts）也在同一个事务里重写。
 */
import * as z from 'zod/mini';
import { lazySchema } from '../../../shared/domain/lazy-schema';
import { HistoryEntrySchema, OutboxEntrySchema, TicketSchema, type HistoryEntry, type OutboxEntry, type Ticket } from '../../../shared/domain/model';
import { SETTINGS_BOUNDS } from '../../../shared/domain/settings';
import type { CreateTicketResult, Page, PageRequest, SubmitRateLimit, TicketChange, TicketQuery, TicketStore } from '../../../shared/ports/store.port';
import { docOf, hashKey, isTransactionConflict, type CloudbaseConnection, type DbCommand, type DbDoc, type TransactionRef } from './db.cloudbase';
import { countsTowardsLimit, parseDoc, sortKey } from './store.rows';
import { nextWatchAt } from '../../../shared/domain/supervision';
import { derivedTicketFields, writeFigureDeltaInTx } from './figures-store.cloudbase';
import { writeActivityInTx } from './activity-store.cloudbase';

function ticketDoc(t: Ticket): DbDoc {
  const doc: DbDoc = { ...t, sk: sortKey(t.createdAt, t.id), involved: [t.residentOpenid, ...t.meToo], claimantIds: t.claimants.map((c) => c.memberId), ...derivedTicketFields(t) };
  // 没有的时刻不写这个字段（而不是写 null）：按时刻的范围查询不会碰到它们
  const watchAt = nextWatchAt(t);
  if (watchAt) doc.watchAt = watchAt;
  return doc;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 限流文档最多记多少个时间：县里能设的最高"每小时几条"，再多的用不上 */
const RATE_LOG_SIZE = SETTINGS_BOUNDS.reportsPerHourPerResident.max;
const RateLogSchema = lazySchema(() => z.object({ recent: z.array(z.string()) }));
const StationLogSchema = lazySchema(() => z.object({ buckets: z.array(z.object({ m: z.string(), n: z.number() })) }));
type StationBuckets = z.infer<typeof StationLogSchema>['buckets'];
/** 站的计数按分钟：留一小时多一分钟 */
const STATION_BUCKETS = 61;

/** 这一分钟（ISO 的前 16 位）的最后一刻在 sinceIso 之后，就算在窗口里 */
const bucketCounts = (m: string, sinceIso: string) => `${m}:59.999Z` > sinceIso;

/** 这一次提交之后站的分钟计数；已满 stationMax 时返回 null（不写） */
function nextStationLog(buckets: StationBuckets, createdAt: string, sinceIso: string, stationMax: number): StationBuckets | null {
  const kept = buckets.filter((b) => bucketCounts(b.m, sinceIso));
  if (kept.reduce((sum, b) => sum + b.n, 0) >= stationMax) return null;
  const m = createdAt.slice(0, 16);
  const same = kept.find((b) => b.m === m);
  const next = same ? kept.map((b) => (b === same ? { m, n: b.n + 1 } : b)) : [...kept, { m, n: 1 }];
  return next.sort((a, b) => (a.m < b.m ? -1 : a.m > b.m ? 1 : 0)).slice(-STATION_BUCKETS);
}

/**
 * 这一次提交之后的限流记录；超限时返回 null（不写）。给了 rateLimit 时只留 sinceIso 之后的；
 * 没给时（导入、测试）照样记上，只按条数截短——以后带限流的提交照样数得到它。
 */
function nextRateLog(recent: string[], createdAt: string, rateLimit: SubmitRateLimit | undefined): string[] | null {
  const kept = rateLimit ? recent.filter((at) => countsTowardsLimit(at, rateLimit)) : recent;
  if (rateLimit && kept.length >= rateLimit.max) return null;
  return [...kept, createdAt].sort().slice(-RATE_LOG_SIZE);
}

/**
 * 工单查询条件 → where 对象；条件里有空列表时返回 null（什么也匹配不到，不必问数据库）。
 * 列表、计数与管理后台的分组计数（聚合的 match）共用。
 */
export function ticketWhere(_: DbCommand, query: TicketQuery): Record<string, unknown> | null {
  const where: Record<string, unknown> = {};
  const lists: Array<[string, readonly string[] | undefined]> = [
    // 按 id 读一批走数据库自带的 _id 索引（工单文档的 _id 就是工单 id）
    ['_id', query.ids],
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
  if (query.ticketNo) where.no = query.ticketNo;
  if (query.createdAfter) where.createdAt = _.gte(query.createdAfter);
  if (query.involvingResident) where.involved = query.involvingResident;
  if (query.claimedBy) where.claimantIds = query.claimedBy;
  if (query.overdueAt) where.dueAt = _.lt(query.overdueAt);
  if (query.unsatisfiedIn) where.unsatisfiedPeriods = query.unsatisfiedIn;
  if (query.watchBefore) where.watchAt = _.lte(query.watchBefore);
  return where;
}

export function cloudbaseTicketStore(c: CloudbaseConnection): TicketStore {
  const { names } = c;

  async function writeSideEffects(tx: TransactionRef, history: HistoryEntry[], outbox: OutboxEntry[], versionOf: (ticketId: string) => number): Promise<void> {
    let n = 0;
    for (const h of history) {
      const entry = HistoryEntrySchema.parse(h);
      await tx.collection(names.history).doc(entry.id).set({ ...entry, hk: `${pad(versionOf(entry.ticketId), 9)}|${pad(n++, 4)}` });
    }
    if (outbox.length) {
      const entries = outbox.map((o) => OutboxEntrySchema.parse(o));
      await tx.collection(names.outboxBatches).doc(entries[0]!.id).set({ entries, createdAt: entries[0]!.createdAt });
    }
  }

  return {
    async getTicket(id: string): Promise<Ticket | null> {
      return c.one('tickets', id, TicketSchema);
    },
    async findByClientRequest(residentOpenid: string, clientRequestId: string): Promise<Ticket | null> {
      return c.first(c.col('tickets').where({ residentOpenid, clientRequestId }).limit(1), TicketSchema);
    },
    async listTickets(query: TicketQuery, page: PageRequest = {}): Promise<Page<Ticket>> {
      const where = ticketWhere(c._, query);
      if (!where) return { items: [], nextCursor: null };
      const { rows, nextCursor } = await c.pageBySortKey('tickets', where, page);
      return { items: rows.map((d) => parseDoc(TicketSchema, d)), nextCursor };
    },

    async countTickets(query: TicketQuery): Promise<number> {
      const where = ticketWhere(c._, query);
      if (!where) return 0;
      return (await c.col('tickets').where(where).count()).total;
    },

    async createTicket(ticket: Ticket, history: HistoryEntry[], outbox: OutboxEntry[], rateLimit?: SubmitRateLimit): Promise<CreateTicketResult> {
      const t = TicketSchema.parse(ticket);
      const requestId = hashKey('ticket-request', t.residentOpenid, t.clientRequestId);
      const rateId = hashKey('submit-rate', t.residentOpenid);
      const stationRateId = hashKey('station-rate', t.stationId);
      return c.transactionWithRetry(async (tx): Promise<CreateTicketResult> => {
        // 先看是不是重试：重试永远拿回第一次那张，不论限流
        const request = docOf(await tx.collection(names.ticketRequests).doc(requestId).get());
        if (request) {
          const existing = docOf(await tx.collection(names.tickets).doc(String(request.ticketId)).get());
          if (!existing) throw new Error(`ticket request ${requestId} points at missing ticket ${String(request.ticketId)}`);
          return { created: false, existing: parseDoc(TicketSchema, existing) };
        }
        const rates = docOf(await tx.collection(names.submitRates).doc(rateId).get());
        const recent = nextRateLog(rates ? parseDoc(RateLogSchema, rates).recent : [], t.createdAt, rateLimit);
        if (!recent) return { created: false, rateLimited: true };
        let stationBuckets: StationBuckets | null = null;
        if (rateLimit?.stationMax !== undefined) {
          const station = docOf(await tx.collection(names.submitRates).doc(stationRateId).get());
          stationBuckets = nextStationLog(station ? parseDoc(StationLogSchema, station).buckets : [], t.createdAt, rateLimit.sinceIso, rateLimit.stationMax);
          if (!stationBuckets) return { created: false, rateLimited: true, stationBusy: true };
        }
        // 同一居民（或同一站）的并发提交在这一步相互冲突，输的那个重试时重新读、重新数
        await tx.collection(names.submitRates).doc(rateId).set({ recent });
        if (stationBuckets) await tx.collection(names.submitRates).doc(stationRateId).set({ buckets: stationBuckets });
        await tx.collection(names.ticketRequests).doc(requestId).set({ ticketId: t.id, createdAt: t.createdAt });
        await tx.collection(names.tickets).doc(t.id).set(ticketDoc(t));
        await writeFigureDeltaInTx(tx, names.figures, null, t);
        await writeActivityInTx(tx, names.activity, t, history);
        await writeSideEffects(tx, history, outbox, () => t.version);
        return { created: true };
      });
    },

    async updateTickets(changes: TicketChange[], history: HistoryEntry[], outbox: OutboxEntry[]): Promise<boolean> {
      const parsed = changes.map((ch) => ({ next: TicketSchema.parse(ch.next), expectedVersion: ch.expectedVersion }));
      const versions = new Map(parsed.map((ch) => [ch.next.id, ch.next.version]));
      try {
        return await c.transaction(async (tx) => {
          // 先全部核对版本，再写：任何一张不符，什么都不写
          const before = new Map<string, Ticket>();
          for (const { next, expectedVersion } of parsed) {
            const current = docOf(await tx.collection(names.tickets).doc(next.id).get());
            if (!current || current.version !== expectedVersion) return false;
            before.set(next.id, parseDoc(TicketSchema, current));
          }
          for (const { next } of parsed) {
            await tx.collection(names.tickets).doc(next.id).set(ticketDoc(next));
            // 三率汇总与工单同一个事务：贡献(新) − 贡献(旧)
            await writeFigureDeltaInTx(tx, names.figures, before.get(next.id) ?? null, next);
            await writeActivityInTx(tx, names.activity, next, history);
          }
          await writeSideEffects(tx, history, outbox, (id) => versions.get(id) ?? 0);
          return true;
        });
      } catch (e) {
        // 重试用完仍冲突：别人一直在改这张单，交给调用方重读重算
        if (isTransactionConflict(e)) return false;
        throw e;
      }
    },

    /** 按 hk（工单版本|序号）升序，即写入顺序 */
    async listHistory(ticketId: string): Promise<HistoryEntry[]> {
      return (await c.readAll('history', { ticketId }, 'hk')).map((d) => parseDoc(HistoryEntrySchema, d));
    },
  };
}
