/** FNV-1a 只写一份：与标准测试向量相符；工单编号的值与抽出这份实现之前一模一样。 */
import { fnv1a, fnv1aRange } from '../../../shared/domain/hash';
import { ticketNumber } from '../../../shared/domain/ticket-number';
import { dayjs, DISPLAY_TZ } from '../../../shared/domain/dayjs';

describe('FNV-1a', () => {
  // 32 位 FNV-1a 的公开测试向量（ASCII 文本，码元与字节相同）
  test.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('「%s」散列为标准值', (s, h) => {
    expect(fnv1a(s)).toBe(h);
  });

  test('结果是无符号 32 位整数', () => {
    for (const s of ['工单', 'x'.repeat(1000), '\uffff\uffff']) {
      const h = fnv1a(s);
      expect(Number.isInteger(h)).toBe(true);
      expect(h).toBeGreaterThanOrEqual(0);
      expect(h).toBeLessThan(2 ** 32);
    }
  });

  test('对一段字符散列与先切出子串再散列相同', () => {
    const s = '近重复\n公交\n路灯坏了';
    expect(fnv1aRange(s, 4, 6)).toBe(fnv1a('公交'));
    expect(fnv1aRange(s, 0, s.length, 3)).toBe(fnv1a(s, 3));
    expect(fnv1aRange(s, 2, 2)).toBe(fnv1a(''));
  });

  test('不同种子得到不同的散列，种子 0 即标准 FNV-1a', () => {
    expect(fnv1a('abc', 0)).toBe(fnv1a('abc'));
    const seeds = [0, 1, 2, 3, 4].map((seed) => fnv1a('abc', seed));
    expect(new Set(seeds).size).toBe(5);
  });
});

describe('工单编号', () => {
  // 这些值在散列抽到 shared/domain/hash.ts 之前算出：编号已经告诉了居民，算法不能变
  test.each([
    ['abc', '261121-D8ZJX'],
    ['abd', '261121-89YQ2'],
    ['', '261121-3254X'],
    ['0f8e1c2a-0000-4000-8000-000000000001', '261121-JSGZ8'],
    ['工单甲', '261121-94SED'],
  ])('id「%s」的编号是 %s', (id, expected) => {
    expect(ticketNumber('2026-11-20T17:30:00.000Z', id)).toBe(expected);
  });

  // 编号里的日期改用日历的北京时间换算（不再加载 dayjs）：与原来 dayjs(…).tz(…).format('YYMMDD') 逐一相同
  test.each(['2026-11-20T15:59:59.999Z', '2026-11-20T16:00:00.000Z', '2025-12-31T16:00:00.000Z', '2025-12-31T15:59:00.000Z', '1988-07-01T15:30:00.000Z', '2026-03-01T00:00:00+08:00'])(
    '%s 的编号日期与 dayjs 在北京时间的 YYMMDD 相同',
    (at) => {
      expect(ticketNumber(at, 'abc').slice(0, 6)).toBe(dayjs(at).tz(DISPLAY_TZ).format('YYMMDD'));
    },
  );
});
