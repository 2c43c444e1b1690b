/**
 * 当前联络站：从扫码参数（微信 scene，URL 编码）或链接参数 station 得到；记住最近一次，
 * 以便从"最近使用"再次打开小程序时仍回到这个站。
 */
import Taro from '@tarojs/taro';

const LAST_STATION_KEY = 'mst.lastStation';

export function stationIdFromParams(params: Record<string, string | undefined>): string | null {
  const raw = params.scene ?? params.station;
  if (raw) {
    try {
      const id = decodeURIComponent(raw).trim();
      if (id) return id;
    } catch {
      // 编码坏了：当作没有
    }
  }
  return lastStationId();
}

export function lastStationId(): string | null {
  try {
    const v = Taro.getStorageSync(LAST_STATION_KEY);
    return typeof v === 'string' && v ? v : null;
  } catch {
    return null;
  }
}

export function rememberStation(stationId: string): void {
  try {
    Taro.setStorageSync(LAST_STATION_KEY, stationId);
  } catch {
    // 存不了不影响使用
  }
}
