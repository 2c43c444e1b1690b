/**
 * 跟进督单的规则：哪一步什么时候该做、做完的不再做、做过的不再做；过期按"还没做完的最早期限"；
 * 回头看问谁、问什么。在 UTC 和 America/Los_Angeles 两个时区的进程里各跑一遍（jest.config.js）。
 */
import type { Ticket } from '../../../shared/domain/model';
import { DEFAULT_SETTINGS, CountySettingsSchema, mergeSettings, SettingsPatchSchema, deadlineSettingsOf } from '../../../shared/domain/settings';
import { dispatched, dueSteps, followUpQuestions, nextWatchAt, reminderAt, dueDateLabel } from '../../../shared/domain/supervision';
import { isOverdue, overdueAt } from '../../../shared/domain/figures';

const base = {
  id: 't1',
  urgency: 'normal',
  status: 'pending',
  claimants: [],
  meToo: [],
  residentOpenid: 'r1',
  rating: null,
} as unknown as Ticket;

/** 2026-09-30 星期三 10:00（北京时间）派单 */
const DISPATCH = '2026-09-30T02:00:00.000Z';
const fresh = (extra: Partial<Ticket> = {}): Ticket => ({ ...dispatched(base, DISPATCH, deadlineSettingsOf(DEFAULT_SETTINGS), []), ...extra });
const claimant = { memberId: 'm1', name: '李建国', at: DISPATCH, assigned: false };

describe('派单时的期限（国庆 2026）', () => {
  test('接单 10-09、首次反馈 10-13、办结 15 个工作日；升级到政协办再晚 2 个工作日（10-10 调休上班）', () => {
    const t = fresh();
    expect(t.due).toEqual({ claim: '2026-10-09T15:59:59.999Z', feedback: '2026-10-13T15:59:59.999Z', resolve: '2026-10-27T15:59:59.999Z' });
    expect(t.escalateAt?.claim).toBe('2026-10-12T15:59:59.999Z');
    expect(dueDateLabel(t.due!.claim!)).toBe('10月9日');
  });

  test('到期提醒在到期那天北京时间早上 8 点', () => {
    expect(reminderAt('2026-10-09T15:59:59.999Z')).toBe('2026-10-09T00:00:00.000Z');
  });

  test('紧急的接单期限按自然小时', () => {
    expect(dispatched({ ...base, urgency: 'urgent' }, DISPATCH, deadlineSettingsOf(DEFAULT_SETTINGS), []).due?.claim).toBe('2026-09-30T04:00:00.000Z');
  });
});

describe('此刻该做哪几步（表）', () => {
  const sent = (...keys: string[]) => ({ supervised: keys });
  const claimKey = (k: string) => `${k}:claim:2026-10-09T15:59:59.999Z`;
  test.each<[string, Partial<Ticket>, string, string[]]>([
    ['派单当天什么都不做', {}, '2026-09-30T03:00:00.000Z', []],
    ['到期那天 7:59 还不提醒', {}, '2026-10-08T23:59:00.000Z', []],
    ['到期那天 8:00 提醒接单', {}, '2026-10-09T00:00:00.000Z', ['remind']],
    ['提醒过了不再提醒', sent(claimKey('remind')), '2026-10-09T10:00:00.000Z', []],
    ['期限那一毫秒还算按期', sent(claimKey('remind')), '2026-10-09T15:59:59.999Z', []],
    ['过了期限升级召集人', sent(claimKey('remind')), '2026-10-09T16:00:00.000Z', ['escalateConvener']],
    ['定时任务停过：过了期限才轮到的提醒不发，只升级召集人', {}, '2026-10-10T01:00:00.000Z', ['escalateConvener']],
    ['再过 2 个工作日升级政协办', sent(claimKey('remind'), claimKey('convener')), '2026-10-12T16:00:00.000Z', ['escalateOffice']],
    ['有人接了单，接单这一步不再提醒、不再升级', { status: 'claimed', claimants: [claimant] }, '2026-10-12T16:00:00.000Z', []],
    ['接了单没反馈：反馈期限那天早上提醒', { status: 'claimed', claimants: [claimant] }, '2026-10-13T00:00:00.000Z', ['remind']],
    ['已反馈：反馈不再提醒', { status: 'claimed', claimants: [claimant], fedBackAt: '2026-10-10T00:00:00.000Z' }, '2026-10-13T00:00:00.000Z', []],
    ['已结束的单不提醒', { status: 'rejected' }, '2026-10-13T00:00:00.000Z', []],
    ['办结后到了回头看的时刻', { status: 'closed', followUpAt: '2026-11-05T02:00:00.000Z' }, '2026-11-05T02:00:00.000Z', ['followUp']],
    ['回头看问过了不再问', { status: 'closed', followUpAt: '2026-11-05T02:00:00.000Z', supervised: ['followUp:2026-11-05T02:00:00.000Z'] }, '2026-11-06T00:00:00.000Z', []],
    ['协商后到了回头督的时刻', { status: 'consulting', claimants: [claimant], fedBackAt: DISPATCH, actionChecks: [{ id: 'c1', agreement: '挪电线杆', dueAt: '2026-10-05T00:00:00.000Z', answers: [] }] }, '2026-10-05T00:00:00.000Z', ['actionCheck']],
  ])('%s', (_name, extra, now, kinds) => {
    expect(dueSteps(fresh(extra), now).map((s) => s.kind)).toEqual(kinds);
  });

  test('下一次要看的时刻是还没做的最早一步；什么都做完了为 null', () => {
    expect(nextWatchAt(fresh())).toBe('2026-10-09T00:00:00.000Z');
    expect(nextWatchAt(fresh({ status: 'closed' }))).toBeNull();
  });
});

