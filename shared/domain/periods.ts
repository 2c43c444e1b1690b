/**
 * 月份（北京时间 YYYY-MM）的写法与前后翻：看板、通报、履职积分共用。不依赖日历数据，页面引用它不会把节假日表带进分包。
 */

/** 月份的写法：2026-11 */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** YYYY-MM 的上一个月 */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** YYYY-MM 的下一个月 */
export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** from 到 to（都含）的每个月 */
export function periodsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let p = to; p >= from && out.length < 1200; p = previousPeriod(p)) out.unshift(p);
  return out;
}

/** 月份的中文写法：2026-11 → 2026年11月 */
export const periodLabel = (period: string): string => `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
