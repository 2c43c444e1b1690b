/**
 * 联络站的小程序码：wxacode.getUnlimited，scene 就是站点 id（≤ 32 个字符），扫码打开 pages/station/index，
 * 页面从 scene 参数读出站点。图片存进云存储 station-codes/<站点 id>.<扩展名>（重新生成会覆盖同一个文件），
 * 返回 fileID；海报排版用临时地址下载。
 */
import { asOpenApiError, type OpenApi, type WeappState } from './openapi.wechat';

export const STATION_PAGE = 'pages/station/index';

/** scene 允许的字符（微信文档：数字、大小写字母和 !#$&'()*+,/:;=?@-._~），最多 32 个 */
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export function isValidScene(stationId: string): boolean {
  return SCENE.test(stationId);
}

export interface FileUploader {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
}

export type StationCodeResult = { ok: true; fileId: string } | { ok: false; error: string };

const ENV_VERSION: Record<WeappState, 'release' | 'trial' | 'develop'> = { formal: 'release', trial: 'trial', developer: 'develop' };

export class StationCodeGenerator {
  constructor(
    private readonly api: Pick<OpenApi, 'wxacode'>,
    private readonly storage: FileUploader,
    private readonly weappState: WeappState,
  ) {}

  async generate(stationId: string): Promise<StationCodeResult> {
    if (!isValidScene(stationId)) return { ok: false, error: `站点 id "${stationId}" 不能直接做小程序码的 scene（最多 32 个字母、数字或 !#$&'()*+,/:;=?@-._~）` };
    const envVersion = ENV_VERSION[this.weappState];
    let res;
    try {
      // 正式版才检查页面是否已发布；体验版、开发版的页面还没发布，必须不检查
      res = await this.api.wxacode.getUnlimited({ scene: stationId, page: STATION_PAGE, checkPath: envVersion === 'release', envVersion, width: 430 });
    } catch (e) {
      const err = asOpenApiError(e);
      return { ok: false, error: `wxacode.getUnlimited 失败 ${err.errCode}：${err.errMsg}` };
    }
    if (!res.buffer || !res.buffer.length) return { ok: false, error: `wxacode.getUnlimited 没有返回图片（${res.errCode} ${res.errMsg}）` };
    const ext = /png/i.test(res.contentType) ? 'png' : 'jpg';
    const uploaded = await this.storage.uploadFile({ cloudPath: `station-codes/${stationId.replace(/[^0-9A-Za-z_.-]/g, '_')}.${ext}`, fileContent: Buffer.from(res.buffer) });
    return { ok: true, fileId: uploaded.fileID };
  }
}
