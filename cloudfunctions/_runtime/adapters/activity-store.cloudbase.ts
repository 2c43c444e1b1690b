/**
 * 履职积分汇总（ActivityStore）的 CloudBase 实现：activity 集合一张工单一个文档（_id = 工单 id），
 * 存这张单的全部积分事项（各月）、工单现在的小组、有事项的月份 periods、"委员|月份" memberPeriods（两者都建索引）。
 * - 工单写入的那个事务里读出这张单的文档、按 ticketActivity 算出新的、不同才写（没有事项了就删）：事务里只有单文档操作；
 * - 读一个月：where(periods 含这个月、小组) 或 where(memberPeriods 含"委员|这个月")，只留这个月（和这位委员）的事项；
 * - 核对（reconcileActivity，由 reconcileFigures 调用）：读完全部工单和记协商的历史重算，不符的整单改写。
 */
import * as z from 'zod/mini';
import { lazySchema } from '../../../shared/domain/lazy-schema';
import { HistoryEntrySchema, type HistoryEntry, type Ticket } from '../../../shared/domain/model';
import { ACTIVITY_KINDS, compareActivity, ticketActivity, type RawItem } from '../../../shared/domain/activity';
import { periodOf } from '../../../shared/domain/figures';
import type { ActivityQuery, ActivityStore } from '../../../shared/ports/store.port';
import { docOf, type CloudbaseConnection, type DbDoc, type TransactionRef } from './db.cloudbase';
import { parseDoc } from './store.rows';

const ActivityDocSchema = lazySchema(() => z.object({
  ticketNo: z.string(),
  groupId: z.string(),
  items: z.array(z.object({ memberId: z.string(), kind: z.enum(ACTIVITY_KINDS), at: z.string() })),
}));
type ActivityDoc = z.infer<typeof ActivityDocSchema>;

const itemsOf = (ticketId: string, d: ActivityDoc): RawItem[] => d.items.map((i) => ({ memberId: i.memberId, kind: i.kind, ticketId, ticketNo: d.ticketNo, at: i.at }));

function activityDoc(t: Ticket, items: RawItem[]): DbDoc {
  return {
    ticketNo: t.no,
    groupId: t.groupId,
    periods: [...new Set(items.map((i) => periodOf(i.at)))].sort(),
    memberPeriods: [...new Set(items.map((i) => `${i.memberId}|${periodOf(i.at)}`))].sort(),
    items: items.map((i) => ({ memberId: i.memberId, kind: i.kind, at: i.at })),
  };
}

const same = (have: ActivityDoc | null, want: RawItem[], t: Ticket) =>
  have === null ? want.length === 0 : have.groupId === t.groupId && JSON.stringify(itemsOf(t.id, have)) === JSON.stringify(want);

/** 在调用方的事务里：按工单的新样子和这一次写入的历史重写它的积分事项 */
export async function writeActivityInTx(tx: TransactionRef, collection: string, after: Ticket, written: readonly HistoryEntry[]): Promise<void> {
  const ref = tx.collection(collection).doc(after.id);
  const raw = docOf(await ref.get());
  const have = raw ? parseDoc(ActivityDocSchema, raw) : null;
  const want = ticketActivity(after, have ? itemsOf(after.id, have) : [], written);
  if (same(have, want, after)) return;
  if (want.length) await ref.set(activityDoc(after, want));
  else await ref.remove();
}

/** 按全部工单（调用方已读出）和记协商的历史重算，不符的整单改写；返回改正了几张单 */
export async function reconcileActivity(c: CloudbaseConnection, tickets: readonly Ticket[]): Promise<number> {
  const consultations = new Map<string, HistoryEntry[]>();
  for (const d of await c.readAll('history', { action: 'recordConsultation' })) {
    const h = parseDoc(HistoryEntrySchema, d);
    consultations.set(h.ticketId, [...(consultations.get(h.ticketId) ?? []), h]);
  }
  const stored = new Map<string, ActivityDoc>();
  for (const d of await c.readAll('activity')) stored.set(String(d._id), parseDoc(ActivityDocSchema, d));
  let corrected = 0;
  for (const t of tickets) {
    const want = ticketActivity(t, [], consultations.get(t.id) ?? []);
    const have = stored.get(t.id) ?? null;
    if (same(have, want, t)) continue;
    corrected++;
    c.operations++;
    if (want.length) await c.col('activity').doc(t.id).set(activityDoc(t, want));
    else await c.col('activity').doc(t.id).remove();
  }
  return corrected;
}

export function cloudbaseActivityStore(c: CloudbaseConnection): ActivityStore {
  return {
    async listActivity(q: ActivityQuery): Promise<RawItem[]> {
      const where: Record<string, unknown> = q.memberId ? { memberPeriods: `${q.memberId}|${q.period}` } : { periods: q.period };
      if (q.groupIds) {
        if (!q.groupIds.length) return [];
        where.groupId = q.groupIds.length === 1 ? q.groupIds[0] : c._.in([...q.groupIds]);
      }
      const out: RawItem[] = [];
      for (const d of await c.readAll('activity', where)) {
        for (const i of itemsOf(String(d._id), parseDoc(ActivityDocSchema, d))) if (periodOf(i.at) === q.period && (!q.memberId || i.memberId === q.memberId)) out.push(i);
      }
      return out.sort(compareActivity);
    },
  };
}
