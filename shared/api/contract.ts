/**
 * 云函数的调用约定怎样写：每个 action 一个请求模式（zod/mini，云函数校验、小程序表单校验都用它）和一个返回类型。
 * 返回类型只在编译期存在：云函数的实现必须返回它（router 的类型检查），小程序的客户端从它推出每个方法的类型——
 * 两边任何一边改了而另一边没跟上，npm run typecheck 就不通过。
 * 请求模式都用 lazySchema(() => …) 声明（shared/domain/lazy-schema.ts）：第一次校验这个 action 的请求时才建，
 * 云函数冷启动时一个也不建（issue 13）；类型与直接建好的模式相同。
 */
import type * as z from 'zod/mini';

export interface ActionSpec<S extends z.ZodMiniType = z.ZodMiniType, R = unknown> {
  request: S;
  /** 只用于类型：这个 action 成功时 data 的类型 */
  readonly result?: R;
}

/** 声明一个 action：action<返回类型>()(请求模式) */
export const action =
  <R>() =>
  <S extends z.ZodMiniType>(request: S): ActionSpec<S, R> => ({ request });

export type Contract = Record<string, ActionSpec>;

/** 调用方要给的请求（可省略的字段可以不给） */
export type RequestOf<A> = A extends ActionSpec<infer S, unknown> ? z.input<S> : never;
/** 云函数校验之后拿到的请求 */
export type ParsedRequestOf<A> = A extends ActionSpec<infer S, unknown> ? z.output<S> : never;
export type ResultOf<A> = A extends ActionSpec<z.ZodMiniType, infer R> ? R : never;
