/**
 * 微信小程序里的传输层：云开发 callFunction / uploadFile。身份由平台注入（OPENID），请求里不带身份。
 */
import Taro from '@tarojs/taro';
import { CLOUD_ENV } from '../config/app-settings';
import { asEnvelope, unavailable, type CloudTransport, type LocalImage } from './transport';

let initialised = false;
function ensureCloud(): void {
  if (initialised) return;
  Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true });
  initialised = true;
}

function extensionOf(path: string): string {
  const m = /\.(jpe?g|png)$/i.exec(path);
  return m ? m[1].toLowerCase().replace('jpeg', 'jpg') : 'jpg';
}

function randomName(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export const transport: CloudTransport = {
  async call(fn, payload) {
    ensureCloud();
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data: payload });
      return asEnvelope(res.result);
    } catch (e) {
      console.error(`[cloud] ${fn}.${payload.action} 调用失败`, e);
      return unavailable();
    }
  },

  async upload(image: LocalImage) {
    ensureCloud();
    const day = new Date().toISOString().slice(0, 10);
    try {
      const res = await Taro.cloud.uploadFile({ cloudPath: `reports/${day}/${randomName()}.${extensionOf(image.path)}`, filePath: image.path });
      return res.fileID ? { ok: true, data: { fileId: res.fileID } } : unavailable();
    } catch (e) {
      console.error('[cloud] 上传照片失败', e);
      return unavailable();
    }
  },

  /** 小程序的 <Image> 直接认云存储 fileID */
  previewUrl(fileId: string) {
    return fileId;
  },
};

/** 启动时初始化云开发（app.ts 调用）。 */
export function initTransport(): void {
  ensureCloud();
}
