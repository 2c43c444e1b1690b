/**
 * 履职积分里的"回头看"：回头督答"办了"记给答的委员，居民回头看答"没有反弹"记给每位接单委员；
 * 与其他各项同守每月上限；每一分对得上工单和写下它的那条历史。
 */
import { ticket } from '../../contract/store-contract';
import type { HistoryEntry, Ticket } from '../../../shared/domain/model';
import type { TicketAction } from '../../../shared/domain/lifecycle';
import { ACTIVITY_ACTIONS, ACTIVITY_KINDS, ACTIVITY_SOURCES, activityOf, activitySource, scoreActivity, ticketActivity } from '../../../shared/domain/activity';
import { DEFAULT_SETTINGS } from '../../../shared/domain/settings';
import { ticketNosCell } from '../../../shared/usecases/admin/export-monthly-report';

const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
const claimant = (memberId: string, at: string) => ({ memberId, name: memberId, at: bj(at), assigned: false });
const history = (id: string, action: TicketAction, at: string, actorMemberId: string | null = null): HistoryEntry => ({
  id,
  ticketId: 'T',
  at: bj(at),
  action,
  actorOpenid: null,
  actorMemberId,
  actorName: '',
  relation: actorMemberId ? 'claimant' : 'resident',
  from: 'closed',
  to: 'closed',
  note: '',
  visibleToResident: false,
});

/** 10 月接单、10 月办结的一张单，两位接单委员 */
const closed = (over: Partial<Ticket>): Ticket =>
  ticket(1, {
    id: 'T',
    createdAt: bj('2026-10-08T09:00:00'),
    status: 'closed',
    claimants: [claimant('m1', '2026-10-08T10:00:00'), claimant('m2', '2026-10-08T11:00:00')],
    outcome: { kind: 'closed', note: '', at: bj('2026-10-20T10:00:00') },
    ...over,
  });
const check = (answers: Array<{ memberId: string; done: boolean; at: string }>) => ({
  id: 'c1',
  agreement: '挪电线杆',
  dueAt: bj('2026-11-01T00:00:00'),
  askedAt: bj('2026-11-01T08:00:00'),
  answers: answers.map((a) => ({ ...a, name: a.memberId, note: '', at: bj(a.at) })),
});
const followUp = (openid: string, kind: 'rating' | 'rebound', answer: string | undefined, at: string) => ({ openid, kind, askedAt: bj('2026-11-01T08:00:00'), ...(answer ? { answer, answeredAt: bj(at) } : {}) });

const lookBacks = (t: Ticket, month = '2026-11') => activityOf(t, [], month).filter((i) => i.kind === 'lookBack').map((i) => i.memberId);

describe('回头看的积分记给谁', () => {
  test.each<[string, Partial<Ticket>, string[]]>([
    ['回头督答"办了"：只记给答的委员', { actionChecks: [check([{ memberId: 'm1', done: true, at: '2026-11-02T09:00:00' }])] }, ['m1']],
    ['回头督答"没办"：谁都不记', { actionChecks: [check([{ memberId: 'm1', done: false, at: '2026-11-02T09:00:00' }])] }, []],
    ['两位委员都答"办了"：各记一次', { actionChecks: [check([{ memberId: 'm1', done: true, at: '2026-11-02T09:00:00' }, { memberId: 'm2', done: true, at: '2026-11-03T09:00:00' }])] }, ['m1', 'm2']],
    ['回头督上月答的：不算本月', { actionChecks: [check([{ memberId: 'm1', done: true, at: '2026-10-31T09:00:00' }])] }, []],
    ['居民答"没有反弹"：每位接单委员各记一次', { followUps: [followUp('r1', 'rebound', 'notRebounded', '2026-11-02T09:00:00')] }, ['m1', 'm2']],
    ['两位居民答"没有反弹"：每人一句各算一次', { followUps: [followUp('r1', 'rebound', 'notRebounded', '2026-11-02T09:00:00'), followUp('r2', 'rebound', 'notRebounded', '2026-11-03T09:00:00')] }, ['m1', 'm2', 'm1', 'm2']],
    ['居民答"反弹了"：谁都不记', { followUps: [followUp('r1', 'rebound', 'rebounded', '2026-11-02T09:00:00')] }, []],
    ['回头看问的是评价（答"满意"）：算满意，不算回头看', { followUps: [followUp('r1', 'rating', 'satisfied', '2026-11-02T09:00:00')] }, []],
    ['问了还没答：不记', { followUps: [followUp('r1', 'rebound', undefined, '2026-11-02T09:00:00')] }, []],
    ['居民答"没有反弹"后工单重新办理了：不记', { status: 'claimed', outcome: null, followUps: [followUp('r1', 'rebound', 'notRebounded', '2026-11-02T09:00:00')] }, []],
  ])('%s', (_name, over, members) => {
    expect(lookBacks(closed(over))).toEqual(members);
  });
});

