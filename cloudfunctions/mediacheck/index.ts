/**
 * mediacheck 云函数：接收微信推送的照片审核结果（消息推送：MsgType = event，Event = wxa_media_check，
 * 在云开发控制台"设置 → 其他设置 → 消息推送"里配到这个函数，见 docs/deploy.md），记进 media 集合。
 * 只认我们送检过、还在等结果的 trace_id，伪造的推送改不了任何东西。只用数据库，不需要 wx-server-sdk。
 */
import * as z from 'zod/mini';
import type { Clock } from '../../shared/ports/services.port';
import { recordMediaCheckResult } from '../_runtime/adapters/media.wechat';
import type { CloudMain, NodeSdkApp } from '../_runtime/platform.cloudbase';
import { initNodeSdk } from '../_runtime/adapters/sdk.cloudbase';
import type { CloudbaseDatabase } from '../_runtime/adapters/db.cloudbase';
import { systemClock } from '../_runtime/adapters/system';

export const MediaCheckPush = z.object({
  MsgType: z.literal('event'),
  Event: z.literal('wxa_media_check'),
  trace_id: z.string().check(z.minLength(1), z.maxLength(128)),
  result: z.object({
    suggest: z.enum(['pass', 'review', 'risky']),
    label: z.optional(z.union([z.number(), z.string()])),
  }),
});

export function createMain(app: Pick<NodeSdkApp, 'database'>, options: { clock?: Clock; log?: (line: Record<string, unknown>) => void } = {}): CloudMain {
  const db = app.database() as CloudbaseDatabase;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line) => (line.level === 'error' ? console.error : console.log)(JSON.stringify(line)));
  return async (event) => {
    const parsed = MediaCheckPush.safeParse(event);
    if (!parsed.success) {
      log({ level: 'error', message: 'mediacheck: 不是 wxa_media_check 第 2 版推送', event: JSON.stringify(event).slice(0, 500) });
      return 'success';
    }
    const { trace_id: traceId, result } = parsed.data;
    const updated = await recordMediaCheckResult(db, clock, { traceId, suggest: result.suggest, label: result.label ?? null });
    log({ level: updated ? 'info' : 'warn', message: 'mediacheck.recorded', traceId, suggest: result.suggest, updated });
    return 'success';
  };
}

export const main: CloudMain = (() => {
  let inner: CloudMain | null = null;
  return (event, context) => {
    inner ??= createMain(initNodeSdk());
    return inner(event, context);
  };
})();
