/**
 * 三率汇总的契约（存储契约的一部分）：随机走一遍工作流——提交、接单、放弃、办结、转办、不予受理、合并、
 * 评价、重新办理、改派与改类别，中间夹着版本不符的写入——之后汇总与按全部工单重数的结果逐格相等；
 * 过期计数与按 overdueAt 数的一致；核对时没有要改的格，汇总被弄乱后核对能改回来。
 * 履职积分汇总同样：随机工作流（再加上记协商、回头督答复、回头看"没有反弹"）之后，每个月、每个小组、每位委员读出的事项
 * 与按全部工单和历史重算的（activityOf）相同；不满意清单的查询与按评价数的一致。
 */
import type { HistoryEntry, Ticket } from '../../shared/domain/model';
import { activityOf, compareActivity } from '../../shared/domain/activity';
import { periodsBetween, unsatisfiedPeriods } from '../../shared/domain/figures';
import { CATEGORIES, type Category } from '../../shared/domain/vocabulary';
import { FIGURE_COUNTERS, figureKeyId, isZero, overdueAt, recountFigures, type FigureCell } from '../../shared/domain/figures';
import type { FiguresStore } from '../../shared/ports/store.port';
import { seededRandom } from '../../shared/triage/training/random';
import { historyFor, ticket, GROUP, STATION, type ContractStore } from './store-contract';

// 与 store-contract.ts 相互引用：用到时再取它的常量
const otherGroup = () => ({ ...GROUP, id: 'cg-2', name: '契约测试第二组' });
const otherStation = () => ({ ...STATION, id: 'cs-2', name: '契约测试第二站', groupId: 'cg-2' });

const HOUR = 3_600_000;
const START = Date.parse('2026-09-25T01:00:00.000Z');

/** 一张格表变成 id → 计数 JSON（只留非零的格），好逐格比较 */
function table(cells: Iterable<FigureCell>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of cells) if (!isZero(c.counters)) out[figureKeyId(c)] = JSON.stringify(FIGURE_COUNTERS.map((k) => c.counters[k]));
  return out;
}

/** 随机工作流：返回每张工单的最新版本和写进去的全部历史 */
async function randomWorkflow(store: ContractStore & FiguresStore, seed: number, steps: number): Promise<Map<string, Ticket>> {
  return (await randomWorkflowWithHistory(store, seed, steps)).tickets;
}

