/**
 * 发件箱与站内消息中心的 CloudBase 实现。工单的事务把发件箱条目整批写成一个 outbox_batches 文档
 * （ticket-store.cloudbase.ts）；取到期条目前先把批次展开成 outbox 里的单条。
 * 同一时刻只有一个投递在跑（cron 的租约，lease.cloudbase.ts）。
 */
import { MessageSchema, OutboxEntrySchema, type Channel, type Message, type OutboxEntry } from '../../../shared/domain/model';
import { clampLimit, MAX_PAGE_SIZE, type OutboxStore, type Page, type PageRequest } from '../../../shared/ports/store.port';
import { docOf, isTransactionConflict, type CloudbaseConnection, type DbDoc } from './db.cloudbase';
import { parseDoc, sortKey } from './store.rows';

const OUTBOX_BATCHES_PER_CALL = 50;
/** 互不相关的单文档写同时发出的个数 */
const PARALLEL_WRITES = 20;

function messageDoc(m: Message): DbDoc {
  return { ...m, sk: sortKey(m.createdAt, m.id) };
}

async function inChunks<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export function cloudbaseOutboxStore(c: CloudbaseConnection): OutboxStore {
  const { names } = c;
  const toRecipients = (recipients: string[]) => (recipients.length === 1 ? recipients[0] : c._.in([...recipients]));

  /** 把事务里整批写入的发件箱条目展开成单条；展开与删除批次在同一事务里，所以每批只展开一次 */
  async function expandOutboxBatches(): Promise<void> {
    const batches = await c.query(c.col('outboxBatches').field({ _id: true }).orderBy('_id', 'asc').limit(OUTBOX_BATCHES_PER_CALL));
    for (const b of batches) {
      const id = String(b._id);
      try {
        await c.transaction(async (tx) => {
          const batch = docOf(await tx.collection(names.outboxBatches).doc(id).get());
          if (!batch) return;
          for (const e of (batch.entries as unknown[]).map((x) => parseDoc(OutboxEntrySchema, x))) {
            await tx.collection(names.outbox).doc(e.id).set(e);
          }
          await tx.collection(names.outboxBatches).doc(id).remove();
        });
      } catch (e) {
        // 另一个投递进程正在展开同一批
        if (!isTransactionConflict(e)) throw e;
      }
    }
  }

  /**
   * 记录一批投递尝试。每条是一次单文档整体写入，并发发出：每条记录自身完整；
   * 中途出错时已写的留下、没写的下一轮照常重试（与整批回滚后重试的效果相同）。
   */
  async function updateOutbox(entries: OutboxEntry[]): Promise<void> {
    const parsed = entries.map((e) => OutboxEntrySchema.parse(e));
    await inChunks(parsed, PARALLEL_WRITES, (e) => {
      c.operations++;
      return c.col('outbox').doc(e.id).set(e);
    });
  }

  return {
    async listDueOutbox(nowIso: string, limit: number, channels?: readonly Channel[]): Promise<OutboxEntry[]> {
      if (channels && !channels.length) return [];
      await expandOutboxBatches();
      const where: Record<string, unknown> = { status: 'pending', nextAttemptAt: c._.lte(nowIso) };
      if (channels) where.channel = channels.length === 1 ? channels[0] : c._.in([...channels]);
      const q = c
        .col('outbox')
        .where(where)
        .orderBy('nextAttemptAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(clampLimit(limit));
      return (await c.query(q)).map((d) => parseDoc(OutboxEntrySchema, d));
    },

    updateOutbox,

    /**
     * 站内消息：先一次查出哪些消息已经写过（消息 id 取发件箱 id），只写没写过的——重复投递不重复、
     * 也不把已读改回未读；再把发件箱条目标为已送达。
     */
    async deliverInApp(deliveries: Array<{ entry: OutboxEntry; message: Message }>): Promise<void> {
      if (!deliveries.length) return;
      const parsed = deliveries.map((d) => ({ e: OutboxEntrySchema.parse(d.entry), m: MessageSchema.parse(d.message) }));
      const existing = new Set<string>();
      for (let i = 0; i < parsed.length; i += MAX_PAGE_SIZE) {
        const ids = parsed.slice(i, i + MAX_PAGE_SIZE).map((d) => d.m.id);
        const rows = await c.query(c.col('messages').where({ _id: c._.in(ids) }).field({ _id: true }).limit(MAX_PAGE_SIZE));
        for (const r of rows) existing.add(String(r._id));
      }
      await inChunks(
        parsed.filter((d) => !existing.has(d.m.id)),
        PARALLEL_WRITES,
        (d) => {
          c.operations++;
          return c.col('messages').doc(d.m.id).set(messageDoc(d.m));
        },
      );
      await updateOutbox(parsed.map((d) => d.e));
    },

    async listMessages(recipients: string[], page: PageRequest = {}): Promise<Page<Message>> {
      if (!recipients.length) return { items: [], nextCursor: null };
      const { rows, nextCursor } = await c.pageBySortKey('messages', { recipient: toRecipients(recipients) }, page);
      return { items: rows.map((d) => parseDoc(MessageSchema, d)), nextCursor };
    },

    /** 一个多文档条件更新：只改这些收件人名下、这些 id 里还未读的，数据库回报改了几条 */
    async markMessagesRead(recipients: string[], ids: string[], atIso: string): Promise<number> {
      if (!recipients.length || !ids.length) return 0;
      c.operations++;
      const res = await c
        .col('messages')
        .where({ _id: c._.in([...new Set(ids)]), recipient: c._.in([...recipients]), readAt: null })
        .update({ readAt: atIso });
      return res.updated;
    },

    async countUnreadMessages(recipients: string[]): Promise<number> {
      if (!recipients.length) return 0;
      c.operations++;
      return (await c.col('messages').where({ recipient: toRecipients(recipients), readAt: null }).count()).total;
    },
  };
}
