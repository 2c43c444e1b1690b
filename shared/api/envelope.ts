/**
 * 云函数调用约定：每个函数收 `{ action, ...payload }`，答 `{ ok: true, data }` 或
 * `{ ok: false, error: { code, message } }`。这里把 zod 的校验结果换成这个信封。
 */
import type * as z from 'zod/mini';
import { ERROR_MESSAGES, fail, isErrorCode, ok, type ErrorCode, type Result } from '../domain/errors';

export type Envelope<T> = Result<T>;

/** 校验请求：schema 里用错误码作为 error 文本的检查会得到对应错误码，其余为 REQUEST.INVALID。 */
export function parseRequest<S extends z.ZodMiniType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data as z.infer<S>);
  const issue = parsed.error.issues[0];
  const field = issue?.path?.map(String).join('.') || undefined;
  const code: ErrorCode = issue && isErrorCode(issue.message) ? issue.message : 'REQUEST.INVALID';
  return fail(code, field);
}

export function errorEnvelope(code: ErrorCode): Envelope<never> {
  return { ok: false, error: { code, message: ERROR_MESSAGES[code] } };
}
