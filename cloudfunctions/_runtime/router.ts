/**
 * 云函数的薄处理层：读身份 → 按 action 找路由 → zod 校验 → 调一个用例 → 结果放进信封。
 * 异常（程序错误、基础设施故障）记日志并返回 SYSTEM.UNAVAILABLE，从不把原始异常交给客户端。
 */
import type * as z from 'zod/mini';
import { errorEnvelope, parseRequest, type Envelope } from '../../shared/api/envelope';
import type { Contract, ParsedRequestOf, ResultOf } from '../../shared/api/contract';
import { hasPlaceholders, withMessageParams, type Result } from '../../shared/domain/errors';

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

/** 一个云函数对它的约定的实现：每个 action 必须返回约定里的类型，少一个、多一个、类型不对都过不了类型检查。 */
export type Implementation<C extends Contract> = {
  [A in keyof C]: (input: ParsedRequestOf<C[A]>, openid: string) => Promise<Result<ResultOf<C[A]>>>;
};

export function implement<C extends Contract>(contract: C, impl: Implementation<C>): Record<string, Route> {
  return Object.fromEntries(
    Object.keys(contract).map((name) => [name, route(contract[name]!.request, (input, openid) => impl[name as keyof C](input as ParsedRequestOf<C[keyof C]>, openid))]),
  );
}

export type Handler = (event: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

export interface Logger {
  error(message: string, context: Record<string, unknown>): void;
}

export const consoleLogger: Logger = {
  error: (message, context) => console.error(JSON.stringify({ level: 'error', message, ...context })),
};

/** 错误提示里本县设置的数字（{maxTextLength} 等）从哪来；只在提示里有占位时才读 */
export type MessageParams = () => Promise<Record<string, string>>;

export function createHandler(name: string, routes: Record<string, Route>, logger: Logger = consoleLogger, messageParams?: MessageParams): Handler {
  const localize = async <T>(r: Result<T>): Promise<Result<T>> => (!r.ok && messageParams && hasPlaceholders(r.error.message) ? withMessageParams(r, await messageParams()) : r);
  return async (event, ctx) => {
    const action = typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined;
    if (typeof action !== 'string' || !Object.prototype.hasOwnProperty.call(routes, action)) return errorEnvelope('REQUEST.UNKNOWN_ACTION');
    const r = routes[action]!;
    if (r.needsIdentity !== false && !ctx.openid) return errorEnvelope('AUTH.NO_IDENTITY');
    const { action: _omit, ...payload } = event as Record<string, unknown>;
    try {
      const parsed = parseRequest(r.schema, payload);
      if (!parsed.ok) return await localize(parsed);
      return await localize(await r.run(parsed.data, ctx.openid ?? ''));
    } catch (e) {
      logger.error(`${name}.${action} failed`, { requestId: ctx.requestId, openid: ctx.openid, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      return errorEnvelope('SYSTEM.UNAVAILABLE');
    }
  };
}
