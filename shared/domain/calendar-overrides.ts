/**
 * 县里对工作日历的调整（地方节日放假、调班）的类型与模式，以及"按周一至周五估算"的提示。
 * 与 calendar.ts 分开：县级设置（小程序主包也用）只要这些，不必把全国节假日数据表带进包里。
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema';

/** 北京时间的日历日，'YYYY-MM-DD' */
export type CalendarDate = string;

export const OVERRIDE_KINDS = ['off', 'work'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/** 县里的一条调整：off 是这天放假（地方节日等），work 是这天上班（调班）。 */
export interface CalendarOverride {
  date: CalendarDate;
  kind: OverrideKind;
  note: string;
}

export const OVERRIDE_NOTE_MAX = 40;
export const OVERRIDES_MAX = 200;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** 'YYYY-MM-DD' 且是真实存在的日子（2026-02-30 不算） */
export function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return new Date(t).toISOString().slice(0, 10) === s;
}

const invalid = { error: 'SETTINGS.INVALID' } as const;

export const CalendarOverrideSchema = lazySchema(() => z.object({
  date: z.string(invalid).check(z.refine(isCalendarDate, invalid)),
  kind: z.enum(OVERRIDE_KINDS, invalid),
  note: z.string(invalid).check(z.maxLength(OVERRIDE_NOTE_MAX, invalid)),
}));

/** 县里的调整表：同一天只能有一条（否则谁说了算说不清） */
export const CalendarOverridesSchema = lazySchema(() => z.array(CalendarOverrideSchema, invalid).check(
  z.maxLength(OVERRIDES_MAX, invalid),
  z.refine((list) => new Set(list.map((o) => o.date)).size === list.length, invalid),
));

export const ESTIMATED_NOTICE = '节假日安排未发布，按周一至周五估算';
