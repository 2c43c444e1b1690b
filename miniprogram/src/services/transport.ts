/**
 * 调用云函数的传输层接口。微信里走云开发（cloud-client.weapp.ts），本地 h5 走 HTTP（cloud-client.h5.ts），
 * Taro 按文件后缀选用。两边都返回和云函数一样的 Result，页面不区分平台。
 */
import { ERROR_MESSAGES, type Result } from '@shared/domain/errors';

export type CloudFunctionName = 'intake' | 'work' | 'admin';

/** 用户选中、尚未上传的一张本地图片 */
export interface LocalImage {
  path: string;
  size?: number;
  /** h5 上原文件名（带扩展名，服务端据此判断 jpg/png） */
  name?: string;
}

export interface CloudTransport {
  call(fn: CloudFunctionName, payload: { action: string } & Record<string, unknown>): Promise<Result<unknown>>;
  upload(image: LocalImage): Promise<Result<{ fileId: string }>>;
  /** 刚上传、服务端还没给出地址的照片在界面上怎么显示 */
  previewUrl(fileId: string): string;
}

/** 网络不通、服务异常、返回不是约定的信封：一律当作系统暂不可用，草稿留在手机上。 */
export function unavailable<T = never>(): Result<T> {
  return { ok: false, error: { code: 'SYSTEM.UNAVAILABLE', message: ERROR_MESSAGES['SYSTEM.UNAVAILABLE'] } };
}

/** 校验对方返回的是 `{ ok, data }` 或 `{ ok: false, error: { code, message } }`。 */
export function asEnvelope(body: unknown): Result<unknown> {
  if (!body || typeof body !== 'object') return unavailable();
  const b = body as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (b.ok === true) return { ok: true, data: b.data };
  if (b.ok === false && b.error && typeof b.error.code === 'string') {
    const code = b.error.code as keyof typeof ERROR_MESSAGES;
    const message = typeof b.error.message === 'string' && b.error.message ? b.error.message : ERROR_MESSAGES[code] ?? ERROR_MESSAGES['SYSTEM.UNAVAILABLE'];
    return { ok: false, error: { ...(b.error as object), code, message } };
  }
  return unavailable();
}
