/**
 * 政协办管理后台用的读写（AdminStore）的 CloudBase 实现。
 * - 一次修改与它的操作记录在一个事务里：先整体校验（store.rows.ts 的 parseDirectoryChange），事务里只有单文档的
 *   doc().get/set/remove——站点、小组、县级设置各一次 set，委员与 putMember 同样的步骤（writeMemberInTx：
 *   委员文档带 groupIds；微信绑定以库里的为准，见 store.rows.ts 的 keepBinding），每条操作记录一个 audit 文档。任何一步出错，整个事务回滚。
 *   事务里每个操作是一次往返：一次写 n 位委员、n 条记录约 3n 次往返——导入几百人要几秒，admin 函数的超时要留够。
 * - 操作记录文档另存 sk = at|id（排序与翻页）；groupIds 是数组，按小组筛时任一元素在列表里即算（索引 groupIds_sk）。
 * - 按站点或小组、按状态数工单：一次聚合 match → group({ key, status }) → sort → limit。
 *   end() 不设 limit 只给 20 条，所以设 TALLY_PAGE = 1000 条（(站点或小组) × 状态的组合数；8 种状态、125 个站点
 *   才可能到 1000）。满了才再用 skip 取下一批，所以县一级总是一次请求。
 */
import * as z from 'zod/mini';
import { lazySchema } from '../../../shared/domain/lazy-schema';
import { TICKET_STATUSES } from '../../../shared/domain/lifecycle';
import { AuditEntrySchema, MemberSchema, type AuditEntry, type Member } from '../../../shared/domain/model';
import { MAX_PAGE_SIZE, type AdminStore, type DirectoryChange, type Page, type PageRequest, type TicketQuery, type TicketTally } from '../../../shared/ports/store.port';
import type { CloudbaseConnection, DbDoc } from './db.cloudbase';
import { writeMemberInTx } from './directory-store.cloudbase';
import { COUNTY_SETTINGS_ID, parseDirectoryChange, parseDoc, sortKey } from './store.rows';
import { ticketWhere } from './ticket-store.cloudbase';

/** 一次聚合最多要多少个 (key, status) 组合 */
export const TALLY_PAGE = MAX_PAGE_SIZE;

const TallyRowSchema = lazySchema(() => z.object({ _id: z.object({ key: z.string(), status: z.enum(TICKET_STATUSES) }), count: z.number() }));

function auditDoc(a: AuditEntry): DbDoc {
  return { ...a, sk: sortKey(a.at, a.id) };
}

export function cloudbaseAdminStore(c: CloudbaseConnection): AdminStore {
  const { names } = c;

  return {
    /** 按 _id 升序分页读完（每次 1000 条） */
    async listMembers(): Promise<Member[]> {
      return (await c.readAll('members')).map((d) => parseDoc(MemberSchema, d));
    },

    async applyDirectoryChange(change: DirectoryChange, audit: AuditEntry[]): Promise<void> {
      const p = parseDirectoryChange(change, audit);
      await c.transactionWithRetry(async (tx) => {
        for (const s of p.stations) await tx.collection(names.stations).doc(s.id).set(s);
        for (const g of p.groups) await tx.collection(names.groups).doc(g.id).set(g);
        if (p.settings) await tx.collection(names.settings).doc(COUNTY_SETTINGS_ID).set(p.settings);
        for (const m of p.members) await writeMemberInTx(names, tx, m, { keepBinding: true });
        for (const a of p.audit) await tx.collection(names.audit).doc(a.id).set(auditDoc(a));
      });
    },

    async listAudit(filter: { groupIds?: string[] }, page: PageRequest = {}): Promise<Page<AuditEntry>> {
      const where: Record<string, unknown> = {};
      if (filter.groupIds) {
        if (!filter.groupIds.length) return { items: [], nextCursor: null };
        where.groupIds = filter.groupIds.length === 1 ? filter.groupIds[0] : c._.in([...filter.groupIds]);
      }
      const { rows, nextCursor } = await c.pageBySortKey('audit', where, page);
      return { items: rows.map((d) => parseDoc(AuditEntrySchema, d)), nextCursor };
    },

    /** 按 (key, status) 排序 */
    async tallyTickets(query: TicketQuery, by: 'stationId' | 'groupId'): Promise<TicketTally[]> {
      const where = ticketWhere(c._, query);
      if (!where) return [];
      const out: TicketTally[] = [];
      for (let skip = 0; ; skip += TALLY_PAGE) {
        const q = c
          .col('tickets')
          .aggregate()
          .match(where)
          .group({ _id: { key: `$${by}`, status: '$status' }, count: c._.aggregate.sum(1) })
          .sort({ '_id.key': 1, '_id.status': 1 });
        const rows = await c.aggregate((skip ? q.skip(skip) : q).limit(TALLY_PAGE));
        for (const d of rows) {
          const r = parseDoc(TallyRowSchema, d);
          out.push({ key: r._id.key, status: r._id.status, count: r.count });
        }
        if (rows.length < TALLY_PAGE) return out;
      }
    },
  };
}