describe('过期', () => {
  test.each<[string, Partial<Ticket>, string, string | null, boolean]>([
    ['没人接、过了接单期限', {}, '2026-10-10T00:00:00.000Z', '2026-10-09T15:59:59.999Z', true],
    ['接了单：按反馈期限算', { status: 'claimed', claimants: [claimant] }, '2026-10-10T00:00:00.000Z', '2026-10-13T15:59:59.999Z', false],
    ['接了单也反馈了：按办结期限算（10-10 调休上班也算一天，15 个工作日到 10-27）', { status: 'claimed', claimants: [claimant], fedBackAt: DISPATCH }, '2026-10-28T00:00:00.000Z', '2026-10-27T15:59:59.999Z', true],
    ['已办结不算过期', { status: 'closed' }, '2027-01-01T00:00:00.000Z', null, false],
    ['旧工单没有存下期限：按默认设置现算（与看板同一条规则）', { due: undefined }, '2027-01-01T00:00:00.000Z', '2026-10-09T15:59:59.999Z', true],
  ])('%s', (_name, extra, now, earliest, overdue) => {
    const t = fresh(extra);
    expect(overdueAt(t)).toBe(earliest);
    expect(isOverdue(t, now)).toBe(overdue);
  });
});

describe('回头看问谁、问什么', () => {
  test('评价过的问"有没有反弹"，没评价过的这一问就是评价', () => {
    const t = fresh({
      meToo: ['r2', 'r3'],
      rating: { rating: 'satisfied', comment: '', at: DISPATCH },
      ratings: [
        { openid: 'r1', rating: 'satisfied', reasons: [], comment: '', at: DISPATCH, via: 'rate' },
        { openid: 'r3', rating: 'basic', reasons: [], comment: '', at: DISPATCH, via: 'rate' },
      ],
    });
    expect(followUpQuestions(t)).toEqual([
      { openid: 'r1', kind: 'rebound' },
      { openid: 'r2', kind: 'rating' },
      { openid: 'r3', kind: 'rebound' },
    ]);
  });
});

describe('县级设置里的期限与日历调整', () => {
  test('默认值来自 deadlines.ts，回头看 7 天、回头督 14 天', () => {
    expect(deadlineSettingsOf(DEFAULT_SETTINGS)).toEqual({ claimWorkdays: 2, feedbackWorkdays: 5, resolveWorkdays: 15, resolveWithDepartmentsWorkdays: 30, urgentClaimHours: 2, escalateToOfficeWorkdays: 2 });
    expect([DEFAULT_SETTINGS.followUpDays, DEFAULT_SETTINGS.actionCheckDays]).toEqual([7, 14]);
    expect(CountySettingsSchema.safeParse(DEFAULT_SETTINGS).success).toBe(true);
  });

  test.each<[string, Record<string, unknown>, boolean]>([
    ['接单 3 个工作日', { claimWorkdays: 3 }, true],
    ['接单 0 个工作日', { claimWorkdays: 0 }, false],
    ['紧急 73 小时', { urgentClaimHours: 73 }, false],
    ['回头看 91 天', { followUpDays: 91 }, false],
    ['县庆放假一天', { calendarOverrides: [{ date: '2026-10-12', kind: 'off', note: '县庆' }] }, true],
    ['不存在的日子', { calendarOverrides: [{ date: '2026-02-30', kind: 'off', note: '' }] }, false],
    ['同一天两条', { calendarOverrides: [{ date: '2026-10-12', kind: 'off', note: '' }, { date: '2026-10-12', kind: 'work', note: '' }] }, false],
  ])('%s：%s', (_name, patch, valid) => {
    expect(SettingsPatchSchema.safeParse(patch).success).toBe(valid);
  });

  test('存着的坏调整表当作没改过', () => {
    expect(mergeSettings({ calendarOverrides: 'oops', claimWorkdays: 3 })).toMatchObject({ calendarOverrides: [], claimWorkdays: 3 });
  });
});
