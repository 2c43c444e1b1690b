/**
 * 本地 h5 的传输层：POST /api/<函数名>，身份放在 x-openid 请求头里（只有本地演示服务认这个头）；
 * 照片 POST /api/upload（multipart，字段 file）。
 */
import Taro from '@tarojs/taro';
import { asEnvelope, unavailable, type CloudTransport, type LocalImage } from './transport';
import { currentOpenid } from './identity.h5';

const REQUEST_TIMEOUT_MS = 20000;

function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

export const transport: CloudTransport = {
  async call(fn, payload) {
    try {
      const res = await Taro.request({
        url: `/api/${fn}`,
        method: 'POST',
        data: payload,
        header: { 'content-type': 'application/json', 'x-openid': currentOpenid() },
        timeout: REQUEST_TIMEOUT_MS,
      });
      return asEnvelope(parseBody(res.data));
    } catch (e) {
      console.error(`[api] ${fn}.${payload.action} 请求失败`, e);
      return unavailable();
    }
  },

  async upload(image: LocalImage) {
    try {
      const res = await Taro.uploadFile({
        url: '/api/upload',
        filePath: image.path,
        name: 'file',
        fileName: image.name,
        header: { 'x-openid': currentOpenid() },
        timeout: REQUEST_TIMEOUT_MS,
      } as Taro.uploadFile.Option);
      const env = asEnvelope(parseBody(res.data));
      if (!env.ok) return env;
      const fileId = (env.data as { fileId?: unknown } | null)?.fileId;
      return typeof fileId === 'string' ? { ok: true, data: { fileId } } : unavailable();
    } catch (e) {
      console.error('[api] 上传照片失败', e);
      return unavailable();
    }
  },

  previewUrl(fileId: string) {
    return fileId.startsWith('local://') ? `/files/${fileId.slice('local://'.length)}` : fileId;
  },
};

/** h5 没有云开发要初始化；身份在每次请求时读取。 */
export function initTransport(): void {}
