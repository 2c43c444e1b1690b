/**
 * 三率汇总（FiguresStore）的 CloudBase 实现。
 * - figures 集合一格分成至多 FIGURE_SHARDS 个文档（_id = 月份|站|小组|类别#分片，计数项是顶层字段），
 *   一张工单总落在同一个分片（按工单 id 散列）。工单写入的那个事务里逐格 doc().get() 再 set() 成加上增量后的值
 *   （writeFigureDeltaInTx，ticket-store.cloudbase.ts 调用）：事务里只有单文档操作；同一分片被两个事务同时改时，
 *   数据库按写冲突让后到的重试，所以增量不会丢。分片是为了同一个站同一类别的并发提交不全挤在一个文档上
 *   （契约测试里同一格 50 个并发提交：一个文档时重试用完仍冲突，16 个分片时都写进去，但重试让这一批慢了几倍）；看板按维度求和，分片多少不影响结果；
 * - 看板一次聚合：match(月份、小组、站) → group(维度, 各计数项求和)，返回的文档数就是行数（站点数、月数或类别数），
 *   与工单多少无关；服务端扫的只是范围内的汇总格（月数 × 站 × 类别，一个县一年两三千格，有 period 打头的索引）；
 * - 过期：工单文档带 dueAt（figures.ts 的 overdueAt，已办结的为 null）与 dispatchPeriod（ticket-store.cloudbase.ts 的 ticketDoc 每次写入都算），
 *   聚合 match(dueAt < 现在) → group(维度, 计数)，用 dueAt 打头的索引（工作台的过期筛选也用它）；
 * - 核对：读完全部工单（每次 1000 张）重数，派生字段不符的工单补上，汇总格不符的逐格改正，积分汇总也重算（activity-store.cloudbase.ts）。不是一个事务——
 *   云函数的事务装不下十万张工单；核对期间正在写的格可能被改回旧值，下一次核对又改正，所以定时任务在夜里跑。
 */
import * as z from 'zod/mini';
import { lazySchema } from '../../../shared/domain/lazy-schema';
import { TicketSchema, type Ticket } from '../../../shared/domain/model';
import { CATEGORIES } from '../../../shared/domain/vocabulary';
import { addCounters, contributionDelta, dispatchedAtOf, FIGURE_COUNTERS, overdueAt, periodOf, figureKeyId, periodsBetween, recountFigures, unsatisfiedPeriods, zeroCounters, type FigureCell, type FigureCounters } from '../../../shared/domain/figures';
import { reconcileActivity } from './activity-store.cloudbase';
import { MAX_PAGE_SIZE, type FigureDimension, type FigureQuery, type FigureReconciliation, type FigureSum, type FiguresStore } from '../../../shared/ports/store.port';
import { docOf, type CloudbaseConnection, type DbDoc, type TransactionRef } from './db.cloudbase';
import { parseDoc } from './store.rows';

const counterShape = () => Object.fromEntries(FIGURE_COUNTERS.map((k) => [k, z.number()])) as Record<(typeof FIGURE_COUNTERS)[number], z.ZodMiniNumber>;
const FigureDocSchema = lazySchema(() => z.object({ period: z.string(), stationId: z.string(), groupId: z.string(), category: z.enum(CATEGORIES), ...counterShape() }));
const SumRowSchema = lazySchema(() => z.object({ _id: z.string(), ...counterShape() }));
const CountRowSchema = lazySchema(() => z.object({ _id: z.string(), count: z.number() }));

const DIMENSION_FIELD: Record<FigureDimension, string> = { station: 'stationId', group: 'groupId', category: 'category', month: 'period' };
const TICKET_DIMENSION_FIELD: Record<FigureDimension, string> = { station: 'stationId', group: 'groupId', category: 'category', month: 'dispatchPeriod' };

const countersOf = (d: Record<string, unknown>): FigureCounters => {
  const out = zeroCounters();
  for (const k of FIGURE_COUNTERS) out[k] = Number(d[k] ?? 0);
  return out;
};
const cellDoc = (c: FigureCell): DbDoc => ({ period: c.period, stationId: c.stationId, groupId: c.groupId, category: c.category, ...c.counters });

/** 工单文档上给看板、通报和工作台用的派生字段：派单月份、最早一个没做到的期限（已办结的为 null）、收到"不满意"的月份 */
export function derivedTicketFields(t: Ticket): { dispatchPeriod: string; dueAt: string | null; unsatisfiedPeriods: string[] } {
  return { dispatchPeriod: periodOf(dispatchedAtOf(t)), dueAt: overdueAt(t), unsatisfiedPeriods: unsatisfiedPeriods(t) };
}

/** 一格最多分几个文档 */
export const FIGURE_SHARDS = 16;

function shardOf(ticketId: string): number {
  // FNV-1a：相近的 id（只差末尾几位）也散得开
  let h = 0x811c9dc5;
  for (let i = 0; i < ticketId.length; i++) h = Math.imul(h ^ ticketId.charCodeAt(i), 0x01000193) >>> 0;
  return h % FIGURE_SHARDS;
}

