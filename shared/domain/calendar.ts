/**
 * 工作日日历：全国法定节假日与调休（数据来自 chinese-days），加上县里的调整（地方节日放假、调班），县里的调整优先。
 * 日期一律是北京时间的日历日 'YYYY-MM-DD'；把时刻换成日历日用 shanghaiDate。
 *
 * 为什么读 chinese-days 编好的数据表而不调它的 isWorkday / findWorkday：它自带的日期类按进程所在时区取"当天"和星期几，
 * 服务器在西半球时区（如 America/Los_Angeles）时，即使传入北京时间的 'YYYY-MM-DD'，2026 年也有 88 天判错、
 * findWorkday(2, '2026-09-30') 得出 10-08。数据表本身与时区无关，星期几在这里按 UTC 日历算，哪个时区都一样。
 *
 * 数据只覆盖到某一年（1.5.7 是 2004–2026）；超出的日子这里按周一至周五估算，并由 isEstimated 说出来，
 * 管理端据此提示 ESTIMATED_NOTICE。
 */
import table from 'chinese-days/dist/chinese-days.json';
import { DISPLAY_TZ } from './time';

export { CalendarOverrideSchema, CalendarOverridesSchema, ESTIMATED_NOTICE, isCalendarDate, OVERRIDE_KINDS, OVERRIDE_NOTE_MAX, OVERRIDES_MAX } from './calendar-overrides';
export type { CalendarDate, CalendarOverride, OverrideKind } from './calendar-overrides';
import { ESTIMATED_NOTICE, type CalendarDate, type CalendarOverride, type OverrideKind } from './calendar-overrides';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const HOLIDAYS = table.holidays as Record<string, string>;
const WORKDAYS = table.workdays as Record<string, string>;

function dayNumber(date: CalendarDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a calendar date: ${date}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / MS_PER_DAY;
}

function fromDayNumber(n: number): CalendarDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = 星期日 … 6 = 星期六；1970-01-01 是星期四 */
function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/**
 * 循环里按"第几天"（自 1970-01-01 起的天数）查，不再来回格式化字符串。第一次算工作日时才建：
 * 两千多个日子的集合在云函数冷启动时建好要半毫秒多，而多数调用用不到（issue 13）。
 */
let statutoryDays: { holidays: Set<number>; workdays: Set<number> } | undefined;
function statutory(): { holidays: Set<number>; workdays: Set<number> } {
  return (statutoryDays ??= { holidays: new Set(Object.keys(HOLIDAYS).map(dayNumber)), workdays: new Set(Object.keys(WORKDAYS).map(dayNumber)) });
}
const coveredYears = Object.keys(HOLIDAYS).map((k) => +k.slice(0, 4));

/** 期限最远能排到多少天之后（办结期限最多 180 个工作日，约 9 个月）：这段时间里有数据之外的日子就要提示 */
export const NOTICE_HORIZON_DAYS = 270;

/** 包里数据覆盖的年份（含两端） */
export const CALENDAR_COVERAGE = {
  firstYear: Math.min(...coveredYears),
  lastYear: Math.max(...coveredYears),
} as const;

/** 包里数据覆盖的最后一年：之后的日子按周一至周五估算 */
export function lastCoveredYear(): number {
  return CALENDAR_COVERAGE.lastYear;
}

/** 这一天的全国安排还没发布（或早于数据）：是不是工作日只是按周一至周五估算的 */
export function isEstimated(date: CalendarDate): boolean {
  const year = +date.slice(0, 4);
  return year > CALENDAR_COVERAGE.lastYear || year < CALENDAR_COVERAGE.firstYear;
}

/**
 * 从 now 起往后 NOTICE_HORIZON_DAYS 天里有全国安排还没发布的日子时，给管理端的提示（ESTIMATED_NOTICE），否则为 null。
 */
export function calendarNotice(nowIso: string): string | null {
  const horizon = addDays(shanghaiDate(nowIso), NOTICE_HORIZON_DAYS);
  return isEstimated(horizon) ? `${ESTIMATED_NOTICE}（全国节假日安排目前只到 ${CALENDAR_COVERAGE.lastYear} 年）` : null;
}

/** 同一份调整表反复查询时只建一次索引（调整表是设置里的值，不原地修改；改了就是一个新数组） */
const indexCache = new WeakMap<readonly CalendarOverride[], Map<number, OverrideKind>>();
function indexOf(overrides: readonly CalendarOverride[]): Map<number, OverrideKind> {
  let index = indexCache.get(overrides);
  if (!index) {
    index = new Map(overrides.map((o) => [dayNumber(o.date), o.kind]));
    indexCache.set(overrides, index);
  }
  return index;
}

function classify(n: number, overrides: readonly CalendarOverride[]): boolean {
  const own = overrides.length ? indexOf(overrides).get(n) : undefined;
  if (own) return own === 'work';
  const days = statutory();
  if (days.workdays.has(n)) return true;
  if (days.holidays.has(n)) return false;
  const wd = weekdayOf(n);
  return wd >= 1 && wd <= 5;
}

export type DaySource = 'override' | 'statutory' | 'weekend' | 'weekday';

