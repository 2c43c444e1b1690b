/**
 * 工作日日历：全国节假日与调休、县里的调整、数据覆盖不到的年份。
 * jest.config.js 让这个文件在进程时区 UTC 和 America/Los_Angeles 下各跑一遍（以及本机时区下的 unit 项目）。
 */
import * as chineseDays from 'chinese-days';
import {
  CALENDAR_COVERAGE,
  CalendarOverridesSchema,
  type CalendarOverride,
  ESTIMATED_NOTICE,
  addDays,
  dayInfo,
  endOfShanghaiDay,
  isCalendarDate,
  isEstimated,
  isWorkday,
  lastCoveredYear,
  nthWorkdayAfter,
  shanghaiDate,
  shanghaiWallTime,
  workdaysInRange,
} from '../../../shared/domain/calendar';
import { dayjs, DISPLAY_TZ } from '../../../shared/domain/dayjs';

const tz = process.env.TZ ?? '本机时区';
/** 进程在西半球时区（本地时间比 UTC 晚） */
const west = new Date('2026-07-01T00:00:00Z').getTimezoneOffset() > 0;

describe(`工作日日历（进程时区 ${tz}）`, () => {
  test('进程时区确实是这组测试声明的时区', () => {
    const offsets: Record<string, number> = { UTC: 0, 'America/Los_Angeles': 420 };
    if (process.env.TZ && process.env.TZ in offsets) {
      expect(new Date('2026-07-01T00:00:00Z').getTimezoneOffset()).toBe(offsets[process.env.TZ]);
    } else {
      expect(Number.isInteger(new Date('2026-07-01T00:00:00Z').getTimezoneOffset())).toBe(true);
    }
  });

  describe('全国安排：法定节假日放假，调休的周末上班', () => {
    test.each([
      ['2026-02-13', true, '春节前的周五照常上班'],
      ['2026-02-14', true, '春节前的周六调休上班'],
      ['2026-02-15', false, '春节第一天（周日）'],
      ['2026-02-16', false, '春节假期里的周一'],
      ['2026-02-20', false, '春节假期里的周五'],
      ['2026-02-23', false, '春节最后一天（周一）'],
      ['2026-02-24', true, '春节后第一个工作日'],
      ['2026-02-28', true, '春节后的周六调休上班'],
      ['2026-03-01', false, '普通周日'],
      ['2026-09-20', true, '国庆前的周日调休上班'],
      ['2026-09-25', false, '中秋节（周五）'],
      ['2026-09-30', true, '国庆前一天（周三）'],
      ['2026-10-01', false, '国庆节（周四）'],
      ['2026-10-05', false, '国庆假期里的周一'],
      ['2026-10-07', false, '国庆最后一天（周三）'],
      ['2026-10-08', true, '国庆后第一个工作日（周四）'],
      ['2026-10-09', true, '国庆后的周五'],
      ['2026-10-10', true, '国庆后的周六调休上班'],
      ['2026-10-11', false, '普通周日'],
      ['2026-10-12', true, '普通周一'],
    ])('%s 是工作日：%s（%s）', (date, expected) => {
      expect(isWorkday(date)).toBe(expected);
    });

    test('2026 年 2 月有 16 个工作日', () => {
      expect(workdaysInRange('2026-02-01', '2026-02-28')).toHaveLength(16);
    });

    test('2026 年 10 月有 18 个工作日（含 10-10 调休）', () => {
      const days = workdaysInRange('2026-10-01', '2026-10-31');
      expect(days).toHaveLength(18);
      expect(days.slice(0, 3)).toEqual(['2026-10-08', '2026-10-09', '2026-10-10']);
    });

    test('每一天说得出为什么', () => {
      expect(dayInfo('2026-02-17')).toEqual({ date: '2026-02-17', workday: false, source: 'statutory', name: '春节', estimated: false });
      expect(dayInfo('2026-10-10')).toMatchObject({ workday: true, source: 'statutory', name: '国庆节调休上班' });
      expect(dayInfo('2026-10-11')).toMatchObject({ workday: false, source: 'weekend' });
      expect(dayInfo('2026-10-12')).toMatchObject({ workday: true, source: 'weekday' });
    });
  });

  describe('第 N 个工作日：起算那天不算', () => {
    test.each([
      ['2026-09-30', 1, '2026-10-08', '国庆长假整个跳过'],
      ['2026-09-30', 2, '2026-10-09', '题目里的例子：周三派单，两个工作日到 10-09'],
      ['2026-09-30', 3, '2026-10-10', '调休的周六算一个工作日'],
      ['2026-09-30', 4, '2026-10-12', '普通周日不算'],
      ['2026-10-01', 1, '2026-10-08', '假期里起算，节后第一天是第 1 个'],
      ['2026-09-19', 1, '2026-09-20', '周六起算，调休的周日就是第 1 个'],
      ['2026-02-12', 2, '2026-02-14', '春节前：周五、调休的周六'],
      ['2026-02-13', 2, '2026-02-24', '春节前的周五起算：周六调休，然后跳过 9 天假'],
      ['2026-02-14', 1, '2026-02-24', '调休的周六起算（它本身不算）'],
      ['2026-02-15', 5, '2026-02-28', '节后一周加调休的周六'],
      ['2026-03-06', 1, '2026-03-09', '普通周五起算，到下周一'],
      ['2026-03-07', 1, '2026-03-09', '普通周六起算，到下周一'],
      ['2026-09-30', 0, '2026-09-30', '0 个：当天就是工作日'],
      ['2026-10-01', 0, '2026-10-08', '0 个：当天放假，取之后最近的工作日'],
    ])('%s 之后第 %i 个工作日是 %s（%s）', (from, n, expected) => {
      expect(nthWorkdayAfter(from, n)).toBe(expected);
    });

    test('负数或小数个工作日是调用方的错', () => {
      expect(() => nthWorkdayAfter('2026-09-30', -1)).toThrow();
      expect(() => nthWorkdayAfter('2026-09-30', 1.5)).toThrow();
    });

    test('不是日历日的输入是调用方的错', () => {
      expect(() => isWorkday('2026-9-30')).toThrow();
      expect(() => nthWorkdayAfter('2026-09-30T02:00:00Z', 1)).toThrow();
    });
  });

  describe('县里的调整优先于全国安排', () => {
    const countyFestival: CalendarOverride[] = [{ date: '2026-10-09', kind: 'off', note: '县庆' }];

    test.each<[string, CalendarOverride[], boolean, string]>([
      ['2026-10-09', countyFestival, false, '县里放假的工作日不上班'],
      ['2026-02-14', [{ date: '2026-02-14', kind: 'off', note: '本县不调休' }], false, '县里可以取消调休上班'],
      ['2026-02-16', [{ date: '2026-02-16', kind: 'work', note: '值班' }], true, '县里可以在法定假日安排上班'],
      ['2026-03-07', [{ date: '2026-03-07', kind: 'work', note: '调班' }], true, '县里可以把周六改成工作日'],
      ['2026-10-12', countyFestival, true, '别的日子不受影响'],
    ])('%s（%s）', (date, overrides, expected) => {
      expect(isWorkday(date, overrides)).toBe(expected);
    });

    test('县里放假一天，期限往后推一天', () => {
      expect(nthWorkdayAfter('2026-09-30', 2)).toBe('2026-10-09');
      expect(nthWorkdayAfter('2026-09-30', 2, countyFestival)).toBe('2026-10-10');
    });

    test('县里在国庆假期里安排上班，期限提前', () => {
      expect(nthWorkdayAfter('2026-09-30', 1, [{ date: '2026-10-03', kind: 'work', note: '集中办公' }])).toBe('2026-10-03');
    });

    test('县里的说明显示在日历上', () => {
      expect(dayInfo('2026-10-09', countyFestival)).toMatchObject({ workday: false, source: 'override', name: '县庆' });
    });

    test('同一份调整表改了内容要换一个新数组（设置是不可变的值）', () => {
      const first: CalendarOverride[] = [{ date: '2026-10-12', kind: 'off', note: 'a' }];
      expect(isWorkday('2026-10-12', first)).toBe(false);
      expect(isWorkday('2026-10-12', [...first, { date: '2026-10-13', kind: 'off', note: 'b' }])).toBe(false);
      expect(isWorkday('2026-10-13', [{ date: '2026-10-13', kind: 'off', note: 'b' }])).toBe(false);
    });

    describe('调整表的校验', () => {
      test('合规的调整表通过', () => {
        expect(CalendarOverridesSchema.safeParse([{ date: '2026-10-09', kind: 'off', note: '县庆' }]).success).toBe(true);
        expect(CalendarOverridesSchema.safeParse([]).success).toBe(true);
      });

      test.each<[string, unknown]>([
        ['不存在的日子', [{ date: '2026-02-30', kind: 'off', note: '' }]],
        ['不是 YYYY-MM-DD', [{ date: '2026/10/09', kind: 'off', note: '' }]],
        ['不认识的类型', [{ date: '2026-10-09', kind: 'half', note: '' }]],
        ['说明太长', [{ date: '2026-10-09', kind: 'off', note: '长'.repeat(41) }]],
        ['同一天两条', [{ date: '2026-10-09', kind: 'off', note: '' }, { date: '2026-10-09', kind: 'work', note: '' }]],
        ['不是数组', { date: '2026-10-09', kind: 'off', note: '' }],
      ])('%s的调整表不通过', (_why, value) => {
        const result = CalendarOverridesSchema.safeParse(value);
        expect(result.success).toBe(false);
        expect(result.error?.issues[0]?.message).toBe('SETTINGS.INVALID');
      });

      test.each([
        ['2026-02-28', true],
        ['2028-02-29', true],
        ['2026-02-29', false],
        ['2026-13-01', false],
        ['20261001', false],
      ])('%s 是日历日：%s', (s, expected) => {
        expect(isCalendarDate(s)).toBe(expected);
      });
    });
  });

  describe('数据覆盖不到的年份按周一至周五估算，并且说出来', () => {
    test('1.5.7 的数据覆盖 2004–2026', () => {
      expect(CALENDAR_COVERAGE).toEqual({ firstYear: 2004, lastYear: 2026 });
      expect(lastCoveredYear()).toBe(2026);
    });

    test.each([
      ['2026-12-31', false],
      ['2027-01-01', true],
      ['2027-10-01', true],
      ['2004-01-01', false],
      ['2003-12-31', true],
    ])('%s 是估算的：%s', (date, expected) => {
      expect(isEstimated(date)).toBe(expected);
    });

    test('2027 年的国庆节按周五估算成工作日，并标明是估算', () => {
      expect(isWorkday('2027-10-01')).toBe(true);
      expect(dayInfo('2027-10-01')).toMatchObject({ workday: true, source: 'weekday', estimated: true });
    });

    test('县里可以先把已知的假日补上', () => {
      expect(isWorkday('2027-01-01', [{ date: '2027-01-01', kind: 'off', note: '元旦' }])).toBe(false);
    });

    test('跨年算期限时从 12-31 数到 2027 年', () => {
      expect(nthWorkdayAfter('2026-12-31', 1)).toBe('2027-01-01');
      expect(isEstimated(nthWorkdayAfter('2026-12-31', 1))).toBe(true);
    });

    test('提示语', () => {
      expect(ESTIMATED_NOTICE).toBe('节假日安排未发布，按周一至周五估算');
    });
  });

  describe('北京时间的日历日', () => {
    test.each([
      ['2026-09-30T15:59:59.999Z', '2026-09-30'],
      ['2026-09-30T16:00:00.000Z', '2026-10-01'],
      ['2026-02-13T16:30:00.000Z', '2026-02-14'],
      ['2026-10-01T00:00:00+08:00', '2026-10-01'],
    ])('%s 在北京时间是 %s', (instant, date) => {
      expect(shanghaiDate(instant)).toBe(date);
    });

    test.each([
      ['2026-11-20T02:05:00.000Z', '2026-11-20', '10:05'],
      ['2026-09-30T16:00:00.000Z', '2026-10-01', '00:00'],
      ['2026-09-30T15:59:59.999Z', '2026-09-30', '23:59'],
      ['1988-07-01T15:30:00.000Z', '1988-07-02', '00:30'],
    ])('%s 在北京时间是 %s %s（通知里写的时刻）', (instant, date, time) => {
      expect(shanghaiWallTime(instant)).toEqual({ date, time });
    });

    test.each([
      ['2026-10-09', '2026-10-09T15:59:59.999Z'],
      ['2026-02-24', '2026-02-24T15:59:59.999Z'],
      ['2026-12-31', '2026-12-31T15:59:59.999Z'],
    ])('%s 北京时间结束于 %s', (date, end) => {
      expect(endOfShanghaiDay(date)).toBe(end);
    });

    test('每隔约 7 小时取一个时刻，两年里都与 dayjs 的时区换算一致', () => {
      const differ: string[] = [];
      for (let ms = Date.UTC(2025, 11, 1); ms < Date.UTC(2027, 11, 31); ms += 7 * 3_600_000 + 61_000) {
        const iso = new Date(ms).toISOString();
        if (shanghaiDate(iso) !== dayjs(iso).tz(DISPLAY_TZ).format('YYYY-MM-DD')) differ.push(iso);
      }
      expect(differ).toEqual([]);
    });

    test('每一天的结束时刻都与 dayjs 一致', () => {
      for (let d = '2026-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) {
        expect(endOfShanghaiDay(d)).toBe(dayjs.tz(`${d} 23:59:59.999`, DISPLAY_TZ).toISOString());
      }
    });

    test('时差来自时区规则而不是写死的 8 小时（1988 年夏天北京实行夏令时）', () => {
      expect(shanghaiDate('1988-07-01T15:30:00.000Z')).toBe('1988-07-02');
      expect(endOfShanghaiDay('1988-07-01')).toBe('1988-07-01T14:59:59.999Z');
    });

    test.each([
      ['2026-02-28', 1, '2026-03-01'],
      ['2026-12-31', 1, '2027-01-01'],
      ['2026-03-01', -1, '2026-02-28'],
    ])('%s 加 %i 天是 %s', (date, n, expected) => {
      expect(addDays(date, n)).toBe(expected);
    });
  });

  describe('与 chinese-days 自己的判断对照', () => {
    const everyDay: string[] = [];
    for (let d = '2004-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) everyDay.push(d);

    (west ? test.skip : test)('UTC 及以东的时区里，2004–2026 每一天都与包自己的 isWorkday 一致', () => {
      const differ = everyDay.filter((d) => isWorkday(d) !== chineseDays.isWorkday(d));
      expect(differ).toEqual([]);
    });

    (west ? test : test.skip)('西半球时区里包自己的函数会差一天，所以不调它们', () => {
      // 这正是只读它的数据表的原因：即使传入北京时间的日期字符串也不行
      expect(chineseDays.findWorkday(2, '2026-09-30')).toBe('2026-10-08');
      expect(chineseDays.getWorkdaysInRange('2026-02-01', '2026-02-28')).toHaveLength(15);
      expect(everyDay.filter((d) => isWorkday(d) !== chineseDays.isWorkday(d)).length).toBeGreaterThan(0);
      expect(nthWorkdayAfter('2026-09-30', 2)).toBe('2026-10-09');
    });
  });
});
