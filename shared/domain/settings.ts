/**
 * 各县可调的设置：每一项的默认值和允许的范围只写在这里。存储里存的是县里改过的项，读出来与默认值合并后再校验；
 * 请求模式的硬上限、错误提示里的数字、报告表单的提示都从这里来。不要在代码里按县名写特例。
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema';
import type { ErrorCode } from './errors';
import { CATEGORIES } from './vocabulary';
import { CalendarOverridesSchema, type CalendarOverride } from './calendar-overrides';
import { DEADLINE_BOUNDS, DEFAULT_DEADLINE_SETTINGS, DeadlineSettingsSchema, type DeadlineSettings } from './deadline-settings';

/** 每一项的范围：政协办在设置页改的时候不能超出 */
export const SETTINGS_BOUNDS = {
  maxTextLength: { min: 100, max: 5000 },
  maxPhotos: { min: 0, max: 9 },
  maxPhotoBytes: { min: 1024 * 1024, max: 20 * 1024 * 1024 },
  reportsPerHourPerResident: { min: 1, max: 1000 },
  meTooPerHourPerResident: { min: 1, max: 1000 },
  reportsPerHourPerStation: { min: 10, max: 10000 },
  defaultClaimLimit: { min: 1, max: 100 },
  duplicateWindowDays: { min: 1, max: 366 },
  inviteValidDays: { min: 1, max: 365 },
  /** 期限（跟进督单）：见 deadlines.ts */
  ...DEADLINE_BOUNDS,
  /** 回头看：办结后几天问居民一句 */
  followUpDays: { min: 1, max: 90 },
  /** 回头督：协商后几天问接单委员商定的事办了没有 */
  actionCheckDays: { min: 1, max: 180 },
  targetResponsePercent: { min: 0, max: 100 },
  targetOnTimeClosePercent: { min: 0, max: 100 },
  targetSatisfactionPercent: { min: 0, max: 100 },
  pointsPerClaim: { min: 0, max: 100 },
  pointsPerConsultation: { min: 0, max: 100 },
  pointsPerClosedInTime: { min: 0, max: 100 },
  pointsPerSatisfied: { min: 0, max: 100 },
  pointsPerLookBack: { min: 0, max: 100 },
  pointsCapPerItemPerMonth: { min: 1, max: 1000 },
} as const;

type NumberKey = keyof typeof SETTINGS_BOUNDS;
const invalid = { error: 'SETTINGS.INVALID' } as const;
const bounded = (k: NumberKey) => z.number(invalid).check(z.int(invalid), z.gte(SETTINGS_BOUNDS[k].min, invalid), z.lte(SETTINGS_BOUNDS[k].max, invalid));

export const CountySettingsSchema = lazySchema(() => z.object({
  /** 一条反映最多多少字 */
  maxTextLength: bounded('maxTextLength'),
  /** 一条反映最多几张照片 */
  maxPhotos: bounded('maxPhotos'),
  /** 一张照片最大多少字节 */
  maxPhotoBytes: bounded('maxPhotoBytes'),
  /** 同一位居民一小时内最多提交几条（防刷） */
  reportsPerHourPerResident: bounded('reportsPerHourPerResident'),
  /** 同一位居民一小时内最多点几次"我也遇到了"（防刷热度） */
  meTooPerHourPerResident: bounded('meTooPerHourPerResident'),
  /** 一个联络站一小时内最多收几条新反映（不论多少个微信号），挡住成批新号冲一个站；下限 10，县里不能设得让正常居民提交不了 */
  reportsPerHourPerStation: bounded('reportsPerHourPerStation'),
  /** 一张工单默认几位委员可以接 */
  defaultClaimLimit: bounded('defaultClaimLimit'),
  /** 查重看最近多少天的反映 */
  duplicateWindowDays: bounded('duplicateWindowDays'),
  /** 委员邀请码多少天内有效 */
  inviteValidDays: bounded('inviteValidDays'),
  /** 看板上的红线（百分数）：响应率、按期办结率、满意率低于它就标红 */
  targetResponsePercent: bounded('targetResponsePercent'),
  targetOnTimeClosePercent: bounded('targetOnTimeClosePercent'),
  targetSatisfactionPercent: bounded('targetSatisfactionPercent'),
  /** 履职积分的规则：每接一单、每记一次协商、每按期办结一单、每得一条"满意"、每做成一次回头看各几分；每一项每月最多计几次（activity.ts） */
  pointsPerClaim: bounded('pointsPerClaim'),
  pointsPerConsultation: bounded('pointsPerConsultation'),
  pointsPerClosedInTime: bounded('pointsPerClosedInTime'),
  pointsPerSatisfied: bounded('pointsPerSatisfied'),
  pointsPerLookBack: bounded('pointsPerLookBack'),
  pointsCapPerItemPerMonth: bounded('pointsCapPerItemPerMonth'),
  /** 联络站页面上告诉居民"可以反映哪些事"的分类（分诊仍按全部 7 类） */
  residentCategories: z.array(z.enum(CATEGORIES, invalid), invalid).check(z.minLength(1, invalid), z.maxLength(CATEGORIES.length, invalid)),
  /** 接单、首次反馈、办结的期限，紧急工单的接单小时数，过期几个工作日后升级到政协办 */
  ...DeadlineSettingsSchema.shape,
  /** 回头看：办结后几天 */
  followUpDays: bounded('followUpDays'),
  /** 回头督：协商记录后几天 */
  actionCheckDays: bounded('actionCheckDays'),
  /** 县里对工作日历的调整（地方节日放假、调班），优先于全国安排 */
  calendarOverrides: CalendarOverridesSchema,
}));
export type CountySettings = z.infer<typeof CountySettingsSchema>;

