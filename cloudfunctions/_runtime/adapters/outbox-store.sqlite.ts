/**
 * 发件箱与站内消息中心的 SQLite 实现。发件箱条目由工单的事务写入（ticket-store.sqlite.ts），
 * 这里取到期的条目、记下每次投递的结果；站内消息写入与条目标为已送达在同一个事务里。
 */
import { MessageSchema, OutboxEntrySchema, type Channel, type Message, type OutboxEntry } from '../../../shared/domain/model';
import { clampLimit, type OutboxStore, type Page, type PageRequest } from '../../../shared/ports/store.port';
import { cursorCondition, parseRow, placeholders, toPage, type Row, type SqliteConnection } from './db.sqlite';

export function sqliteOutboxStore(c: SqliteConnection): OutboxStore {
  const { db } = c;
  const stmts = c.prepareAll({
    dueOutbox: "SELECT doc FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
    updateOutbox: 'UPDATE outbox SET status = ?, next_attempt_at = ?, doc = ? WHERE id = ?',
    insertMessage: 'INSERT OR IGNORE INTO messages (id, recipient, created_at, read_at, doc) VALUES (?, ?, ?, NULL, ?)',
    markRead: "UPDATE messages SET read_at = ?, doc = json_set(doc, '$.readAt', ?) WHERE id = ? AND recipient = ? AND read_at IS NULL",
  });

  const writeOutbox = (e: OutboxEntry) => stmts.updateOutbox.run(e.status, e.nextAttemptAt, JSON.stringify(e), e.id);

  return {
    async listDueOutbox(nowIso: string, limit: number, channels?: readonly Channel[]): Promise<OutboxEntry[]> {
      if (!channels) return c.all(stmts.dueOutbox, OutboxEntrySchema, nowIso, clampLimit(limit));
      if (!channels.length) return [];
      c.operations++;
      const rows = db
        .prepare(`SELECT doc FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND json_extract(doc, '$.channel') IN (${placeholders(channels)}) ORDER BY next_attempt_at, id LIMIT ?`)
        .all(nowIso, ...channels, clampLimit(limit)) as Row[];
      return rows.map((r) => parseRow(OutboxEntrySchema, r.doc));
    },

    async updateOutbox(entries: OutboxEntry[]): Promise<void> {
      if (!entries.length) return;
      c.operations++;
      const parsed = entries.map((e) => OutboxEntrySchema.parse(e));
      db.transaction(() => {
        for (const e of parsed) writeOutbox(e);
      }).immediate();
    },

    async deliverInApp(deliveries: Array<{ entry: OutboxEntry; message: Message }>): Promise<void> {
      if (!deliveries.length) return;
      c.operations++;
      const parsed = deliveries.map((d) => ({ e: OutboxEntrySchema.parse(d.entry), m: MessageSchema.parse(d.message) }));
      db.transaction(() => {
        for (const { e, m } of parsed) {
          stmts.insertMessage.run(m.id, m.recipient, m.createdAt, JSON.stringify(m));
          writeOutbox(e);
        }
      }).immediate();
    },

    async listMessages(recipients: string[], page: PageRequest = {}): Promise<Page<Message>> {
      c.operations++;
      if (!recipients.length) return { items: [], nextCursor: null };
      const limit = clampLimit(page.limit);
      const after = cursorCondition(page.cursor, '');
      const rows = db
        .prepare(`SELECT doc FROM messages WHERE recipient IN (${placeholders(recipients)}) ${after ? `AND ${after.sql}` : ''} ORDER BY created_at DESC, id DESC LIMIT ?`)
        .all(...recipients, ...(after?.args ?? []), limit + 1) as Row[];
      return toPage(rows, limit, MessageSchema);
    },

    /** 只有未读的才改，所以同一 id 给两次、别人的、已读的都不算进返回的条数 */
    async markMessagesRead(recipients: string[], ids: string[], atIso: string): Promise<number> {
      c.operations++;
      return db.transaction(() => {
        let marked = 0;
        for (const id of ids) for (const r of recipients) marked += stmts.markRead.run(atIso, atIso, id, r).changes;
        return marked;
      })();
    },

    async countUnreadMessages(recipients: string[]): Promise<number> {
      c.operations++;
      if (!recipients.length) return 0;
      const row = db.prepare(`SELECT COUNT(*) AS n FROM messages WHERE recipient IN (${placeholders(recipients)}) AND read_at IS NULL`).get(...recipients) as { n: number };
      return row.n;
    },
  };
}
