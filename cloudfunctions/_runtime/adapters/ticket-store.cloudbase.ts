/**
 * 工单（及其历史）的 CloudBase 实现。
 * - 每次修改按版本号判断：事务里读到的版本不符就不写，返回 false；事务期间别人改过同一文档，
 *   数据库以写冲突中止，SDK 的 runTransaction 自动重试，重试时读到新版本，同样返回 false；
 * - 工单 + 历史 + 发件箱在一个事务里，事务里只用单文档操作（doc().get/set/update/remove）；
 *   发件箱条目整批写成一个 outbox_batches 文档（提交反映时不论小组多少人都只多一次写），投递时再展开
 *   （outbox-store.cloudbase.ts）；
 * - 提交幂等：ticket_requests 里 _id = (openid, clientRequestId) 的散列，与工单同一事务写入。
 * 工单文档另存 sk（排序与翻页）、involved（提交人 + 我也遇到了）、claimantIds（接单委员）供查询用。
 */
import { HistoryEntrySchema, OutboxEntrySchema, TicketSchema, type HistoryEntry, type OutboxEntry, type Ticket } from '../../../shared/domain/model';
import type { CreateTicketResult, Page, PageRequest, TicketChange, TicketQuery, TicketStore } from '../../../shared/ports/store.port';
import { docOf, hashKey, isTransactionConflict, type CloudbaseConnection, type DbCommand, type DbDoc, type TransactionRef } from './db.cloudbase';
import { parseDoc, sortKey } from './store.rows';

function ticketDoc(t: Ticket): DbDoc {
  return { ...t, sk: sortKey(t.createdAt, t.id), involved: [t.residentOpenid, ...t.meToo], claimantIds: t.claimants.map((c) => c.memberId) };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 工单查询条件 → where 对象；条件里有空列表时返回 null（什么也匹配不到，不必问数据库）。列表和计数共用。 */
function ticketWhere(_: DbCommand, query: TicketQuery): Record<string, unknown> | null {
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
    async countSubmittedSince(residentOpenid: string, sinceIso: string): Promise<number> {
      c.operations++;
      return (await c.col('tickets').where({ residentOpenid, createdAt: c._.gte(sinceIso) }).count()).total;
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

    async createTicket(ticket: Ticket, history: HistoryEntry[], outbox: OutboxEntry[]): Promise<CreateTicketResult> {
      const t = TicketSchema.parse(ticket);
      const requestId = hashKey('ticket-request', t.residentOpenid, t.clientRequestId);
      return c.transactionWithRetry(async (tx): Promise<CreateTicketResult> => {
        const request = docOf(await tx.collection(names.ticketRequests).doc(requestId).get());
        if (request) {
          const existing = docOf(await tx.collection(names.tickets).doc(String(request.ticketId)).get());
          if (!existing) throw new Error(`ticket request ${requestId} points at missing ticket ${String(request.ticketId)}`);
          return { created: false, existing: parseDoc(TicketSchema, existing) };
        }
        await tx.collection(names.ticketRequests).doc(requestId).set({ ticketId: t.id, createdAt: t.createdAt });
        await tx.collection(names.tickets).doc(t.id).set(ticketDoc(t));
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
          for (const { next, expectedVersion } of parsed) {
            const current = docOf(await tx.collection(names.tickets).doc(next.id).get());
            if (!current || current.version !== expectedVersion) return false;
          }
          for (const { next } of parsed) await tx.collection(names.tickets).doc(next.id).set(ticketDoc(next));
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
