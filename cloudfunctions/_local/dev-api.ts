/**
 * 本地演示与测试用的 POST /api/_dev：拨时钟、手动跑一轮定时任务。只在本地模式、只对可信的来源（与 x-openid 同一条规则，
 * 见 server.ts 的 headerTrusted）开放；生产模式一律拒绝。
 *   { action: 'setClock', now: ISO-8601 }  服务的时钟拨到 now，之后照常往前走
 *   { action: 'runScheduled' }              跑一轮定时任务（到期提醒、升级、回头看、回头督）并投递，回答这一轮做了什么
 */
import * as z from 'zod/mini';
import { errorEnvelope, type Envelope } from '../../shared/api/envelope';
import { ok } from '../../shared/domain/errors';
import type { Clock } from '../../shared/ports/services.port';
import type { ScheduledReport } from '../../shared/usecases/supervision/run-scheduled';
import type { LocalRuntime } from './runtime';

/** 可以拨的时钟：记住与真实时间的差，拨过之后照常往前走 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  set(to: Date): void {
    this.offsetMs = to.getTime() - Date.now();
  }
}

const IsoInstant = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/), z.refine((s) => !Number.isNaN(Date.parse(s))));
const DevRequest = z.object({ action: z.string() });
const SetClockRequest = z.object({ action: z.literal('setClock'), now: IsoInstant });

export type DevResult = { now: string } | (ScheduledReport & { delivered: number });

export async function handleDev(event: unknown, runtime: Pick<LocalRuntime, 'scheduled' | 'deliver'>, clock: AdjustableClock): Promise<Envelope<DevResult>> {
  const base = DevRequest.safeParse(event);
  if (!base.success) return errorEnvelope('DEV.UNKNOWN_ACTION');
  if (base.data.action === 'setClock') {
    const r = SetClockRequest.safeParse(event);
    if (!r.success) return errorEnvelope('DEV.CLOCK_INVALID');
    clock.set(new Date(r.data.now));
    return ok({ now: clock.now().toISOString() });
  }
  if (base.data.action === 'runScheduled') {
    const r = await runtime.scheduled();
    if (!r.ok) return r;
    const delivered = await runtime.deliver();
    return ok({ ...r.data, delivered: delivered.sent });
  }
  return errorEnvelope('DEV.UNKNOWN_ACTION');
}
