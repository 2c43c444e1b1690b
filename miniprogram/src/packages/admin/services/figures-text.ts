/** 看板与通报页共用的写法：比率写成百分数，月份前后翻，和上期比 */
import { previousPeriod } from '@shared/domain/figures';

export const pct = (r: number | null): string => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

export function nextPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
export { previousPeriod };

/** 和上期比：百分点的变化（两期都有数才说） */
export function changeText(now: number | null, before: number | null): string {
  if (now === null || before === null) return '上期无数据';
  const d = Math.round((now - before) * 1000) / 10;
  return d === 0 ? '与上期持平' : d > 0 ? `比上期高 ${d} 个百分点` : `比上期低 ${-d} 个百分点`;
}