/** 在调用方的事务里把这张工单贡献的增量加进汇总格 */
export async function writeFigureDeltaInTx(tx: TransactionRef, collection: string, before: Ticket | null, after: Ticket): Promise<void> {
  for (const cell of contributionDelta(before, after)) {
    const ref = tx.collection(collection).doc(`${figureKeyId(cell)}#${shardOf(after.id)}`);
    const have = docOf(await ref.get());
    const counters = have ? addCounters(countersOf(have), cell.counters) : cell.counters;
    await ref.set(cellDoc({ ...cell, counters }));
  }
}

export function cloudbaseFiguresStore(c: CloudbaseConnection): FiguresStore {
  const { _ } = c;
  /** 范围条件；有空列表时为 null（什么都不匹配） */
  function scope(q: FigureQuery, periodField: string): Record<string, unknown> | null {
    const where: Record<string, unknown> = { [periodField]: _.in(periodsBetween(q.fromPeriod, q.toPeriod)) };
    for (const [field, values] of [['groupId', q.groupIds], ['stationId', q.stationIds]] as const) {
      if (!values) continue;
      if (!values.length) return null;
      where[field] = values.length === 1 ? values[0] : _.in([...values]);
    }
    return where;
  }

  return {
    async sumFigures(query: FigureQuery, by: FigureDimension): Promise<FigureSum[]> {
      const where = scope(query, 'period');
      if (!where) return [];
      const sums = Object.fromEntries(FIGURE_COUNTERS.map((k) => [k, _.aggregate.sum(`$${k}`)]));
      const q = c.col('figures').aggregate().match(where).group({ _id: `$${DIMENSION_FIELD[by]}`, ...sums }).sort({ _id: 1 }).limit(MAX_PAGE_SIZE);
      return (await c.aggregate(q)).map((d) => {
        const r = parseDoc(SumRowSchema, d);
        return { key: r._id, counters: countersOf(r) };
      });
    },

    async countOverdue(query: FigureQuery, nowIso: string, by: FigureDimension): Promise<Array<{ key: string; count: number }>> {
      const where = scope(query, 'dispatchPeriod');
      if (!where) return [];
      const q = c
        .col('tickets')
        .aggregate()
        .match({ dueAt: _.lt(nowIso), ...where })
        .group({ _id: `$${TICKET_DIMENSION_FIELD[by]}`, count: _.aggregate.sum(1) })
        .sort({ _id: 1 })
        .limit(MAX_PAGE_SIZE);
      return (await c.aggregate(q)).map((d) => {
        const r = parseDoc(CountRowSchema, d);
        return { key: r._id, count: r.count };
      });
    },

    /** 同一格的分片加在一起 */
    async listFigureCells(): Promise<FigureCell[]> {
      const cells = new Map<string, FigureCell>();
      for (const d of await c.readAll('figures')) {
        const r = parseDoc(FigureDocSchema, d);
        const cell: FigureCell = { period: r.period, stationId: r.stationId, groupId: r.groupId, category: r.category, counters: countersOf(r) };
        const have = cells.get(figureKeyId(cell));
        if (have) addCounters(have.counters, cell.counters);
        else cells.set(figureKeyId(cell), cell);
      }
      return [...cells.values()];
    },

    async reconcileFigures(): Promise<FigureReconciliation> {
      const docs = await c.readAll('tickets');
      const tickets = docs.map((d) => parseDoc(TicketSchema, d));
      for (let i = 0; i < docs.length; i++) {
        const want = derivedTicketFields(tickets[i]!);
        const have = docs[i]!;
        if ((have.dueAt ?? null) !== want.dueAt || have.dispatchPeriod !== want.dispatchPeriod || JSON.stringify(have.unsatisfiedPeriods ?? []) !== JSON.stringify(want.unsatisfiedPeriods)) {
          c.operations++;
          await c.col('tickets').doc(tickets[i]!.id).update(want);
        }
      }
      const recount = recountFigures(tickets);
      // 每格的分片：合起来与重数不符的格，整格写进 0 号分片，其余分片删掉
      const shards = new Map<string, Array<{ id: string; counters: FigureCounters }>>();
      for (const d of await c.readAll('figures')) {
        const cellId = String(d._id).replace(/#\d+$/, '');
        shards.set(cellId, [...(shards.get(cellId) ?? []), { id: String(d._id), counters: countersOf(d) }]);
      }
      let corrected = 0;
      for (const cellId of new Set([...recount.keys(), ...shards.keys()])) {
        const want = recount.get(cellId);
        const have = shards.get(cellId) ?? [];
        const sum = have.reduce((acc, x) => addCounters(acc, x.counters), zeroCounters());
        if (JSON.stringify(sum) === JSON.stringify(want?.counters ?? zeroCounters())) continue;
        corrected++;
        for (const x of have) {
          c.operations++;
          await c.col('figures').doc(x.id).remove();
        }
        if (want) {
          c.operations++;
          await c.col('figures').doc(`${cellId}#0`).set(cellDoc(want));
        }
      }
      return { tickets: tickets.length, cells: recount.size, corrected, activityCorrected: await reconcileActivity(c, tickets) };
    },
  };
}
