/**
 * 本地与 h5 的海报码：站点页链接的二维码（SVG，qrcode 生成）。居民用手机扫它就打开这个站点的反映页面。
 * 链接的前缀是本地服务对外的地址（PUBLIC_URL，默认是服务实际监听的 http://HOST:PORT）。
 */
import QRCode from 'qrcode';
import type { PosterCode, PosterCodes } from '../../../shared/ports/services.port';

export const STATION_ROUTE = '/#/pages/station/index?station=';

export function stationLink(publicUrl: string, stationId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${STATION_ROUTE}${encodeURIComponent(stationId)}`;
}

export class QrPosterCodes implements PosterCodes {
  constructor(private readonly publicUrl: () => string) {}

  async codeFor(stationId: string): Promise<PosterCode> {
    const link = stationLink(this.publicUrl(), stationId);
    // M 级纠错：海报贴在墙上会脏、会反光；留白 2 格，打印后也好扫
    const qrSvg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { link, qrSvg };
  }
}