describe('回头看与其他各项同守每月上限', () => {
  test.each<[number, number, number]>([
    // [上限, 本月答"办了"的次数, 计分的次数]
    [20, 3, 3],
    [2, 3, 2],
    [1, 5, 1],
  ])('上限 %i、做了 %i 次：%i 次计分', (cap, times, counted) => {
    const raw = Array.from({ length: times }, (_, i) =>
      activityOf(closed({ id: `T${i}`, no: `N${i}`, actionChecks: [check([{ memberId: 'm1', done: true, at: `2026-11-0${i + 2}T09:00:00` }])] }), [], '2026-11'),
    ).flat().filter((i) => i.kind === 'lookBack');
    const [m] = scoreActivity(raw, { ...DEFAULT_SETTINGS, pointsPerLookBack: 4, pointsCapPerItemPerMonth: cap });
    expect(m!.items.filter((i) => i.counted)).toHaveLength(counted);
    expect(m!.points).toBe(4 * counted);
  });

  test('县里把回头看设为 0 分：照样列出，不加分', () => {
    const raw = activityOf(closed({ actionChecks: [check([{ memberId: 'm1', done: true, at: '2026-11-02T09:00:00' }])] }), [], '2026-11');
    const [m] = scoreActivity(raw, { ...DEFAULT_SETTINGS, pointsPerLookBack: 0 });
    expect(m!.items.map((i) => [i.kind, i.points])).toEqual([['lookBack', 0]]);
  });
});

describe('每一分对得上工单和那条历史', () => {
  test.each<[string, Partial<Ticket>, HistoryEntry[], Array<[string, string, string | null]>]>([
    [
      '回头督"办了"指向 answerActionCheck 那一条（同一时刻、同一位委员）',
      { actionChecks: [check([{ memberId: 'm1', done: true, at: '2026-11-02T09:00:00' }])] },
      [history('h-other', 'answerActionCheck', '2026-11-02T09:00:00', 'm2'), history('h1', 'answerActionCheck', '2026-11-02T09:00:00', 'm1')],
      [['m1', 'lookBack', 'h1']],
    ],
    [
      '"没有反弹"指向居民 answerFollowUp 那一条',
      { followUps: [followUp('r1', 'rebound', 'notRebounded', '2026-11-02T09:00:00')] },
      [history('h2', 'answerFollowUp', '2026-11-02T09:00:00')],
      [['m1', 'lookBack', 'h2'], ['m2', 'lookBack', 'h2']],
    ],
    [
      '召集人分派的接单指向 assign 那一条（写历史的是召集人）',
      { claimants: [{ ...claimant('m1', '2026-11-03T09:00:00'), assigned: true }], outcome: null, status: 'claimed' },
      [history('h4', 'assign', '2026-11-03T09:00:00', 'convener')],
      [['m1', 'claim', 'h4']],
    ],
    [
      '协商指向记协商的那一条',
      {},
      [history('h3', 'recordConsultation', '2026-11-05T09:00:00', 'm2')],
      [['m2', 'consultation', 'h3']],
    ],
    [
      '没有历史的旧数据：照样记分，找不到来源',
      { followUps: [followUp('r1', 'rebound', 'notRebounded', '2026-11-02T09:00:00')] },
      [],
      [['m1', 'lookBack', null], ['m2', 'lookBack', null]],
    ],
  ])('%s', (_name, over, entries, want) => {
    const items = activityOf(closed(over), entries, '2026-11');
    expect(items.map((i) => [i.memberId, i.kind, activitySource(i, entries)?.id ?? null])).toEqual(want);
    for (const i of items) expect(i).toMatchObject({ ticketId: 'T', ticketNo: closed({}).no });
  });

  test('积分只来自 ACTIVITY_ACTIONS 里的动作：每一项都有来源，来源都在里面', () => {
    for (const k of ACTIVITY_KINDS) {
      expect(ACTIVITY_SOURCES[k].length).toBeGreaterThan(0);
      for (const a of ACTIVITY_SOURCES[k]) expect(ACTIVITY_ACTIONS).toContain(a);
    }
  });
});