async function randomWorkflowWithHistory(store: ContractStore & FiguresStore, seed: number, steps: number): Promise<{ tickets: Map<string, Ticket>; history: HistoryEntry[] }> {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const tickets = new Map<string, Ticket>();
  const history: HistoryEntry[] = [];
  let clock = START;
  let n = 0;
  const tick = () => new Date((clock += Math.floor(rand() * 30 * HOUR))).toISOString();
  /** 写一步；entry 改写这一步的历史（记协商要写成 recordConsultation、记下是哪位委员） */
  const write = async (changes: Ticket[], stale = false, entry: Partial<HistoryEntry> = {}) => {
    const at = tick();
    const next = changes.map((t) => ({ ...t, version: t.version + 1, updatedAt: at }));
    const written = next.map((t) => ({ ...historyFor(t, `h-${seed}-${++n}`, '随机一步', at), ...entry }));
    const ok = await store.updateTickets(
      next.map((t) => ({ next: t, expectedVersion: stale ? t.version - 2 : t.version - 1 })),
      written,
      [],
    );
    expect(ok).toBe(!stale);
    if (ok) {
      for (const t of next) tickets.set(t.id, t);
      history.push(...written);
    }
    return at;
  };
  const OTHER_STATION = otherStation();
  const open = () => [...tickets.values()].filter((t) => ['pending', 'claimed', 'consulting', 'proposed'].includes(t.status));

  for (let step = 0; step < steps; step++) {
    const r = rand();
    const live = open();
    if (r < 0.25 || live.length < 2) {
      const createdAt = tick();
      const station = pick([STATION, OTHER_STATION]);
      const t = ticket(1000 + step, {
        id: `fig-${seed}-${step}`,
        createdAt,
        updatedAt: createdAt,
        stationId: station.id,
        groupId: station.groupId,
        category: pick(CATEGORIES) as Category,
        urgency: rand() < 0.2 ? 'urgent' : 'normal',
        kind: rand() < 0.3 ? 'suggestion' : 'problem',
        library: rand() < 0.3 ? 'suggestion' : 'problem',
        // 一半带着派单时存下的期限，一半是没有期限的旧工单
        ...(rand() < 0.5 ? { dispatchedAt: createdAt, due: { claim: new Date(Date.parse(createdAt) + 40 * HOUR).toISOString(), resolve: new Date(Date.parse(createdAt) + 300 * HOUR).toISOString() } } : {}),
      });
      const h = historyFor(t, `h-${seed}-${++n}`);
      const res = await store.createTicket(t, [h], []);
      expect(res.created).toBe(true);
      tickets.set(t.id, t);
      history.push(h);
      continue;
    }
    const t = pick(live);
    const at = new Date(clock + HOUR).toISOString();
    const op = pick(['claim', 'claim', 'release', 'close', 'close', 'refer', 'reject', 'merge', 'rate', 'reopen', 'move', 'stale', 'consult', 'consult', 'lookBack'] as const);
    switch (op) {
      case 'claim':
        await write([{ ...t, status: 'claimed', claimants: [...t.claimants, { memberId: `m-${step}`, name: '委员', at, assigned: rand() < 0.2 }] }]);
        break;
      case 'release':
        await write([{ ...t, status: 'pending', claimants: [] }]);
        break;
      case 'close':
      case 'refer':
      case 'reject': {
        const kind = op === 'close' ? 'closed' : op === 'refer' ? 'referred' : 'rejected';
        await write([{ ...t, status: kind, library: kind === 'closed' ? 'case' : t.library, outcome: { kind, note: '', at } }]);
        break;
      }
      case 'merge': {
        const into = live.find((x) => x.id !== t.id)!;
        await write([
          { ...t, status: 'merged', outcome: { kind: 'merged', note: '', intoTicketId: into.id, at } },
          { ...into, mergedFrom: [...into.mergedFrom, t.id] },
        ]);
        break;
      }
      case 'rate': {
        // 评价的是已办结的：挑一张办结了的（没有就跳过）
        const done = [...tickets.values()].filter((x) => x.status === 'closed');
        if (!done.length) break;
        const d = pick(done);
        const rating = pick(['satisfied', 'basic', 'unsatisfied'] as const);
        if (rand() < 0.5) await write([{ ...d, rating: { rating, comment: '', at } }]);
        else await write([{ ...d, ratings: [...(d.ratings ?? []), { openid: `r-${step}`, rating, reasons: [], comment: '', at, via: 'rate' as const }] }]);
        break;
      }
      case 'reopen': {
        const done = [...tickets.values()].filter((x) => x.status === 'closed');
        const d = done.length ? pick(done) : t;
        await write([{ ...d, status: 'pending', outcome: null, claimants: [], dispatchedAt: at, due: undefined }]);
        break;
      }
      case 'move': {
        const station = t.stationId === STATION.id ? OTHER_STATION : STATION;
        await write([{ ...t, stationId: station.id, groupId: station.groupId, category: pick(CATEGORIES) as Category }]);
        break;
      }
      case 'stale':
        await write([{ ...t, status: 'closed', outcome: { kind: 'closed', note: '', at } }], true);
        break;
      case 'consult': {
        // 接单委员（没人接就是召集人）记一次协商；有时同一步里也答了上一次协商的回头督
        const by = t.claimants[0]?.memberId ?? 'convener-1';
        const checks = [...(t.actionChecks ?? []), { id: `c-${step}`, agreement: '商定', dueAt: at, answers: [] }];
        const answered = checks.map((c, i) => (i === 0 && rand() < 0.5 && !c.answers.some((a) => a.memberId === by) ? { ...c, askedAt: at, answers: [...c.answers, { memberId: by, name: '委员', done: rand() < 0.7, note: '', at }] } : c));
        await write([{ ...t, status: 'consulting', actionChecks: answered }], false, { action: 'recordConsultation', actorMemberId: by });
        break;
      }
      case 'lookBack': {
        const done = [...tickets.values()].filter((x) => x.status === 'closed');
        if (!done.length) break;
        const d = pick(done);
        await write([{ ...d, followUps: [...(d.followUps ?? []), { openid: `r-${step}`, kind: 'rebound' as const, askedAt: at, answer: rand() < 0.7 ? 'notRebounded' : 'rebounded', answeredAt: at }] }]);
        break;
      }
    }
  }
  return { tickets, history };
}

