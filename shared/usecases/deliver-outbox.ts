/**
 * deliverOutbox：把到期的发件箱条目送出去。站内消息写进消息中心；企业微信群机器人、订阅消息交给各自的渠道。
 * 失败的按指数退避重试，超过次数标为失败；每次尝试都记在条目上（次数、最后的错误）。
 */
import type { Channel, OutboxEntry } from '../domain/model';
import type { Clock, ChannelSender } from '../ports/services.port';
import type { OutboxStore } from '../ports/store.port';

export const MAX_DELIVERY_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

export async function deliverOutbox(
  deps: { store: OutboxStore; clock: Clock; senders: Partial<Record<Exclude<Channel, 'inapp'>, ChannelSender>> },
  batchSize = 100,
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  const nowIso = deps.clock.now().toISOString();
  const due = await deps.store.listDueOutbox(nowIso, batchSize);
  // 站内消息整批一个事务写入：一次落盘，而不是每条一次
  const inapp = due.filter((e) => e.channel === 'inapp');
  await deps.store.deliverInApp(
    inapp.map((entry) => ({
      entry: { ...entry, status: 'sent' as const, attempts: entry.attempts + 1, sentAt: nowIso, lastError: null },
      message: { id: entry.id, recipient: entry.recipient, ticketId: entry.ticketId, event: entry.event, title: entry.title, body: entry.body, page: entry.page, createdAt: entry.createdAt, readAt: null },
    })),
  );
  report.sent += inapp.length;

  const attemptsMade: OutboxEntry[] = [];
  for (const entry of due) {
    if (entry.channel === 'inapp') continue;
    const attempts = entry.attempts + 1;
    const sender = deps.senders[entry.channel];
    let result: Awaited<ReturnType<ChannelSender['send']>>;
    try {
      result = sender ? await sender.send(entry) : { ok: false, error: `未配置${entry.channel}渠道`, retryable: false };
    } catch (e) {
      result = { ok: false, error: e instanceof Error ? e.message : String(e), retryable: true };
    }
    let next: OutboxEntry;
    if (result.ok) {
      next = { ...entry, status: 'sent', attempts, sentAt: nowIso, lastError: null };
      report.sent++;
    } else if (result.retryable && attempts < MAX_DELIVERY_ATTEMPTS) {
      next = { ...entry, attempts, lastError: result.error, nextAttemptAt: new Date(Date.parse(nowIso) + retryDelayMs(attempts)).toISOString() };
      report.retried++;
    } else {
      next = { ...entry, status: 'failed', attempts, lastError: result.error };
      report.failed++;
    }
    attemptsMade.push(next);
  }
  await deps.store.updateOutbox(attemptsMade);
  return report;
}
