/**
 * 期限的算法：从派单时刻起算，"N 个工作日内"到第 N 个工作日的北京时间 23:59:59.999；紧急工单接单按小时。
 * jest.config.js 让这个文件在进程时区 UTC 和 America/Los_Angeles 下各跑一遍。
 */
import type { CalendarOverride } from '../../../shared/domain/calendar';
import {
  DEFAULT_DEADLINE_SETTINGS,
  DeadlineSettingsSchema,
  type DeadlineSettings,
  type DispatchFacts,
  computeDeadlines,
  endOfNthWorkdayAfter,
  isEstimatedDue,
  isOverdue,
  officeEscalationAt,
  overdueSteps,
  workdaysAfterDue,
} from '../../../shared/domain/deadlines';

const tz = process.env.TZ ?? '本机时区';
/** 北京时间某日结束时刻（UTC ISO），让期望值读得出是哪一天 */
const endOf = (date: string) => `${date}T15:59:59.999Z`;
/** 北京时间的时刻写法 → UTC ISO */
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

describe(`期限（进程时区 ${tz}）`, () => {
  describe('一般工单的三个期限', () => {
    test('题目里的例子：2026-09-30（周三）10:00 派单，两个工作日后到 10-09 结束', () => {
      const due = computeDeadlines({ dispatchedAt: bj('2026-09-30T10:00:00'), urgency: 'normal' });
      expect(due.claim).toBe(endOf('2026-10-09'));
      expect(due.claim).toBe('2026-10-09T15:59:59.999Z');
    });

    test.each<[string, string, boolean, { claim: string; feedback: string; resolve: string }]>([
      // 国庆：10-01…10-07 放假，10-10（周六）调休上班
      ['国庆前一天派单', '2026-09-30T10:00:00', false, { claim: '2026-10-09', feedback: '2026-10-13', resolve: '2026-10-27' }],
      ['国庆前一天派单，需要职能部门', '2026-09-30T10:00:00', true, { claim: '2026-10-09', feedback: '2026-10-13', resolve: '2026-11-17' }],
      ['国庆假期里派单，节后起算', '2026-10-03T09:00:00', false, { claim: '2026-10-09', feedback: '2026-10-13', resolve: '2026-10-27' }],
      ['调休的周六派单，当天不算', '2026-10-10T09:00:00', false, { claim: '2026-10-13', feedback: '2026-10-16', resolve: '2026-10-30' }],
      // 春节：2-15…2-23 放假，2-14、2-28（周六）调休上班
      ['春节前的周四派单：周五、调休的周六', '2026-02-12T09:00:00', false, { claim: '2026-02-14', feedback: '2026-02-26', resolve: '2026-03-11' }],
      ['春节前的周五深夜派单：还是周五', '2026-02-13T23:30:00', false, { claim: '2026-02-24', feedback: '2026-02-27', resolve: '2026-03-12' }],
      ['春节前的周五午夜过后派单：已是周六', '2026-02-14T00:30:00', false, { claim: '2026-02-25', feedback: '2026-02-28', resolve: '2026-03-13' }],
      ['春节假期里派单，节后起算', '2026-02-18T15:00:00', false, { claim: '2026-02-25', feedback: '2026-02-28', resolve: '2026-03-13' }],
    ])('%s', (_why, local, needsDepartments, expected) => {
      const due = computeDeadlines({ dispatchedAt: bj(local), urgency: 'normal', needsDepartments });
      expect(due).toEqual({ claim: endOf(expected.claim), feedback: endOf(expected.feedback), resolve: endOf(expected.resolve) });
    });

    test('北京时间的日界决定派单日，而不是服务器的时区', () => {
      // 这两个时刻在 America/Los_Angeles 都是 2-13 上午，在北京却是周五和周六
      const friday = computeDeadlines({ dispatchedAt: '2026-02-13T15:30:00.000Z', urgency: 'normal' });
      const saturday = computeDeadlines({ dispatchedAt: '2026-02-13T16:30:00.000Z', urgency: 'normal' });
      expect(friday.claim).toBe(endOf('2026-02-24'));
      expect(saturday.claim).toBe(endOf('2026-02-25'));
    });

    test('期限都是 UTC 的 ISO 字符串', () => {
      const due = computeDeadlines({ dispatchedAt: bj('2026-09-30T10:00:00'), urgency: 'normal' });
      for (const v of Object.values(due)) expect(v).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });

    test('重新打开或改派时从新的派单时刻重新起算', () => {
      const submitted = computeDeadlines({ dispatchedAt: bj('2026-09-30T10:00:00'), urgency: 'normal' });
      const reopened = computeDeadlines({ dispatchedAt: bj('2026-10-12T08:00:00'), urgency: 'normal' });
      expect(submitted.claim).toBe(endOf('2026-10-09'));
      expect(reopened.claim).toBe(endOf('2026-10-14'));
    });

    test('派单时刻带不带时区写法，结果一样', () => {
      const a = computeDeadlines({ dispatchedAt: '2026-09-30T02:00:00.000Z', urgency: 'normal' });
      const b = computeDeadlines({ dispatchedAt: '2026-09-30T10:00:00+08:00', urgency: 'normal' });
      expect(a).toEqual(b);
    });

    test('派单时刻不是时刻是调用方的错', () => {
      expect(() => computeDeadlines({ dispatchedAt: 'yesterday', urgency: 'normal' })).toThrow();
    });
  });

  describe('紧急工单接单按自然小时算', () => {
    test.each([
      ['工作日上午派单，两小时内接单', '2026-09-30T10:00:00', '2026-09-30T12:00:00'],
      ['国庆假期里也一样按小时', '2026-10-01T10:00:00', '2026-10-01T12:00:00'],
      ['深夜派单跨过午夜', '2026-02-16T23:00:00', '2026-02-17T01:00:00'],
    ])('%s', (_why, local, claim) => {
      const due = computeDeadlines({ dispatchedAt: bj(local), urgency: 'urgent' });
      expect(due.claim).toBe(bj(claim));
    });

    test('紧急工单的反馈和办结期限与一般工单相同', () => {
      const facts: DispatchFacts = { dispatchedAt: bj('2026-09-30T10:00:00'), urgency: 'urgent' };
      const urgent = computeDeadlines(facts);
      const normal = computeDeadlines({ ...facts, urgency: 'normal' });
      expect(urgent.feedback).toBe(normal.feedback);
      expect(urgent.resolve).toBe(normal.resolve);
    });

    test('小时数由县里设置', () => {
      const due = computeDeadlines({ dispatchedAt: bj('2026-09-30T10:00:00'), urgency: 'urgent' }, { ...DEFAULT_DEADLINE_SETTINGS, urgentClaimHours: 4 });
      expect(due.claim).toBe(bj('2026-09-30T14:00:00'));
    });
  });

  describe('县里的设置和日历调整', () => {
    const dispatchedAt = bj('2026-09-30T10:00:00');

    test.each<[string, Partial<DeadlineSettings>, { claim: string; feedback: string; resolve: string }]>([
      ['默认值', {}, { claim: '2026-10-09', feedback: '2026-10-13', resolve: '2026-10-27' }],
      ['接单 1 个工作日', { claimWorkdays: 1 }, { claim: '2026-10-08', feedback: '2026-10-13', resolve: '2026-10-27' }],
      ['反馈 3 个工作日（数到调休的周六）', { feedbackWorkdays: 3 }, { claim: '2026-10-09', feedback: '2026-10-10', resolve: '2026-10-27' }],
      ['办结 10 个工作日', { resolveWorkdays: 10 }, { claim: '2026-10-09', feedback: '2026-10-13', resolve: '2026-10-20' }],
    ])('%s', (_why, patch, expected) => {
      const due = computeDeadlines({ dispatchedAt, urgency: 'normal' }, { ...DEFAULT_DEADLINE_SETTINGS, ...patch });
      expect(due).toEqual({ claim: endOf(expected.claim), feedback: endOf(expected.feedback), resolve: endOf(expected.resolve) });
    });

    test('县里放假一天，落在期限之前的把期限往后推一天', () => {
      const overrides: CalendarOverride[] = [{ date: '2026-10-09', kind: 'off', note: '县庆' }];
      const due = computeDeadlines({ dispatchedAt, urgency: 'normal' }, DEFAULT_DEADLINE_SETTINGS, overrides);
      expect(due.claim).toBe(endOf('2026-10-10'));
      expect(due.feedback).toBe(endOf('2026-10-14'));
    });

    test('县里在假期里安排上班，期限提前', () => {
      const overrides: CalendarOverride[] = [{ date: '2026-10-06', kind: 'work', note: '集中办公' }];
      const due = computeDeadlines({ dispatchedAt, urgency: 'normal' }, DEFAULT_DEADLINE_SETTINGS, overrides);
      expect(due.claim).toBe(endOf('2026-10-08'));
    });
  });

  describe('升级到政协办：过期后再 N 个工作日', () => {
    test.each([
      ['接单期限 10-09 结束，再 2 个工作日是 10-12（10-10 调休）', endOf('2026-10-09'), 2, endOf('2026-10-12')],
      ['春节前周五到期，再 2 个工作日跳过整个春节', endOf('2026-02-13'), 2, endOf('2026-02-24')],
      ['紧急工单在国庆当天中午到期，节后第 2 个工作日', bj('2026-10-01T12:00:00'), 2, endOf('2026-10-09')],
      ['到期那天不算，哪怕只过了一毫秒', '2026-09-30T16:00:00.000Z', 1, endOf('2026-10-08')],
    ])('%s', (_why, due, n, expected) => {
      expect(workdaysAfterDue(due, n)).toBe(expected);
    });

    test('默认再过 2 个工作日，由县里设置', () => {
      expect(officeEscalationAt(endOf('2026-10-09'))).toBe(endOf('2026-10-12'));
      expect(officeEscalationAt(endOf('2026-10-09'), { ...DEFAULT_DEADLINE_SETTINGS, escalateToOfficeWorkdays: 3 })).toBe(endOf('2026-10-13'));
    });

    test('县里的调整同样算数', () => {
      expect(workdaysAfterDue(endOf('2026-10-09'), 2, [{ date: '2026-10-12', kind: 'off', note: '县庆' }])).toBe(endOf('2026-10-13'));
    });

    test('endOfNthWorkdayAfter 就是派单算法的一般形式', () => {
      expect(endOfNthWorkdayAfter(bj('2026-09-30T10:00:00'), 2)).toBe(endOf('2026-10-09'));
    });
  });

  describe('过期', () => {
    const due = endOf('2026-10-09');

    test.each([
      ['期限前一天', bj('2026-10-08T09:00:00'), false],
      ['期限那天的最后一毫秒还不算过期', '2026-10-09T15:59:59.999Z', false],
      ['第二天零点就过期', '2026-10-09T16:00:00.000Z', true],
      ['在西半球看还是 10-09 上午，但北京已是 10-10', '2026-10-09T17:00:00.000Z', true],
    ])('%s', (_why, now, expected) => {
      expect(isOverdue(due, now)).toBe(expected);
    });

    test('没有期限的不算过期', () => {
      expect(isOverdue(undefined, '2030-01-01T00:00:00.000Z')).toBe(false);
    });

    test.each<[string, { claimed: boolean; fedBack: boolean; resolved: boolean }, string, string[]]>([
      ['都没做，接单期限过了', { claimed: false, fedBack: false, resolved: false }, '2026-10-10T02:00:00.000Z', ['claim']],
      ['已接单，反馈期限过了', { claimed: true, fedBack: false, resolved: false }, '2026-10-14T02:00:00.000Z', ['feedback']],
      ['什么都没做，三个期限都过了', { claimed: false, fedBack: false, resolved: false }, '2026-11-01T00:00:00.000Z', ['claim', 'feedback', 'resolve']],
      ['已办结，不再过期', { claimed: true, fedBack: true, resolved: true }, '2026-11-01T00:00:00.000Z', []],
      ['期限都没到', { claimed: false, fedBack: false, resolved: false }, '2026-10-09T02:00:00.000Z', []],
    ])('%s', (_why, progress, now, expected) => {
      const dues = computeDeadlines({ dispatchedAt: bj('2026-09-30T10:00:00'), urgency: 'normal' });
      expect(overdueSteps(dues, progress, now)).toEqual(expected);
    });
  });

  describe('数据覆盖不到的期限标明是估算的', () => {
    test('年底派单，办结期限落在 2027 年，是估算的；接单期限还在 2026 年，不是', () => {
      const due = computeDeadlines({ dispatchedAt: bj('2026-12-28T10:00:00'), urgency: 'normal' });
      expect(due.claim).toBe(endOf('2026-12-30'));
      expect(isEstimatedDue(due.claim)).toBe(false);
      expect(isEstimatedDue(due.resolve)).toBe(true);
    });

    test('12-31 深夜（北京时间）到期的不是估算的', () => {
      expect(isEstimatedDue('2026-12-31T15:59:59.999Z')).toBe(false);
      expect(isEstimatedDue('2026-12-31T16:00:00.000Z')).toBe(true);
    });
  });

  describe('期限设置', () => {
    test('默认值：接单 2、反馈 5、办结 15 / 30、紧急 2 小时、再过 2 个工作日升级', () => {
      expect(DEFAULT_DEADLINE_SETTINGS).toEqual({
        claimWorkdays: 2,
        feedbackWorkdays: 5,
        resolveWorkdays: 15,
        resolveWithDepartmentsWorkdays: 30,
        urgentClaimHours: 2,
        escalateToOfficeWorkdays: 2,
      });
      expect(DeadlineSettingsSchema.safeParse(DEFAULT_DEADLINE_SETTINGS).success).toBe(true);
    });

    test.each<[string, Partial<Record<keyof DeadlineSettings, unknown>>]>([
      ['零个工作日', { claimWorkdays: 0 }],
      ['小数', { feedbackWorkdays: 2.5 }],
      ['超出上限', { urgentClaimHours: 1000 }],
      ['不是数字', { resolveWorkdays: '15' }],
    ])('%s的设置不通过', (_why, patch) => {
      const result = DeadlineSettingsSchema.safeParse({ ...DEFAULT_DEADLINE_SETTINGS, ...patch });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('SETTINGS.INVALID');
    });

    test('缺一项不通过', () => {
      const { claimWorkdays: _omit, ...rest } = DEFAULT_DEADLINE_SETTINGS;
      expect(DeadlineSettingsSchema.safeParse(rest).success).toBe(false);
    });
  });
});
