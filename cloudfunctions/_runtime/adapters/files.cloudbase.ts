/**
 * 生产文件存储：云存储。库里只存 fileID（cloud://…），展示时才换临时地址（getTempFileURL，一次最多 50 个）。
 * 照片先过内容安全（见 media.wechat.ts）：没有 pass 结果之前不给地址，页面上就看不到。
 * 云存储的安全规则设为"仅创建者可读写"，别人不能拿 fileID 直接看居民的照片（见 docs/deploy.md）。
 */
import type { FileStore } from '../../../shared/ports/services.port';

/** node-sdk 的 app.getTempFileURL（每个文件 code 为 SUCCESS 表示存在且拿到了地址） */
export interface TempUrlSource {
  getTempFileURL(options: { fileList: Array<string | { fileID: string; maxAge: number }> }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; code?: string }> }>;
}

/** 照片审核闸门：被引用时送检；只有确认可以显示的才给地址 */
export interface MediaGate {
  submit(fileId: string): Promise<void>;
  visible(fileIds: string[]): Promise<Set<string>>;
}

export const TEMP_URL_BATCH = 50;

/** 小程序只往 reports/ 下传照片（cloud-client.weapp.ts），别的 fileID 一律不认 */
const REPORT_FILE = /^cloud:\/\/[\w.-]+\/reports\/[\w./-]+\.(jpe?g|png)$/i;

export async function tempUrls(storage: TempUrlSource, fileIds: string[], maxAgeSeconds?: number): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const unique = [...new Set(fileIds)];
  for (let i = 0; i < unique.length; i += TEMP_URL_BATCH) {
    const batch = unique.slice(i, i + TEMP_URL_BATCH);
    const res = await storage.getTempFileURL({ fileList: maxAgeSeconds ? batch.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) : batch });
    for (const f of res.fileList ?? []) if (f.code === 'SUCCESS' && f.tempFileURL) out[f.fileID] = f.tempFileURL;
  }
  return out;
}

export class CloudFileStore implements FileStore {
  constructor(
    private readonly storage: TempUrlSource,
    private readonly gate: MediaGate | null,
  ) {}

  /**
   * fileID 形状对、文件真的在云存储里；第一次被引用时送去审核。
   * 上传人（uploader）这里核对不了：服务端拿不到云存储文件的创建者，小程序上传的路径里也没有 openid。
   * 别人的照片靠存储安全规则"仅创建者可读写"挡住，本地存储则按名字里的上传人标记核对（files.local.ts）。
   */
  async exists(fileId: string, _uploader?: string): Promise<boolean> {
    if (!REPORT_FILE.test(fileId)) return false;
    const urls = await tempUrls(this.storage, [fileId]);
    if (!urls[fileId]) return false;
    if (this.gate) await this.gate.submit(fileId);
    return true;
  }

  async urlsFor(fileIds: string[]): Promise<Record<string, string>> {
    const shown = this.gate ? [...(await this.gate.visible(fileIds))] : fileIds;
    return shown.length ? tempUrls(this.storage, shown) : {};
  }
}
