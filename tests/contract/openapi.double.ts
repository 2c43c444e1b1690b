/**
 * wx-server-sdk 的 cloud.openapi 与云存储的进程内替身（测试专用）。
 * - 每个接口按微信文档核对调用形状：字段齐全、没有多余字段、类型和长度合规（订阅消息按字段类型检查取值），
 *   形状不对就像真接口一样抛 { errCode, errMsg }（47003 参数错误），并记为 shapeErrors 让测试失败；
 * - 结果可以按调用安排（pass / review / risky、抛错），默认成功；
 * - 云存储：getTempFileURL 一次超过 50 个报错；不存在的文件 code 不是 SUCCESS；uploadFile 返回 cloud:// fileID。
 */
import * as z from 'zod/mini';
import type { GetUnlimitedParams, MediaCheckAsyncParams, MsgSecCheckParams, OpenApi, SubscribeSendParams } from '../../cloudfunctions/_runtime/adapters/openapi.wechat';

export interface OpenApiCall {
  api: string;
  params: unknown;
}

export class WxOpenApiError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(`errCode: ${errCode} | errMsg: ${errMsg}`);
  }
}

const scene = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const openid = z.string().check(z.minLength(1), z.maxLength(64));

const MsgSecCheckShape = z.strictObject({ version: z.literal(2), openid, scene, content: z.string().check(z.minLength(1), z.maxLength(2500)) });
const MediaCheckShape = z.strictObject({ version: z.literal(2), openid, scene, mediaUrl: z.string().check(z.regex(/^https?:\/\//)), mediaType: z.union([z.literal(1), z.literal(2)]) });
const GetUnlimitedShape = z.strictObject({
  scene: z.string().check(z.regex(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/)),
  page: z.string().check(z.regex(/^[a-z][\w/-]*$/)),
  checkPath: z.boolean(),
  envVersion: z.enum(['release', 'trial', 'develop']),
  width: z.optional(z.number().check(z.gte(280), z.lte(1280))),
});

/** 订阅消息字段值的规则（按字段名前缀），见微信"订阅消息参数值内容限制" */
function subscribeValueProblem(key: string, value: string): string | null {
  const type = key.replace(/\d+$/, '');
  const len = [...value].length;
  switch (type) {
    case 'thing':
      return len <= 20 ? null : `${key} 超过 20 个字`;
    case 'phrase':
    case 'short_thing':
      return len <= 5 && /^[\u4e00-\u9fa5]+$/.test(value) ? null : `${key} 须为 5 个以内汉字`;
    case 'name':
      return len <= 10 ? null : `${key} 超过 10 个字`;
    case 'time':
      return /^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/.test(value) ? null : `${key} 时间格式不对：${value}`;
    case 'date':
      return /^\d{4}年\d{1,2}月\d{1,2}日$/.test(value) ? null : `${key} 日期格式不对：${value}`;
    case 'character_string':
      return /^[A-Za-z0-9_-]{1,32}$/.test(value) ? null : `${key} 只能是 32 位以内字母数字`;
    case 'number':
      return /^[0-9.]{1,32}$/.test(value) ? null : `${key} 只能是数字`;
    default:
      return `未知的字段类型 ${key}`;
  }
}

const SubscribeShape = z.strictObject({
  touser: openid,
  templateId: z.string().check(z.minLength(10)),
  page: z.string().check(z.regex(/^(pages|packages)\/[\w/-]+\/index\?id=[\w-]+$/)),
  data: z.record(z.string(), z.strictObject({ value: z.string() })),
  miniprogramState: z.enum(['developer', 'trial', 'formal']),
  lang: z.optional(z.literal('zh_CN')),
});

type Script<T> = (params: T) => unknown;

export class OpenApiDouble {
  readonly calls: OpenApiCall[] = [];
  readonly shapeErrors: string[] = [];
  /** 下一次（或每一次）调用的结果；不设则成功 */
  msgSecCheckResult: Script<MsgSecCheckParams> = () => ({ errCode: 0, errMsg: 'openapi.security.msgSecCheck:ok', result: { suggest: 'pass', label: 100 }, detail: [], traceId: 'trace-text' });
  subscribeResult: Script<SubscribeSendParams> = () => ({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
  mediaCheckResult: Script<MediaCheckAsyncParams> = () => ({ errCode: 0, errMsg: 'openapi.security.mediaCheckAsync:ok', traceId: `trace-${this.calls.length}` });
  getUnlimitedResult: Script<GetUnlimitedParams> = () => ({ errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok', contentType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) });

  private async call<T>(api: string, shape: z.ZodMiniType, params: T, script: Script<T>, extra?: (p: T) => string | null): Promise<never> {
    this.calls.push({ api, params: structuredClone(params) });
    await new Promise<void>((resolve) => setImmediate(resolve));
    const parsed = shape.safeParse(params);
    const problem = !parsed.success ? parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : extra?.(params) ?? null;
    if (problem) {
      this.shapeErrors.push(`${api}: ${problem}`);
      throw new WxOpenApiError(47003, `openapi.${api}:fail argument invalid! ${problem}`);
    }
    const r = script(params);
    if (r instanceof WxOpenApiError) throw r;
    return r as never;
  }

  callsOf(api: string): unknown[] {
    return this.calls.filter((c) => c.api === api).map((c) => c.params);
  }

  readonly api: OpenApi = {
    subscribeMessage: {
      send: (p) =>
        this.call('subscribeMessage.send', SubscribeShape, p, this.subscribeResult, (q) => {
          const problems = Object.entries(q.data).map(([k, v]) => subscribeValueProblem(k, v.value)).filter(Boolean);
          return problems.length ? problems.join('; ') : null;
        }),
    },
    security: {
      msgSecCheck: (p) => this.call('security.msgSecCheck', MsgSecCheckShape, p, this.msgSecCheckResult),
      mediaCheckAsync: (p) => this.call('security.mediaCheckAsync', MediaCheckShape, p, this.mediaCheckResult),
    },
    wxacode: {
      getUnlimited: (p) => this.call('wxacode.getUnlimited', GetUnlimitedShape, p, this.getUnlimitedResult),
    },
  };
}

/** 云存储替身：fileID → 内容 */
export class StorageDouble {
  readonly files = new Map<string, Buffer>();
  readonly tempUrlRequests: number[] = [];

  constructor(private readonly bucket = 'cloud://double-env.6d61-double-env-1300000000') {}

  put(cloudPath: string, bytes: Buffer = Buffer.from([0xff, 0xd8, 0xff, 0xe0])): string {
    const fileID = `${this.bucket}/${cloudPath}`;
    this.files.set(fileID, bytes);
    return fileID;
  }

  async getTempFileURL({ fileList }: { fileList: Array<string | { fileID: string; maxAge: number }> }) {
    this.tempUrlRequests.push(fileList.length);
    if (fileList.length > 50) throw Object.assign(new Error('fileList 超过 50 个'), { code: 'INVALID_PARAM' });
    return {
      fileList: fileList.map((f) => {
        const fileID = typeof f === 'string' ? f : f.fileID;
        return this.files.has(fileID)
          ? { fileID, tempFileURL: `https://double-env.tcb.qcloud.la/${encodeURIComponent(fileID.split('/').slice(3).join('/'))}?sign=x`, code: 'SUCCESS' }
          : { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' };
      }),
    };
  }

  async uploadFile({ cloudPath, fileContent }: { cloudPath: string; fileContent: Buffer }) {
    if (!/^[0-9A-Za-z/!\-_.,*]+$/.test(cloudPath)) throw Object.assign(new Error(`cloudPath 含有不允许的字符：${cloudPath}`), { code: 'INVALID_PARAM' });
    return { fileID: this.put(cloudPath, fileContent) };
  }
}
