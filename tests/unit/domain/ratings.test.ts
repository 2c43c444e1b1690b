/**
 * 评价的读法：新旧数据读出来一样；反映人的评价同时写旧字段；不满意原因的中文。
 */
import type { Ticket } from '../../../shared/domain/model';
import { ratingOf, ratingsOf, ratingTally, ratingTallyLabel, reasonLabels, withRating } from '../../../shared/domain/ratings';

const base = { residentOpenid: 'wx-owner', meToo: ['wx-j1', 'wx-j2'], rating: null } as unknown as Ticket;
const at = '2026-05-24T01:00:00.000Z';

describe('居民的评价', () => {
  test('旧工单只有 rating 字段：读作反映人的一条评价', () => {
    const old = { ...base, rating: { rating: 'unsatisfied', comment: '还是堵', at } } as Ticket;
    expect(ratingsOf(old)).toEqual([{ openid: 'wx-owner', rating: 'unsatisfied', reasons: [], comment: '还是堵', at, via: 'rate' }]);
    expect(ratingOf(old, 'wx-owner')?.rating).toBe('unsatisfied');
    expect(ratingOf(old, 'wx-j1')).toBeNull();
  });

  test('没人评过：没有评价', () => {
    expect(ratingsOf(base)).toEqual([]);
  });

  test('我也遇到了的居民评价：追加一条，反映人的旧字段不动', () => {
    const t = withRating(base, { openid: 'wx-j1', rating: 'satisfied', reasons: [], comment: '', at, via: 'rate' });
    expect(t.rating).toBeNull();
    expect(ratingsOf(t).map((r) => r.openid)).toEqual(['wx-j1']);
  });

  test('旧工单上反映人已评，再有一位加入的居民评价：两条都在，每一条都算', () => {
    const old = { ...base, rating: { rating: 'basic', comment: '', at } } as Ticket;
    const t = withRating(old, { openid: 'wx-j2', rating: 'unsatisfied', reasons: ['slow'], comment: '', at, via: 'rate' });
    expect(ratingsOf(t).map((r) => [r.openid, r.rating])).toEqual([['wx-owner', 'basic'], ['wx-j2', 'unsatisfied']]);
  });

  test('反映人评价：同时写旧的 rating 字段，给还只认它的读者', () => {
    const t = withRating(base, { openid: 'wx-owner', rating: 'unsatisfied', reasons: ['unsolved'], comment: '电线杆还在', at, via: 'rate' });
    expect(t.rating).toEqual({ rating: 'unsatisfied', comment: '电线杆还在', at });
    expect(ratingOf(t, 'wx-owner')?.reasons).toEqual(['unsolved']);
  });

  test('不满意原因显示中文；不认识的键原样显示', () => {
    expect(reasonLabels(['unsolved', 'noContact', 'x-old'])).toEqual(['问题没解决', '没人联系我', 'x-old']);
  });

  test.each([
    ['没人评价', [], null],
    ['只有反映人满意', [['wx-owner', 'satisfied']], '1 人满意'],
    ['反映人满意、两位加入的居民一个基本满意一个不满意', [['wx-owner', 'satisfied'], ['wx-j1', 'basic'], ['wx-j2', 'unsatisfied']], '1 人满意、1 人基本满意、1 人不满意'],
    ['只有加入的居民评了', [['wx-j1', 'basic'], ['wx-j2', 'basic']], '2 人基本满意'],
  ] as const)('公开案例的居民评价数每一位居民：%s', (_name, given, label) => {
    const t = given.reduce<Ticket>((acc, [openid, rating]) => withRating(acc, { openid, rating, reasons: [], comment: '', at, via: 'rate' }), base);
    const tally = ratingTally(t);
    expect(tally.satisfied + tally.basic + tally.unsatisfied).toBe(given.length);
    expect(ratingTallyLabel(tally)).toBe(label);
  });
});
