/**
 * 照片的内容安全：security.mediaCheckAsync（第 2 版）异步检测，结果由微信推送（wxa_media_check 事件）
 * 到 mediacheck 云函数，记进 media 集合。照片在结果到来之前不显示（CloudFileStore 不给地址），
 * risky / review 的一直不显示；送检本身失败的记为 error，同样不显示，管理员可在控制台查 media 集合。
 * 文档 _id = fileID 的散列，trace_id 建了索引，推送来时按它找到照片。
 */
import type { Clock } from '../../../shared/ports/services.port';
import { tempUrls, type MediaGate, type TempUrlSource } from './files.cloudbase';
import { asOpenApiError, type OpenApi, type SecurityScene } from './openapi.wechat';
import { collectionName } from './schema.cloudbase';
import { docOf, hashKey, type CloudbaseDatabase } from './db.cloudbase';

export type MediaStatus = 'pending' | 'pass' | 'review' | 'risky' | 'error';

/** 临时链接给微信下载检测用，留足它排队的时间 */
const CHECK_URL_MAX_AGE_SECONDS = 6 * 3600;

export interface MediaCheckOptions {
  collectionPrefix?: string;
  scene?: SecurityScene;
}

export class WechatMediaCheck {
  private readonly collection: string;

  constructor(
    private readonly db: CloudbaseDatabase,
    private readonly api: Pick<OpenApi, 'security'>,
    private readonly storage: TempUrlSource,
    private readonly clock: Clock,
    private readonly options: MediaCheckOptions = {},
  ) {
    this.collection = collectionName('media', options.collectionPrefix);
  }

  private idOf(fileId: string): string {
    return hashKey('media', fileId);
  }

  /** 当前调用人的闸门（mediaCheckAsync 第 2 版要带上传者的 openid） */
  forCaller(openid: string | null): MediaGate {
    return {
      submit: (fileId) => this.submit(fileId, openid),
      visible: (fileIds) => this.visible(fileIds),
    };
  }

  async submit(fileId: string, openid: string | null): Promise<void> {
    const ref = this.db.collection(this.collection).doc(this.idOf(fileId));
    if (docOf(await ref.get())) return;
    const now = this.clock.now().toISOString();
    if (!openid) {
      await ref.set({ fileId, traceId: null, status: 'error' satisfies MediaStatus, submittedAt: now, checkedAt: null, lastError: '没有上传者的 openid，无法送检' });
      return;
    }
    const url = (await tempUrls(this.storage, [fileId], CHECK_URL_MAX_AGE_SECONDS))[fileId];
    if (!url) {
      await ref.set({ fileId, traceId: null, status: 'error' satisfies MediaStatus, submittedAt: now, checkedAt: null, lastError: '拿不到临时链接' });
      return;
    }
    try {
      const res = await this.api.security.mediaCheckAsync({ version: 2, openid, scene: this.options.scene ?? 3, mediaUrl: url, mediaType: 2 });
      await ref.set({ fileId, traceId: res.traceId, status: 'pending' satisfies MediaStatus, submittedAt: now, checkedAt: null, lastError: null });
    } catch (e) {
      const err = asOpenApiError(e);
      await ref.set({ fileId, traceId: null, status: 'error' satisfies MediaStatus, submittedAt: now, checkedAt: null, lastError: `${err.errCode} ${err.errMsg}` });
    }
  }

  async visible(fileIds: string[]): Promise<Set<string>> {
    const unique = [...new Set(fileIds)];
    if (!unique.length) return new Set();
    const _ = this.db.command;
    const rows = (await this.db.collection(this.collection).where({ _id: _.in(unique.map((f) => this.idOf(f))) }).limit(1000).get()).data;
    return new Set(rows.filter((r) => r.status === 'pass').map((r) => String(r.fileId)));
  }
}

/**
 * 推送来的结果：只改还在等结果的那一条；返回改了几条（0 = 未知的 trace_id 或重复的推送）。
 * mediacheck 函数只用到这一步，不需要 wx-server-sdk。
 */
export async function recordMediaCheckResult(
  db: CloudbaseDatabase,
  clock: Clock,
  result: { traceId: string; suggest: 'pass' | 'review' | 'risky'; label: number | string | null },
  collectionPrefix = '',
): Promise<number> {
  const res = await db
    .collection(collectionName('media', collectionPrefix))
    .where({ traceId: result.traceId, status: 'pending' })
    .update({ status: result.suggest, label: result.label === null ? null : String(result.label), checkedAt: clock.now().toISOString() });
  return res.updated;
}
