/**
 * 居民的评价：反映人和每一位"我也遇到了"的居民各评一次，每一条都计入满意率。
 * 旧工单只有反映人的 rating 字段（没有 ratings），读评价的地方一律问 ratingsOf，新旧数据读出来一样。
 */
import { DISSATISFACTION_REASON_LABELS, DISSATISFACTION_REASONS, RATING_LABELS, RATINGS, type DissatisfactionReason, type Rating } from './vocabulary';

// 这里只写结构（与 model.ts 的 ResidentRating、Ticket 相容），不引 model.ts：流转表的守卫要用这些函数，而 model.ts 引流转表
export interface ResidentRatingRecord {
  openid: string;
  rating: Rating;
  reasons: string[];
  comment: string;
  at: string;
  via: 'rate' | 'followUp';
}
export interface Rateable {
  residentOpenid: string;
  rating: { rating: Rating; comment: string; at: string } | null;
  ratings?: ResidentRatingRecord[] | undefined;
}

/** 这张工单的全部评价：有 ratings 就用它；旧数据只有 rating 时，当作反映人的一条。 */
export function ratingsOf(t: Rateable): ResidentRatingRecord[] {
  if (t.ratings) return t.ratings;
  if (!t.rating) return [];
  return [{ openid: t.residentOpenid, rating: t.rating.rating, reasons: [], comment: t.rating.comment, at: t.rating.at, via: 'rate' }];
}

/** 这位居民的评价（没评过为 null） */
export function ratingOf(t: Rateable, openid: string): ResidentRatingRecord | null {
  return ratingsOf(t).find((r) => r.openid === openid) ?? null;
}

/** 每种评价各有几位居民（公开案例上写"3 人满意、1 人基本满意"，不只看反映人的那一条） */
export function ratingTally(t: Rateable): Record<Rating, number> {
  const tally = Object.fromEntries(RATINGS.map((r) => [r, 0])) as Record<Rating, number>;
  for (const r of ratingsOf(t)) tally[r.rating]++;
  return tally;
}

/** "2 人满意、1 人基本满意"；没人评价为 null */
export function ratingTallyLabel(tally: Record<Rating, number>): string | null {
  const parts = RATINGS.filter((r) => tally[r] > 0).map((r) => `${tally[r]} 人${RATING_LABELS[r]}`);
  return parts.length ? parts.join('、') : null;
}

/** 能评价这张工单的居民：反映人，和点过"我也遇到了"的人 */
export function isReporter(t: { residentOpenid: string; meToo: readonly string[] }, openid: string): boolean {
  return t.residentOpenid === openid || t.meToo.includes(openid);
}

/**
 * 记下一位居民的评价：追加到 ratings；是反映人的，同时写旧的 rating 字段（给还只认它的读者）。
 */
export function withRating<T extends Rateable>(t: T, r: ResidentRatingRecord): T {
  const ratings = [...ratingsOf(t).filter((x) => x.openid !== r.openid), r];
  return {
    ...t,
    ratings,
    ...(r.openid === t.residentOpenid ? { rating: { rating: r.rating, comment: r.comment, at: r.at } } : {}),
  };
}

/** 不满意原因的键 → 中文（不认识的键原样显示，不丢） */
export function reasonLabels(keys: readonly string[]): string[] {
  return keys.map((k) => ((DISSATISFACTION_REASONS as readonly string[]).includes(k) ? DISSATISFACTION_REASON_LABELS[k as DissatisfactionReason] : k));
}
