/**
 * 云函数的薄处理层：读身份 → 按 action 找路由 → zod 校验 → 调一个用例 → 结果放进信封。
 * 异常（程序错误、基础设施故障）记日志并返回 SYSTEM.UNAVAILABLE，从不把原始异常交给客户端。
 */
import type * as z from 'zod/mini';
import { errorEnvelope, parseRequest, type Envelope } from '../../shared/api/envelope';
import type { Result } from '../../shared/domain/errors';

export interface CallContext {
  /** 平台注入的 openid（生产）或本地模式下请求头里的；没有则为 null */
  openid: string | null;
  requestId?: string;
}

export interface Route<S extends z.ZodMiniType = z.ZodMiniType> {
  schema: S;
  /** 定时任务等无身份调用可设 false */
  needsIdentity?: boolean;
  run(input: z.infer<S>, openid: string): Promise<Result<unknown>>;
}

export function route<S extends z.ZodMiniType>(schema: S, run: (input: z.infer<S>, openid: string) => Promise<Result<unknown>>): Route<S> {
  return { schema, run };
}

export type Handler = (event: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

export interface Logger {
  error(message: string, context: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  error: (message, context) => console.error(JSON.stringify({ level: 'error', message, ...context })),
};

export function createHandler(name: string, routes: Record<string, Route>, logger: Logger = consoleLogger): Handler {
  return async (event, ctx) => {
    const action = typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined;
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(routes, action)) return errorEnvelope('REQUEST.UNKNOWN_ACTION');
    const r = routes[action]!;
    if (r.needsIdentity !== false && !ctx.openid) return errorEnvelope('AUTH.NO_IDENTITY');
    const { action: _omit, ...payload } = event as Record<string, unknown>;
    const parsed = parseRequest(r.schema, payload);
    if (!parsed.ok) return parsed;
    try {
      return await r.run(parsed.data, ctx.openid ?? '');
    } catch (e) {
      logger.error(`${name}.${action} failed`, { requestId: ctx.requestId, openid: ctx.openid, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      return errorEnvelope('SYSTEM.UNAVAILABLE');
    }
  };
}