export interface DayInfo {
  date: CalendarDate;
  workday: boolean;
  /** 谁定的：县里调整、全国安排（节假日或调休上班）、普通周末、普通周一至周五 */
  source: DaySource;
  /** 全国安排或县里调整的说明，如"春节"、"国庆节调休上班"、县里写的 note */
  name?: string;
  /** 全国安排未发布，按周一至周五估算 */
  estimated: boolean;
}

function chineseName(raw: string): string {
  // 数据里的说明形如 "Spring Festival,春节,4"
  return raw.split(',')[1] ?? raw;
}

/** 这一天（北京时间的日历日）是不是工作日：县里调整 > 全国安排 > 周一至周五 */
export function isWorkday(date: CalendarDate, overrides: readonly CalendarOverride[] = []): boolean {
  return classify(dayNumber(date), overrides);
}

/** 这一天为什么是（或不是）工作日，给管理端的日历页看 */
export function dayInfo(date: CalendarDate, overrides: readonly CalendarOverride[] = []): DayInfo {
  const n = dayNumber(date);
  const estimated = isEstimated(date);
  const own = overrides.find((o) => o.date === date);
  if (own) return { date, workday: own.kind === 'work', source: 'override', name: own.note || undefined, estimated };
  if (WORKDAYS[date] !== undefined) return { date, workday: true, source: 'statutory', name: `${chineseName(WORKDAYS[date])}调休上班`, estimated };
  if (HOLIDAYS[date] !== undefined) return { date, workday: false, source: 'statutory', name: chineseName(HOLIDAYS[date]), estimated };
  const wd = weekdayOf(n);
  const workday = wd >= 1 && wd <= 5;
  return { date, workday, source: workday ? 'weekday' : 'weekend', estimated };
}

/** 日历日加减自然日 */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * date 之后的第 n 个工作日（n ≥ 1；date 当天不算，不论它是不是工作日）。
 * n = 0 时是 date 当天或之后最近的一个工作日。
 */
export function nthWorkdayAfter(date: CalendarDate, n: number, overrides: readonly CalendarOverride[] = []): CalendarDate {
  if (!Number.isInteger(n) || n < 0) throw new Error(`working-day count must be a non-negative integer: ${n}`);
  let day = dayNumber(date);
  if (n === 0) {
    while (!classify(day, overrides)) day++;
    return fromDayNumber(day);
  }
  let left = n;
  while (left > 0) {
    day++;
    if (classify(day, overrides)) left--;
  }
  return fromDayNumber(day);
}

/** from 到 to（都含）之间的工作日 */
export function workdaysInRange(from: CalendarDate, to: CalendarDate, overrides: readonly CalendarOverride[] = []): CalendarDate[] {
  const out: CalendarDate[] = [];
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++) {
    if (classify(n, overrides)) out.push(fromDayNumber(n));
  }
  return out;
}

/*
 * 北京时间的换算：时区规则来自运行时的 ICU（Intl.DateTimeFormat），不写死 +8 小时；
 * 查到的时差按 UTC 小时缓存，因为 Intl 每次格式化要十几微秒，而定时任务要给上万张工单算期限。
 * 不用 dayjs().tz()：它每次调用约 0.25 ms。测试里与 ./dayjs 的结果逐一对照。
 * 格式器用到时再建：建它要加载时区数据，冷启动时要几十毫秒。
 */
let shanghaiParts: Intl.DateTimeFormat | undefined;
function formatter(): Intl.DateTimeFormat {
  shanghaiParts ??= new Intl.DateTimeFormat('en-US', {
    timeZone: DISPLAY_TZ,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return shanghaiParts;
}

const MS_PER_HOUR = 3_600_000;
const offsetCache = new Map<number, number>();

/** 这一刻北京时间比 UTC 快多少毫秒 */
function shanghaiOffsetAt(utcMs: number): number {
  const hour = Math.floor(utcMs / MS_PER_HOUR);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    const at = hour * MS_PER_HOUR;
    const p: Record<string, number> = {};
    for (const part of formatter().formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = +part.value;
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - at;
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(hour, offset);
  }
  return offset;
}

/** 一个时刻（ISO，通常是 UTC）在北京时间是哪一天 */
export function shanghaiDate(instant: string): CalendarDate {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`not an ISO instant: ${instant}`);
  return new Date(ms + shanghaiOffsetAt(ms)).toISOString().slice(0, 10);
}

/** 一个时刻在北京时间的墙上时间：日期和 "HH:mm" */
export function shanghaiWallTime(instant: string): { date: CalendarDate; time: string } {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`not an ISO instant: ${instant}`);
  const wall = new Date(ms + shanghaiOffsetAt(ms)).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

/** 北京时间这一天的最后一毫秒（23:59:59.999），UTC ISO */
export function endOfShanghaiDay(date: CalendarDate): string {
  const wall = (dayNumber(date) + 1) * MS_PER_DAY - 1;
  // 先按这一刻前后的时差换算，再用换算出的时刻的时差核对一次（北京时间没有夏令时，一次就准）
  const guess = wall - shanghaiOffsetAt(wall);
  return new Date(wall - shanghaiOffsetAt(guess)).toISOString();
}
