/** 看板与通报页共用的写法：比率写成百分数，月份前后翻，和上期比 */
import { nextPeriod, previousPeriod } from '@shared/domain/periods';

export const pct = (r: number | null): string => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

export { nextPeriod, previousPeriod };

/** 和上期比：百分点的变化（两期都有数才说） */
export function changeText(now: number | null, before: number | null): string {
  if (now === null || before === null) return '上期无数据';
  const d = Math.round((now - before) * 1000) / 10;
  return d === 0 ? '与上期持平' : d > 0 ? `比上期高 ${d} 个百分点` : `比上期低 ${-d} 个百分点`;
}
