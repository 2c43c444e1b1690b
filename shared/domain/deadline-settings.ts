/**
 * 期限设置（县级设置的一部分）：每一项的范围、模式与默认值。与 deadlines.ts 的计算分开，
 * 县级设置（小程序主包也用）不必把工作日历的数据表带进包里。
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema';

/** 每一项的范围：政协办在设置页改的时候不能超出 */
export const DEADLINE_BOUNDS = {
  claimWorkdays: { min: 1, max: 30 },
  feedbackWorkdays: { min: 1, max: 60 },
  resolveWorkdays: { min: 1, max: 120 },
  resolveWithDepartmentsWorkdays: { min: 1, max: 180 },
  urgentClaimHours: { min: 1, max: 72 },
  escalateToOfficeWorkdays: { min: 1, max: 30 },
} as const;

type DeadlineKey = keyof typeof DEADLINE_BOUNDS;
const invalid = { error: 'SETTINGS.INVALID' } as const;
const bounded = (k: DeadlineKey) => z.number(invalid).check(z.int(invalid), z.gte(DEADLINE_BOUNDS[k].min, invalid), z.lte(DEADLINE_BOUNDS[k].max, invalid));

export const DeadlineSettingsSchema = lazySchema(() => z.object({
  /** 派单后几个工作日内要有委员接单 */
  claimWorkdays: bounded('claimWorkdays'),
  /** 派单后几个工作日内要给居民首次反馈 */
  feedbackWorkdays: bounded('feedbackWorkdays'),
  /** 一般事项几个工作日内办结 */
  resolveWorkdays: bounded('resolveWorkdays'),
  /** 需要与职能部门协商的事项几个工作日内办结 */
  resolveWithDepartmentsWorkdays: bounded('resolveWithDepartmentsWorkdays'),
  /** 紧急工单几小时内要有人接单（自然小时） */
  urgentClaimHours: bounded('urgentClaimHours'),
  /** 过期后再过几个工作日升级到政协办 */
  escalateToOfficeWorkdays: bounded('escalateToOfficeWorkdays'),
}));
export type DeadlineSettings = z.infer<typeof DeadlineSettingsSchema>;

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  claimWorkdays: 2,
  feedbackWorkdays: 5,
  resolveWorkdays: 15,
  resolveWithDepartmentsWorkdays: 30,
  urgentClaimHours: 2,
  escalateToOfficeWorkdays: 2,
};
