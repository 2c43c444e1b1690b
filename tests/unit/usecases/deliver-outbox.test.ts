/**
 * deliverOutbox 的投递规则（内存里的发件箱）：外部渠道并发有上限、每条有超时、每次尝试一结束就记、
 * 站内消息不等外部渠道。
 */
import type { Message, OutboxEntry } from '../../../shared/domain/model';
import type { OutboxStore } from '../../../shared/ports/store.port';
import { deliverOutbox, UNKNOWN_OUTCOME, UNKNOWN_OUTCOME_RETRY_MS, type OutboxSender } from '../../../shared/usecases/deliver-outbox';

const NOW = '2026-11-20T02:00:00.000Z';
const clock = { now: () => new Date(NOW) };

class MemoryOutbox implements OutboxStore {
  entries = new Map<string, OutboxEntry>();
  messages: Message[] = [];
  writes: OutboxEntry[] = [];
  onMessage: ((m: Message) => void) | null = null;
  add(e: Partial<OutboxEntry> & { id: string }): void {
    this.entries.set(e.id, {
      ticketId: 't1', recipient: 'member:m1', channel: 'inapp', event: 'ticket.submitted', title: '新反映', body: '路灯坏了', page: 'packages/work/ticket/index?id=t1',
      status: 'pending', attempts: 0, nextAttemptAt: NOW, lastError: null, createdAt: NOW, sentAt: null, ...e,
    });
  }
  async listDueOutbox(nowIso: string, limit: number, channels?: readonly string[]) {
    return [...this.entries.values()].filter((e) => e.status === 'pending' && e.nextAttemptAt <= nowIso && (!channels || channels.includes(e.channel))).slice(0, limit);
  }
  async updateOutbox(entries: OutboxEntry[]) {
    for (const e of entries) {
      this.entries.set(e.id, e);
      this.writes.push(e);
    }
  }
  async deliverInApp(deliveries: Array<{ entry: OutboxEntry; message: Message }>) {
    for (const d of deliveries) {
      this.entries.set(d.entry.id, d.entry);
      this.messages.push(d.message);
      this.onMessage?.(d.message);
    }
  }
  async listMessages() { return { items: this.messages, nextCursor: null }; }
  async markMessagesRead() { return 0; }
  async countUnreadMessages() { return 0; }
}

const cards = (store: MemoryOutbox, n: number) => {
  for (let i = 0; i < n; i++) store.add({ id: `card-${i}`, channel: 'wecom', recipient: `group:g${i}` });
};

test('外部渠道同时在发的不超过 concurrency 条，全部发完', async () => {
  const store = new MemoryOutbox();
  cards(store, 10);
  let inFlight = 0;
  let most = 0;
  const wecom: OutboxSender = {
    async send() {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      return { ok: true };
    },
  };
  const report = await deliverOutbox({ store, clock, senders: { wecom } }, { concurrency: 3 });
  expect(most).toBe(3);
  expect(report).toMatchObject({ sent: 10, retried: 0, failed: 0 });
  expect([...store.entries.values()].every((e) => e.status === 'sent' && e.attempts === 1)).toBe(true);
});

test('一条发送挂住：到了发送超时就记为结果未知、30 分钟后再试，这一轮照样结束', async () => {
  const store = new MemoryOutbox();
  cards(store, 1);
  const wecom: OutboxSender = { send: () => new Promise(() => {}) };
  const report = await deliverOutbox({ store, clock, senders: { wecom } }, { sendTimeoutMs: 30 });
  expect(report).toMatchObject({ sent: 0, retried: 1, unknown: 1 });
  const e = store.entries.get('card-0')!;
  expect(e).toMatchObject({ status: 'pending', attempts: 1 });
  expect(e.lastError!.startsWith(UNKNOWN_OUTCOME)).toBe(true);
  expect(Date.parse(e.nextAttemptAt) - Date.parse(NOW)).toBe(UNKNOWN_OUTCOME_RETRY_MS);
});

test('发之前先记一笔"结果未知"，发完立刻记结果：每条两次单条写入，不攒到一轮结束', async () => {
  const store = new MemoryOutbox();
  cards(store, 3);
  const seenBeforeSend: Array<string | null> = [];
  const wecom: OutboxSender = {
    async send(entry) {
      seenBeforeSend.push(store.entries.get(entry.id)!.lastError);
      return entry.id === 'card-1' ? { ok: false, error: 'HTTP 502', retryable: true } : { ok: true };
    },
  };
  await deliverOutbox({ store, clock, senders: { wecom } }, { concurrency: 1 });
  expect(seenBeforeSend).toEqual([`${UNKNOWN_OUTCOME}：发送中断`, `${UNKNOWN_OUTCOME}：发送中断`, `${UNKNOWN_OUTCOME}：发送中断`]);
  expect(store.writes.map((w) => `${w.id}:${w.status}`)).toEqual(['card-0:pending', 'card-0:sent', 'card-1:pending', 'card-1:pending', 'card-2:pending', 'card-2:sent']);
  // 确定没发出去的（对方回了 502）按普通退避：30 秒后
  expect(Date.parse(store.entries.get('card-1')!.nextAttemptAt) - Date.parse(NOW)).toBe(30_000);
});

test('站内消息先送；外部渠道挂着的时候，新到期的站内消息也照样送到', async () => {
  const store = new MemoryOutbox();
  store.add({ id: 'inapp-before' });
  cards(store, 2);
  let release: () => void = () => {};
  const hanging = new Promise<void>((r) => (release = r));
  const wecom: OutboxSender = {
    async send() {
      await hanging;
      return { ok: true };
    },
  };
  const round = deliverOutbox({ store, clock, senders: { wecom } }, { inAppPollMs: 10 });
  const arrived = new Promise<Message>((resolve) => {
    store.onMessage = (m) => m.id === 'inapp-during' && resolve(m);
  });
  // 一轮开始、卡片挂住之后，又来了一条站内消息：不等卡片，照样送到
  await new Promise((r) => setTimeout(r, 5));
  expect(store.messages.map((m) => m.id)).toEqual(['inapp-before']);
  store.add({ id: 'inapp-during' });
  await expect(arrived).resolves.toMatchObject({ id: 'inapp-during' });
  expect([...store.entries.values()].filter((e) => e.channel === 'wecom').map((e) => e.status)).toEqual(['pending', 'pending']);
  release();
  expect(await round).toMatchObject({ sent: 4 });
});

test('发送器抛出异常算结果未知（可能已经发出），不马上重发', async () => {
  const store = new MemoryOutbox();
  cards(store, 1);
  const wecom: OutboxSender = {
    async send() {
      throw new Error('bug');
    },
  };
  expect(await deliverOutbox({ store, clock, senders: { wecom } })).toMatchObject({ unknown: 1 });
  expect(Date.parse(store.entries.get('card-0')!.nextAttemptAt) - Date.parse(NOW)).toBe(UNKNOWN_OUTCOME_RETRY_MS);
});
