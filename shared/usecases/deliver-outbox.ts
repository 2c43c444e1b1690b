/**
 * deliverOutbox：把到期的发件箱条目送出去。站内消息写进消息中心；企业微信群机器人、订阅消息交给各自的渠道。
 *
 * - 站内消息与外部渠道互不等待：先把到期的站内消息整批写入；外部渠道发送期间，每隔 inAppPollMs 再把新到期的
 *   站内消息送一次——一个挂住的 webhook 不会让委员的消息中心跟着等到这一轮结束。
 * - 外部渠道并发发送，最多 concurrency 条同时在发；每条有发送超时（sendTimeoutMs），到时算"结果未知"。
 * - 每次尝试一结束就记（一条一次写入），不攒到一轮结束：进程中途崩了，已发出的不会再发。
 *   发之前先记一笔"发送中、结果未知"（次数 +1，下次时间推到 UNKNOWN_OUTCOME_RETRY_MS 之后）：
 *   崩在发送途中的那一条，也要等很久以后才重发，而不是下一轮马上再发一遍。
 * - 结果未知（请求已经发出去、没等到回答：超时或连接断开）不马上重发：对方可能已经收到，
 *   等 UNKNOWN_OUTCOME_RETRY_MS 以后再试，lastError 以"结果未知"开头。确定没发出去的按指数退避重试，
 *   超过次数、或不可重试的标为失败。
 * - 发送器抛出的异常按结果未知处理（可能已经发出）。存储写入失败才让这一轮失败（交给调用方记日志）。
 */
import type { Channel, Message, OutboxEntry } from '../domain/model';
import type { Clock, DeliveryResult } from '../ports/services.port';
import type { OutboxStore } from '../ports/store.port';

export const MAX_DELIVERY_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;
/** 结果未知的一条，过这么久再试（远长于接收方慢一点的回答） */
export const UNKNOWN_OUTCOME_RETRY_MS = 30 * 60_000;
/** lastError 的前缀：这一次发出去了，但不知道对方收到没有 */
export const UNKNOWN_OUTCOME = '结果未知';
export const DEFAULT_CONCURRENCY = 4;
/** 发送器自己也有超时（企业微信 5 秒）；这里是兜底，任何渠道一条最多占一个并发位这么久 */
export const DEFAULT_SEND_TIMEOUT_MS = 10_000;
export const DEFAULT_INAPP_POLL_MS = 200;

type ExternalChannel = Exclude<Channel, 'inapp'>;
const EXTERNAL_CHANNELS: readonly ExternalChannel[] = ['wecom', 'subscribe'];

export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

/** 渠道的一次发送结果；outcomeUnknown：请求已发出但没等到回答，对方可能收到了 */
export type SendOutcome = DeliveryResult & { outcomeUnknown?: boolean };

/** 外部渠道的投递器（企业微信群机器人、订阅消息）。普通的 ChannelSender 也符合。 */
export interface OutboxSender {
  send(entry: OutboxEntry): Promise<SendOutcome>;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
  /** 结果未知、推到很久以后再试的（也计在 retried 里） */
  unknown?: number;
}

export interface DeliveryOptions {
  batchSize?: number;
  concurrency?: number;
  sendTimeoutMs?: number;
  inAppPollMs?: number;
  /** 过了这么久不再开始新的外部发送（已在发的照常等完、记完）；云函数有总时长 */
  stopStartingAfterMs?: number;
}

export interface DeliveryDeps {
  store: OutboxStore;
  clock: Clock;
  senders: Partial<Record<ExternalChannel, OutboxSender>>;
}

const isoAfter = (nowIso: string, ms: number) => new Date(Date.parse(nowIso) + ms).toISOString();

function messageOf(entry: OutboxEntry): Message {
  return { id: entry.id, recipient: entry.recipient, ticketId: entry.ticketId, event: entry.event, title: entry.title, body: entry.body, page: entry.page, createdAt: entry.createdAt, readAt: null };
}

/** 把到期的站内消息整批写进消息中心（一个事务），返回送了几条 */
export async function deliverInAppOutbox(deps: Pick<DeliveryDeps, 'store' | 'clock'>, batchSize = 100): Promise<number> {
  const nowIso = deps.clock.now().toISOString();
  const due = (await deps.store.listDueOutbox(nowIso, batchSize, ['inapp'])).filter((e) => e.channel === 'inapp');
  if (!due.length) return 0;
  await deps.store.deliverInApp(due.map((entry) => ({ entry: { ...entry, status: 'sent' as const, attempts: entry.attempts + 1, sentAt: nowIso, lastError: null }, message: messageOf(entry) })));
  return due.length;
}

