/**
 * cron 云函数（定时触发，每分钟一次，见 config.json）：先跑一轮跟进督单（到期提醒、过期升级、回头看、回头督，
 * shared/usecases/supervision/run-scheduled.ts，它写进发件箱的消息紧接着就发），再投递发件箱——站内消息、企业微信群机器人、订阅消息，
 * 失败的按指数退避重试，结果未知的（已发出、没等到回答）30 分钟后再试；每次尝试一结束就记在条目上
 * （次数、最后的错误、下次时间），见 shared/usecases/deliver-outbox.ts。
 * 同一时刻只有一个实例在投递（locks 集合里的租约），一轮最多跑 BUDGET_MS，剩下的下一分钟接着发。
 * 只接受定时触发和控制台调用：带 OPENID（小程序端调用）的一律拒绝。
 *
 * 三率汇总的核对（按全部工单重数、改正不符的格，见 figures-store.cloudbase.ts）：每天北京时间 3:00 那一次触发先做它
 * （用自己的租约，十万张工单要读一百次、几十秒，所以放在夜里）；控制台也可以带 { action: 'reconcileFigures' } 随时调用。
 */
import { errorEnvelope } from '../../shared/api/envelope';
import { ok } from '../../shared/domain/errors';
import { deliverOutbox, type DeliveryReport } from '../../shared/usecases/deliver-outbox';
import { runScheduled } from '../../shared/usecases/supervision/run-scheduled';
import { settingsFrom } from '../../shared/usecases/context';
import { CloudbaseLease } from '../_runtime/adapters/lease.cloudbase';
import { CloudRuntime, lazyMain, outboxSenders, type CloudMain, type CloudPlatform, type RuntimeOptions } from '../_runtime/platform.cloudbase';
import { initNodeSdk } from '../_runtime/adapters/sdk.cloudbase';
import { initWxServerSdk } from '../_runtime/adapters/sdk.wechat';

export const LEASE_NAME = 'outbox-delivery';
export const RECONCILE_LEASE = 'figures-reconcile';
/** 每天这个时刻（北京时间，时:分）那一次触发核对三率汇总 */
export const RECONCILE_AT = '03:00';

function shanghaiClock(d: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
}
/** 云函数超时设为 60 秒；留出余量 */
const BUDGET_MS = 40_000;
const LEASE_MS = 55_000;
const BATCH = 100;
/** 外部渠道发送期间每秒看一次新到期的站内消息（每次是一次查询，云上不必更勤） */
const IN_APP_POLL_MS = 1000;

export interface CronReport extends DeliveryReport {
  rounds: number;
  skipped?: string;
  /** 这一轮跟进督单做了几步、看了几张工单 */
  scheduled?: { tickets: number; steps: number; failed: number };
}

export function createMain(platform: CloudPlatform, options: RuntimeOptions = {}): CloudMain {
  const rt = new CloudRuntime(platform, options);
  const lease = new CloudbaseLease(rt.db);
  return async (event, context) => {
    if (rt.callerOpenid()) return errorEnvelope('AUTH.FORBIDDEN');
    const holder = context?.request_id ?? rt.ids.next();
    const asked = (event as { action?: unknown } | undefined)?.action === 'reconcileFigures';
    if (asked || shanghaiClock(rt.clock.now()) === RECONCILE_AT) {
      if (await lease.acquire(RECONCILE_LEASE, holder, rt.clock.now(), LEASE_MS)) {
        try {
          const r = await rt.store.reconcileFigures();
          rt.info('cron.reconcileFigures', { ...r });
          if (asked) return ok(r);
        } finally {
          await lease.release(RECONCILE_LEASE, holder, { at: rt.clock.now().toISOString() });
        }
      }
    }
    const started = Date.now();
    if (!(await lease.acquire(LEASE_NAME, holder, rt.clock.now(), LEASE_MS))) {
      return ok<CronReport>({ sent: 0, retried: 0, failed: 0, rounds: 0, skipped: '另一个投递正在进行' });
    }
    const total: CronReport = { sent: 0, retried: 0, failed: 0, rounds: 0 };
    try {
      const s = await runScheduled({ store: rt.store, clock: rt.clock, ids: rt.ids, loadSettings: settingsFrom(rt.store) });
      if (s.ok) total.scheduled = { tickets: s.data.tickets, steps: s.data.steps.length, failed: s.data.failed.length };
      const senders = outboxSenders(rt);
      for (;;) {
        // 一轮里站内消息先送、外部渠道并发发送且各有超时；剩下的时间用完就不再开始新的发送
        const r = await deliverOutbox({ store: rt.store, clock: rt.clock, senders }, { batchSize: BATCH, inAppPollMs: IN_APP_POLL_MS, stopStartingAfterMs: Math.max(0, BUDGET_MS - (Date.now() - started)) });
        total.sent += r.sent;
        total.retried += r.retried;
        total.failed += r.failed;
        total.unknown = (total.unknown ?? 0) + (r.unknown ?? 0);
        total.rounds++;
        if (r.sent + r.retried + r.failed < BATCH || Date.now() - started > BUDGET_MS) break;
      }
    } finally {
      await lease.release(LEASE_NAME, holder, { ...total, at: rt.clock.now().toISOString(), ms: Date.now() - started });
    }
    rt.info('cron.deliverOutbox', { ...total, ms: Date.now() - started });
    return ok(total);
  };
}

export const main = lazyMain(() => createMain({ wx: initWxServerSdk(), app: initNodeSdk() }));
