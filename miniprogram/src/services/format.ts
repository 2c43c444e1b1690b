/**
 * 给人看的格式：时间（库里存 UTC，只在界面上按北京时间显示）、打码的电话、等待时长。
 */
import { dayjs, DISPLAY_TZ } from '@shared/domain/dayjs';
import { maskPhone } from '@shared/domain/personal-data';
/** 北京时间不实行夏令时：个别机型的 JS 引擎缺少时区数据时，用固定偏移得到的结果完全相同。 */
const DISPLAY_OFFSET_MINUTES = 8 * 60;

function inDisplayZone(iso: string): dayjs.Dayjs {
  try {
    return dayjs(iso).tz(DISPLAY_TZ);
  } catch {
    return dayjs(iso).utcOffset(DISPLAY_OFFSET_MINUTES);
  }
}

/** 5月23日 14:30；不是今年的带上年份 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = inDisplayZone(iso);
  if (!t.isValid()) return '';
  const thisYear = inDisplayZone(new Date().toISOString()).year();
  return t.format(t.year() === thisYear ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm');
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = inDisplayZone(iso);
  return t.isValid() ? t.format('YYYY年M月D日') : '';
}

/** 协商时间：把 datetime 选择器的"日期 + 时刻"（北京时间）变成带时区的时间串 */
export function beijingDateTime(date: string, time: string): string {
  return `${date}T${time || '00:00'}:00+08:00`;
}

export function todayInBeijing(): string {
  return inDisplayZone(new Date().toISOString()).format('YYYY-MM-DD');
}

/** 电话打码：与服务端同一个规则 */
export { maskPhone };

/** 等了多久：不到 1 小时 / 5 小时 / 2 天 3 小时 */
export function formatWaiting(hours: number): string {
  if (!Number.isFinite(hours) || hours < 1) return '不到 1 小时';
  const h = Math.floor(hours);
  if (h < 24) return `${h} 小时`;
  const d = Math.floor(h / 24);
  const rest = h % 24;
  return rest ? `${d} 天 ${rest} 小时` : `${d} 天`;
}

/** 一共几人反映：服务端的 reporterCount 已含提交人和点了"我也遇到了"的人。 */
export function peopleLabel(total: number): string {
  return `共 ${Math.max(1, total)} 人反映`;
}
