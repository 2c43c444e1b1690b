/**
 * 三率的口径：在一个小县的几张工单上，按手算的分子分母核对每一项。
 * 2026-11-02 是周一；11 月没有法定节假日。默认期限：接单 2 个工作日、办结 15 个工作日。
 */
import { ratingsOf } from '../../../shared/domain/ratings';
import { ticket } from '../../contract/store-contract';
import type { Ticket } from '../../../shared/domain/model';
import {
  contributionDelta,
  dueOf,
  overdueAt,
  periodOf,
  ratesOf,
  recountFigures,
  ticketContribution,
  workdaysBetween,
  zeroCounters,
  addCounters,
  type FigureCounters,
} from '../../../shared/domain/figures';
import { activityOf, scoreActivity } from '../../../shared/domain/activity';

/** 北京时间 → UTC ISO */
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
const claimant = (at: string) => ({ memberId: 'm1', name: '李建国', at: bj(at), assigned: false });
const outcome = (kind: 'closed' | 'referred' | 'rejected' | 'merged', at: string) => ({ kind, note: '', at: bj(at) });
const rating = (r: 'satisfied' | 'basic' | 'unsatisfied', at: string, openid = 'r') => ({ openid, rating: r, reasons: [], comment: '', at: bj(at), via: 'rate' as const });

/** 一个小县：五张 11 月派单的工单 */
function county(): Ticket[] {
  return [
    // A：周一派单，周二接单（按期），11-10 办结（按期），反映人满意、一位"我也遇到了"的居民基本满意
    ticket(1, {
      id: 'A',
      createdAt: bj('2026-11-02T09:00:00'),
      status: 'closed',
      claimants: [claimant('2026-11-03T10:00:00')],
      outcome: outcome('closed', '2026-11-10T16:00:00'),
      ratings: [rating('satisfied', '2026-11-11T09:00:00', 'r1'), rating('basic', '2026-11-12T09:00:00', 'r2')],
    }),
    // B：周一派单，周四才接单（过了 11-04 的接单期限），还在办
    ticket(2, { id: 'B', createdAt: bj('2026-11-02T09:00:00'), status: 'claimed', claimants: [claimant('2026-11-05T10:00:00')] }),
    // C：没人接单，转办了
    ticket(3, { id: 'C', createdAt: bj('2026-11-03T09:00:00'), status: 'referred', outcome: outcome('referred', '2026-11-04T09:00:00') }),
    // D：建议，旧数据只有反映人的 rating：不满意；按期接单，办结了但办结期限另给（已过）
    ticket(4, {
      id: 'D',
      kind: 'suggestion',
      library: 'case',
      triage: { ...ticket(0).triage, library: 'suggestion' },
      createdAt: bj('2026-11-02T09:00:00'),
      due: { claim: bj('2026-11-04T23:59:59.999'), feedback: bj('2026-11-09T23:59:59.999'), resolve: bj('2026-11-20T23:59:59.999') },
      status: 'closed',
      claimants: [claimant('2026-11-02T11:00:00')],
      outcome: outcome('closed', '2026-11-25T10:00:00'),
      rating: { rating: 'unsatisfied', comment: '', at: bj('2026-11-26T10:00:00') },
    }),
    // E：11-30 提交，无人接单，12 月才到接单期限
    ticket(5, { id: 'E', createdAt: bj('2026-11-30T20:00:00') }),
  ];
}

function totalFor(period: string, tickets = county()): FigureCounters {
  const sum = zeroCounters();
  for (const cell of recountFigures(tickets).values()) if (cell.period === period) addCounters(sum, cell.counters);
  return sum;
}

