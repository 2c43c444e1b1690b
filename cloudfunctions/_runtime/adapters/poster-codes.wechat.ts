/**
 * 微信里的海报码：联络站的小程序码（wxacode.getUnlimited，scene = 站点 id），第一次要时生成、存进云存储，
 * fileID 记在站点上，以后直接用（每分钟 5000 次的额度留给真正需要的时候）。
 */
import type { PosterCode, PosterCodes } from '../../../shared/ports/services.port';
import type { DirectoryStore } from '../../../shared/ports/store.port';
import { tempUrls, type TempUrlSource } from './files.cloudbase';
import type { StationCodeGenerator } from './stationcode.wechat';

export class WxacodePosterCodes implements PosterCodes {
  constructor(
    private readonly store: Pick<DirectoryStore, 'getStation' | 'putStation'>,
    private readonly codes: Pick<StationCodeGenerator, 'generate'>,
    private readonly files: TempUrlSource,
  ) {}

  async codeFor(stationId: string): Promise<PosterCode> {
    const station = await this.store.getStation(stationId);
    if (!station) throw new Error(`station ${stationId} vanished while making its poster`);
    let fileId = station.codeFileId;
    if (!fileId) {
      const made = await this.codes.generate(stationId);
      if (!made.ok) throw new Error(made.error);
      fileId = made.fileId;
      await this.store.putStation({ ...station, codeFileId: fileId });
    }
    const urls = await tempUrls(this.files, [fileId]);
    return { fileId, url: urls[fileId] ?? '' };
  }
}
