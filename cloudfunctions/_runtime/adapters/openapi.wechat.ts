/**
 * wx-server-sdk 的 cloud.openapi 里我们用到的那几个接口（云调用，参数用驼峰写法，SDK 负责转换）。
 * 每个用到的接口都要写进所在云函数 config.json 的 permissions.openapi（否则 -604101）；
 * scripts/build-functions.ts 从打包结果里找出实际调用的接口生成这份清单，所以这里的调用要写成
 * `api.<模块>.<方法>(` 的样子。失败时 SDK 抛出带 errCode、errMsg 的错误。
 */

export type SecurityScene = 1 | 2 | 3 | 4;

export interface OpenApiResult {
  errCode: number;
  errMsg: string;
}

export interface SubscribeSendParams {
  touser: string;
  templateId: string;
  /** 点开消息进入的小程序页面，带参数，如 pages/ticket/index?id=… */
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN';
}

export interface MsgSecCheckParams {
  version: 2;
  openid: string;
  scene: SecurityScene;
  content: string;
}

export interface MsgSecCheckResult extends OpenApiResult {
  result?: { suggest: 'pass' | 'review' | 'risky'; label: number };
  detail?: unknown[];
  traceId?: string;
}

export interface MediaCheckAsyncParams {
  version: 2;
  openid: string;
  scene: SecurityScene;
  /** 要检测的图片地址（公网可下载，用云存储的临时链接） */
  mediaUrl: string;
  /** 1 音频，2 图片 */
  mediaType: 1 | 2;
}

export interface GetUnlimitedParams {
  /** ≤ 32 个可见字符 */
  scene: string;
  page: string;
  /** true 时 page 必须是已发布版本里的页面 */
  checkPath: boolean;
  envVersion: 'release' | 'trial' | 'develop';
  width?: number;
}

export interface OpenApi {
  subscribeMessage: { send(p: SubscribeSendParams): Promise<OpenApiResult> };
  security: {
    msgSecCheck(p: MsgSecCheckParams): Promise<MsgSecCheckResult>;
    mediaCheckAsync(p: MediaCheckAsyncParams): Promise<OpenApiResult & { traceId: string }>;
  };
  wxacode: { getUnlimited(p: GetUnlimitedParams): Promise<OpenApiResult & { contentType: string; buffer: Buffer }> };
}

export interface OpenApiError {
  errCode: number;
  errMsg: string;
}

export function asOpenApiError(e: unknown): OpenApiError {
  if (typeof e === 'object' && e !== null && typeof (e as { errCode?: unknown }).errCode === 'number') {
    const { errCode, errMsg } = e as { errCode: number; errMsg?: unknown };
    return { errCode, errMsg: typeof errMsg === 'string' ? errMsg : '' };
  }
  return { errCode: -1, errMsg: e instanceof Error ? e.message : String(e) };
}

/** 小程序的版本：正式版、体验版、开发版（订阅消息点开哪个版本、小程序码指向哪个版本） */
export type WeappState = SubscribeSendParams['miniprogramState'];