/** 发送，最多等 timeoutMs；到时或抛出异常都算结果未知 */
async function sendWithTimeout(sender: OutboxSender, entry: OutboxEntry, timeoutMs: number): Promise<SendOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<SendOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, error: `超过 ${timeoutMs} 毫秒没有回答`, retryable: true, outcomeUnknown: true }), timeoutMs);
  });
  try {
    return await Promise.race([
      sender.send(entry).catch((e: unknown): SendOutcome => ({ ok: false, error: `发送出错：${e instanceof Error ? e.message : String(e)}`, retryable: true, outcomeUnknown: true })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** 一次尝试结束后条目的样子，以及它在报告里算哪一类 */
function afterAttempt(marked: OutboxEntry, result: SendOutcome, nowIso: string): { next: OutboxEntry; kind: 'sent' | 'retried' | 'unknown' | 'failed' } {
  const attempts = marked.attempts;
  if (result.ok) return { next: { ...marked, status: 'sent', sentAt: nowIso, lastError: null }, kind: 'sent' };
  if (result.outcomeUnknown && attempts < MAX_DELIVERY_ATTEMPTS) {
    return { next: { ...marked, lastError: `${UNKNOWN_OUTCOME}：${result.error}`, nextAttemptAt: isoAfter(nowIso, UNKNOWN_OUTCOME_RETRY_MS) }, kind: 'unknown' };
  }
  if (result.retryable && attempts < MAX_DELIVERY_ATTEMPTS) {
    return { next: { ...marked, lastError: result.error, nextAttemptAt: isoAfter(nowIso, retryDelayMs(attempts)) }, kind: 'retried' };
  }
  return { next: { ...marked, status: 'failed', lastError: result.outcomeUnknown ? `${UNKNOWN_OUTCOME}：${result.error}` : result.error }, kind: 'failed' };
}

export async function deliverOutbox(deps: DeliveryDeps, batchSizeOrOptions: number | DeliveryOptions = {}): Promise<DeliveryReport> {
  const options: DeliveryOptions = typeof batchSizeOrOptions === 'number' ? { batchSize: batchSizeOrOptions } : batchSizeOrOptions;
  const batchSize = options.batchSize ?? 100;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const sendTimeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const report: Required<DeliveryReport> = { sent: 0, retried: 0, failed: 0, unknown: 0 };

  // 站内消息先送，不等任何外部渠道
  report.sent += await deliverInAppOutbox(deps, batchSize);

  const nowIso = deps.clock.now().toISOString();
  const due = (await deps.store.listDueOutbox(nowIso, batchSize, EXTERNAL_CHANNELS)).filter((e) => e.channel !== 'inapp');
  if (!due.length) return report;

  let stopStarting = false;
  const stopTimer = options.stopStartingAfterMs !== undefined ? setTimeout(() => (stopStarting = true), options.stopStartingAfterMs) : undefined;
  let externalDone = false;
  let storeFailure: unknown = null;

  /** 一条外部发送：先记"发送中、结果未知"，发，一结束就记结果 */
  async function attempt(entry: OutboxEntry): Promise<void> {
    const startedIso = deps.clock.now().toISOString();
    const attempts = entry.attempts + 1;
    const sender = deps.senders[entry.channel as ExternalChannel];
    if (!sender) {
      await deps.store.updateOutbox([{ ...entry, status: 'failed', attempts, lastError: `未配置${entry.channel}渠道` }]);
      report.failed++;
      return;
    }
    const marked: OutboxEntry = { ...entry, attempts, lastError: `${UNKNOWN_OUTCOME}：发送中断`, nextAttemptAt: isoAfter(startedIso, UNKNOWN_OUTCOME_RETRY_MS) };
    await deps.store.updateOutbox([marked]);
    const result = await sendWithTimeout(sender, entry, sendTimeoutMs);
    const { next, kind } = afterAttempt(marked, result, deps.clock.now().toISOString());
    await deps.store.updateOutbox([next]);
    if (kind === 'unknown') {
      report.unknown++;
      report.retried++;
    } else report[kind]++;
  }

  let cursor = 0;
  async function worker(): Promise<void> {
    while (!stopStarting && storeFailure === null && cursor < due.length) {
      const entry = due[cursor++]!;
      try {
        await attempt(entry);
      } catch (e) {
        // 存储写不进去：不再开始新的发送（没记下的发送会重发，不能越发越多）
        storeFailure ??= e;
      }
    }
  }

  /** 外部发送期间，隔一会儿把新到期的站内消息送掉；外部发完就停（不多等一个间隔） */
  let wake: (() => void) | null = null;
  async function inAppWhileSending(): Promise<void> {
    const pollMs = options.inAppPollMs ?? DEFAULT_INAPP_POLL_MS;
    while (!externalDone) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
      if (externalDone) return;
      try {
        report.sent += await deliverInAppOutbox(deps, batchSize);
      } catch (e) {
        storeFailure ??= e;
        return;
      }
    }
  }

  const poller = inAppWhileSending();
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
  } finally {
    externalDone = true;
    clearTimeout(stopTimer);
    (wake as (() => void) | null)?.();
  }
  await poller;
  if (storeFailure !== null) throw storeFailure;
  return report;
}