export function describeFiguresContract(getStore: () => ContractStore & FiguresStore, timeout: number): void {
  describe('三率汇总', () => {
    beforeEach(async () => {
      const store = getStore();
      await store.putGroup(otherGroup());
      await store.putStation(otherStation());
    }, timeout);

    test.each([1, 2, 3])(
      '随机工作流（种子 %i）之后，汇总与按全部工单重数的结果逐格相等，过期计数与重数一致，核对无须改正',
      async (seed) => {
        const store = getStore();
        const tickets = await randomWorkflow(store, seed, 60);
        expect(table(await store.listFigureCells())).toEqual(table(recountFigures(tickets.values()).values()));

        const now = '2026-11-15T00:00:00.000Z';
        const q = { fromPeriod: '2026-01', toPeriod: '2027-12' };
        const overdue = (await store.countOverdue(q, now, 'station')).reduce((s, r) => s + r.count, 0);
        expect(overdue).toBe([...tickets.values()].filter((t) => (overdueAt(t) ?? '9') < now).length);

        const totals = await store.sumFigures(q, 'group');
        expect(totals.reduce((s, r) => s + r.counters.received, 0)).toBe(tickets.size);

        expect(await store.reconcileFigures()).toMatchObject({ tickets: tickets.size, corrected: 0, activityCorrected: 0 });
      },
      timeout,
    );

    test.each([4, 5])(
      '随机工作流（种子 %i）之后，每个月、每个小组、每位委员的积分事项与按全部工单和历史重算的相同；不满意清单与按评价数的相同；核对无须改正',
      async (seed) => {
        const store = getStore();
        const { tickets, history } = await randomWorkflowWithHistory(store, seed, 80);
        const recount = (period: string, keep: (t: Ticket) => boolean = () => true) =>
          [...tickets.values()].filter(keep).flatMap((t) => activityOf(t, history.filter((h) => h.ticketId === t.id), period)).sort(compareActivity);
        let seen = 0;
        for (const period of periodsBetween('2026-09', '2027-06')) {
          const all = recount(period);
          seen += all.length;
          expect(await store.listActivity({ period })).toEqual(all);
          expect(await store.listActivity({ period, groupIds: ['cg-2'] })).toEqual(recount(period, (t) => t.groupId === 'cg-2'));
          expect(await store.listActivity({ period, groupIds: [] })).toEqual([]);
          for (const memberId of [...new Set(all.map((i) => i.memberId))].slice(0, 3)) {
            expect(await store.listActivity({ period, memberId })).toEqual(all.filter((i) => i.memberId === memberId));
          }
          const unsatisfied = (await store.listTickets({ unsatisfiedIn: period }, { limit: 1000 })).items.map((t) => t.id).sort();
          expect(unsatisfied).toEqual([...tickets.values()].filter((t) => unsatisfiedPeriods(t).includes(period)).map((t) => t.id).sort());
        }
        // 这个工作流里确实有积分事项，各种都有
        expect(seen).toBeGreaterThan(10);
        const kinds = new Set(periodsBetween('2026-09', '2027-06').flatMap((p) => recount(p).map((i) => i.kind)));
        expect(kinds.has('claim') && kinds.has('consultation') && kinds.has('lookBack')).toBe(true);
        expect(await store.reconcileFigures()).toMatchObject({ tickets: tickets.size, corrected: 0, activityCorrected: 0 });
      },
      timeout,
    );
  });
}