export const DEFAULT_SETTINGS: CountySettings = {
  maxTextLength: 1000,
  maxPhotos: 6,
  maxPhotoBytes: 10 * 1024 * 1024,
  reportsPerHourPerResident: 10,
  meTooPerHourPerResident: 20,
  reportsPerHourPerStation: 200,
  defaultClaimLimit: 3,
  duplicateWindowDays: 60,
  inviteValidDays: 30,
  targetResponsePercent: 90,
  targetOnTimeClosePercent: 85,
  targetSatisfactionPercent: 85,
  pointsPerClaim: 2,
  pointsPerConsultation: 3,
  pointsPerClosedInTime: 5,
  pointsPerSatisfied: 2,
  pointsPerLookBack: 2,
  pointsCapPerItemPerMonth: 20,
  residentCategories: [...CATEGORIES],
  ...DEFAULT_DEADLINE_SETTINGS,
  followUpDays: 7,
  actionCheckDays: 14,
  calendarOverrides: [],
};

/** 算期限要用的那部分设置 */
export const deadlineSettingsOf = (s: CountySettings): DeadlineSettings => ({
  claimWorkdays: s.claimWorkdays,
  feedbackWorkdays: s.feedbackWorkdays,
  resolveWorkdays: s.resolveWorkdays,
  resolveWithDepartmentsWorkdays: s.resolveWithDepartmentsWorkdays,
  urgentClaimHours: s.urgentClaimHours,
  escalateToOfficeWorkdays: s.escalateToOfficeWorkdays,
});

export type { CalendarOverride };

/** 存储里存的县级设置（只有改过的项）与默认值合并；存的值不合规时用默认值，不让一条坏数据拖垮提交。 */
export function mergeSettings(stored: unknown): CountySettings {
  if (!stored || typeof stored !== 'object') return DEFAULT_SETTINGS;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, schema] of Object.entries(CountySettingsSchema.shape)) {
    const value = (stored as Record<string, unknown>)[key];
    if (value !== undefined && schema.safeParse(value).success) merged[key] = value;
  }
  return merged as CountySettings;
}

/** 设置页提交的修改：只含要改的项，每项都要在范围内（超出范围的错误码是 SETTINGS.INVALID，带上字段名） */
export const SettingsPatchSchema = lazySchema(() => z.partial(CountySettingsSchema));

/** 报告表单需要知道的限制（站点页随站点信息下发） */
export type ReportLimits = Pick<CountySettings, 'maxTextLength' | 'maxPhotos' | 'maxPhotoBytes'>;

export const reportLimitsOf = (s: CountySettings): ReportLimits => ({ maxTextLength: s.maxTextLength, maxPhotos: s.maxPhotos, maxPhotoBytes: s.maxPhotoBytes });

/** 按本县的限制检查一条反映：服务端的 submitReport 和小程序的表单都问它。 */
export function checkReportLimits(input: { text: string; photos?: readonly string[] }, limits: ReportLimits): { code: ErrorCode; field: string } | null {
  if (input.text.trim().length > limits.maxTextLength) return { code: 'REPORT.TEXT_TOO_LONG', field: 'text' };
  if ((input.photos?.length ?? 0) > limits.maxPhotos) return { code: 'REPORT.TOO_MANY_PHOTOS', field: 'photos' };
  return null;
}

/** 错误提示里的数字：提示里写 {maxTextLength} 这样的占位，按本县的设置填上。 */
export function messageParams(limits: ReportLimits): Record<string, string> {
  return {
    maxTextLength: String(limits.maxTextLength),
    maxPhotos: String(limits.maxPhotos),
    maxPhotoMB: String(Math.round(limits.maxPhotoBytes / (1024 * 1024))),
  };
}
