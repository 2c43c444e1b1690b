/**
 * 政协办管理后台用的读写（AdminStore）的 SQLite 实现。
 * - 一次修改（站点、小组、县级设置、委员）与它的操作记录在一个 IMMEDIATE 事务里写入：先整体校验
 *   （store.rows.ts 的 parseDirectoryChange），写的时候任何一步出错（如 openid 已被别的委员占用）整个回滚；
 *   行与派生列和 putStation、putGroup、putMember、putCountySettings 完全一样（同一组写入语句）；
 *   委员的微信绑定以库里的为准（store.rows.ts 的 keepBinding）。
 * - 操作记录只增不改：audit 表（created_at 列存记录的 at），涉及的小组另存 audit_groups，按小组筛走它。
 * - 按站点或小组、按状态数工单：一条 GROUP BY，条件与 listTickets / countTickets 相同。
 */
import { AuditEntrySchema, MemberSchema, type AuditEntry, type Member } from '../../../shared/domain/model';
import { clampLimit, type AdminStore, type DirectoryChange, type Page, type PageRequest, type TicketQuery, type TicketTally } from '../../../shared/ports/store.port';
import type { TicketStatus } from '../../../shared/domain/lifecycle';
import { cursorCondition, placeholders, toPage, whereClause, type Row, type SqliteConnection } from './db.sqlite';
import { sqliteDirectoryWrites } from './directory-store.sqlite';
import { keepBinding, parseDirectoryChange } from './store.rows';
import { ticketWhere } from './ticket-store.sqlite';

const TALLY_COLUMN = { stationId: 't.station_id', groupId: 't.group_id' } as const;

export function sqliteAdminStore(c: SqliteConnection): AdminStore {
  const { db } = c;
  const write = sqliteDirectoryWrites(c);
  const stmts = c.prepareAll({
    listMembers: 'SELECT doc FROM members ORDER BY id',
    storedOpenid: 'SELECT openid FROM members WHERE id = ?',
    insertAudit: 'INSERT INTO audit (id, created_at, doc) VALUES (?, ?, ?)',
    insertAuditGroup: 'INSERT OR IGNORE INTO audit_groups (audit_id, group_id) VALUES (?, ?)',
  });

  function writeAudit(a: AuditEntry): void {
    stmts.insertAudit.run(a.id, a.at, JSON.stringify(a));
    for (const g of a.groupIds) stmts.insertAuditGroup.run(a.id, g);
  }

  return {
    async listMembers(): Promise<Member[]> {
      return c.all(stmts.listMembers, MemberSchema);
    },

    async applyDirectoryChange(change: DirectoryChange, audit: AuditEntry[]): Promise<void> {
      c.operations++;
      const p = parseDirectoryChange(change, audit);
      db.transaction(() => {
        for (const s of p.stations) write.station(s);
        for (const g of p.groups) write.group(g);
        if (p.settings) write.settings(p.settings);
        for (const m of p.members) write.member(keepBinding(m, (stmts.storedOpenid.get(m.id) as { openid: string | null } | undefined)?.openid ?? null));
        for (const a of p.audit) writeAudit(a);
      }).immediate();
    },

    async listAudit(filter: { groupIds?: string[] }, page: PageRequest = {}): Promise<Page<AuditEntry>> {
      c.operations++;
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.groupIds) {
        if (!filter.groupIds.length) return { items: [], nextCursor: null };
        where.push(`EXISTS (SELECT 1 FROM audit_groups g WHERE g.audit_id = a.id AND g.group_id IN (${placeholders(filter.groupIds)}))`);
        args.push(...filter.groupIds);
      }
      const after = cursorCondition(page.cursor, 'a.');
      if (after) {
        where.push(after.sql);
        args.push(...after.args);
      }
      const limit = clampLimit(page.limit);
      const rows = db.prepare(`SELECT a.doc FROM audit a ${whereClause(where)} ORDER BY a.created_at DESC, a.id DESC LIMIT ?`).all(...args, limit + 1) as Row[];
      return toPage(rows, limit, AuditEntrySchema, (e) => e.at);
    },

    /** 按 (key, status) 排序 */
    async tallyTickets(query: TicketQuery, by: 'stationId' | 'groupId'): Promise<TicketTally[]> {
      c.operations++;
      const col = TALLY_COLUMN[by];
      const { where, args } = ticketWhere(query);
      const sql = `SELECT ${col} AS tally_key, t.status AS status, COUNT(*) AS n FROM tickets t ${whereClause(where)} GROUP BY ${col}, t.status ORDER BY ${col}, t.status`;
      const rows = db.prepare(sql).all(...args) as Array<{ tally_key: string; status: TicketStatus; n: number }>;
      return rows.map((r) => ({ key: r.tally_key, status: r.status, count: r.n }));
    },
  };
}