describe('三率的口径', () => {
  test('11 月：每一项的分子和分母与手算一致', () => {
    const nov = totalFor('2026-11');
    // 收到 5 件（问题 4、建议 1），派单 5 件，按期接单 A、D（B 晚了，C、E 没人接）
    expect([nov.received, nov.problem, nov.suggestion, nov.dispatched, nov.claimedOnTime]).toEqual([5, 4, 1, 5, 2]);
    // 应办结：办结期限在 11 月的 A（11-23）和 D（11-20）；B 的 11-23 也在 11 月；C 转办不计；E 的期限在 12 月
    expect([nov.dueToClose, nov.closedOnTime]).toEqual([3, 1]);
    expect([nov.closed, nov.referred, nov.rejected, nov.merged, nov.open]).toEqual([2, 1, 0, 0, 2]);
    // 评价：A 的两条（满意、基本满意）+ D 的一条（不满意）
    expect([nov.rated, nov.satisfied, nov.basic, nov.unsatisfied]).toEqual([3, 1, 1, 1]);
    // 接单用时：A 1 天、B 3 天、D 0 天；办结用时：A 6 天（11-03…11-10 的工作日）、D 17 天
    expect([nov.claimDays, nov.claimCount, nov.closeDays, nov.closeCount]).toEqual([4, 3, 6 + 17, 2]);
    const rates = ratesOf(nov);
    expect(rates.responseRate).toBeCloseTo(2 / 5);
    expect(rates.onTimeCloseRate).toBeCloseTo(1 / 3);
    expect(rates.satisfactionRate).toBeCloseTo(2 / 3);
    expect(rates.satisfiedRate).toBeCloseTo(1 / 3);
  });

  test('12 月：只有 E 的办结期限落在 12 月，其余都为零，比率在没有分母时为 null', () => {
    const dec = totalFor('2026-12');
    expect([dec.received, dec.dispatched, dec.dueToClose, dec.closedOnTime, dec.rated]).toEqual([0, 0, 1, 0, 0]);
    expect(ratesOf(dec)).toMatchObject({ responseRate: null, onTimeCloseRate: 0, satisfactionRate: null });
  });

  test.each([
    ['北京时间 11-30 晚上 8 点（UTC 还是 11-30）', '2026-11-30T20:00:00', '2026-11'],
    ['北京时间 12-01 凌晨 1 点（UTC 还是 11-30）', '2026-12-01T01:00:00', '2026-12'],
  ])('月份按北京时间：%s', (_name, local, period) => {
    expect(periodOf(bj(local))).toBe(period);
  });

  test('没有存期限的旧工单按默认设置现算：周一派单，接单期限到周三结束', () => {
    expect(dueOf(ticket(1, { createdAt: bj('2026-11-02T09:00:00') })).claim).toBe(bj('2026-11-04T23:59:59.999'));
  });

  test('每条评价都算：有 ratings 用 ratings，否则用旧的 rating', () => {
    expect(ratingsOf(county()[0]!).length).toBe(2);
    expect(ratingsOf(county()[3]!).map((r) => r.rating)).toEqual(['unsatisfied']);
    expect(ratingsOf(ticket(9))).toEqual([]);
  });

  test('工作日数从派单次日数到那天，周末不算', () => {
    expect(workdaysBetween(bj('2026-11-06T09:00:00'), bj('2026-11-09T09:00:00'))).toBe(1);
    expect(workdaysBetween(bj('2026-11-06T09:00:00'), bj('2026-11-06T18:00:00'))).toBe(0);
  });

  test('过期时刻：最早一个还没做到的期限（接单、首次反馈、办结），与工作台的过期标记同一条规则；办结了没有', () => {
    const [a, b, , , e] = county();
    expect(overdueAt(a!)).toBeNull();
    expect(overdueAt(b!)).toBe(dueOf(b!).feedback);
    expect(overdueAt(e!)).toBe(dueOf(e!).claim);
  });

  test('增量 = 新贡献 − 旧贡献：接单把"按期接单"加进派单那个月，其余格不动', () => {
    const before = ticket(1, { createdAt: bj('2026-11-02T09:00:00') });
    const after = { ...before, status: 'claimed' as const, claimants: [claimant('2026-11-03T10:00:00')] };
    const delta = contributionDelta(before, after);
    expect(delta).toHaveLength(1);
    expect(delta[0]!.counters).toMatchObject({ claimedOnTime: 1, claimDays: 1, claimCount: 1, received: 0 });
    expect(contributionDelta(after, after)).toEqual([]);
    expect(contributionDelta(null, after)).toEqual(ticketContribution(after));
  });
});

describe('履职积分的规则', () => {
  const rules = { pointsPerClaim: 2, pointsPerConsultation: 3, pointsPerClosedInTime: 5, pointsPerSatisfied: 2, pointsPerLookBack: 2, pointsCapPerItemPerMonth: 2 };
  test('每一项每月超过上限的照样列出、不计分，按时间先后', () => {
    const raw = ['2026-11-03', '2026-11-01', '2026-11-02'].map((d, i) => ({ memberId: 'm1', kind: 'claim' as const, ticketId: `t${i}`, ticketNo: `N${i}`, at: bj(`${d}T10:00:00`) }));
    const [m] = scoreActivity(raw, rules);
    expect(m!.points).toBe(4);
    expect(m!.items.map((i) => [i.ticketNo, i.counted])).toEqual([
      ['N1', true],
      ['N2', true],
      ['N0', false],
    ]);
  });

  test('按期办结和满意记给这一单的每位接单委员，只算这个月的', () => {
    const [a] = county();
    const items = activityOf({ ...a!, claimants: [claimant('2026-11-03T10:00:00'), { ...claimant('2026-10-30T10:00:00'), memberId: 'm2' }] }, [], '2026-11');
    expect(items.map((i) => [i.memberId, i.kind])).toEqual([
      ['m1', 'claim'],
      ['m1', 'closedInTime'],
      ['m2', 'closedInTime'],
      ['m1', 'satisfied'],
      ['m2', 'satisfied'],
    ]);
  });
});