describe('汇总里一张单的积分事项（ticketActivity）', () => {
  test('一路随写入算来的，与按全部历史重算的相同；协商只增不丢', () => {
    const steps: Array<[Partial<Ticket>, HistoryEntry[]]> = [
      [{ status: 'pending', claimants: [], outcome: null }, [history('s', 'submit', '2026-10-08T09:00:00')]],
      [{ status: 'claimed', claimants: [claimant('m1', '2026-10-08T10:00:00')], outcome: null }, [history('c', 'claim', '2026-10-08T10:00:00', 'm1')]],
      [{ status: 'consulting', claimants: [claimant('m1', '2026-10-08T10:00:00')], outcome: null }, [history('k', 'recordConsultation', '2026-10-10T10:00:00', 'm1')]],
      [{ status: 'closed', claimants: [claimant('m1', '2026-10-08T10:00:00')] }, [history('x', 'close', '2026-10-20T10:00:00', 'm1')]],
      [{ status: 'closed', claimants: [claimant('m1', '2026-10-08T10:00:00')], actionChecks: [check([{ memberId: 'm1', done: true, at: '2026-11-02T09:00:00' }])] }, [history('a', 'answerActionCheck', '2026-11-02T09:00:00', 'm1')]],
    ];
    let stored: ReturnType<typeof ticketActivity> = [];
    const all: HistoryEntry[] = [];
    for (const [over, written] of steps) {
      stored = ticketActivity(closed(over), stored, written);
      all.push(...written);
    }
    const last = closed(steps[steps.length - 1]![0]);
    expect(stored).toEqual(ticketActivity(last, [], all));
    expect(stored.map((i) => [i.kind, i.at.slice(0, 10)])).toEqual([
      ['claim', '2026-10-08'],
      ['consultation', '2026-10-10'],
      ['closedInTime', '2026-10-20'],
      ['lookBack', '2026-11-02'],
    ]);
  });

  test('工单重新办理、接单委员退出：看得出的事项跟着没了，协商留着', () => {
    const before = ticketActivity(closed({}), [], [history('k', 'recordConsultation', '2026-10-10T10:00:00', 'm2')]);
    const after = ticketActivity(closed({ status: 'claimed', outcome: null, claimants: [claimant('m1', '2026-10-08T10:00:00')] }), before, []);
    expect(after.map((i) => [i.memberId, i.kind])).toEqual([
      ['m1', 'claim'],
      ['m2', 'consultation'],
    ]);
  });
});

describe('通报里一格的工单编号', () => {
  test.each<[number, string]>([
    [3, 'N0、N1、N2'],
    [200, `${Array.from({ length: 200 }, (_, i) => `N${i}`).join('、')}`],
    [201, `${Array.from({ length: 200 }, (_, i) => `N${i}`).join('、')} 等 201 张`],
  ])('%i 张', (n, cell) => {
    expect(ticketNosCell(Array.from({ length: n }, (_, i) => `N${i}`))).toBe(cell);
  });
});
