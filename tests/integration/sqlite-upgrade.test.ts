/**
 * 升级一个已有数据的本地数据库（SQLite 迁移）：看板另存的 overdue_at 并进 due_at（一个过期列）、
 * 收到"不满意"的月份从评价里补上（北京时间的月份）、履职积分汇总按已有的工单和记协商的历史补算——
 * 升级后工作台的过期筛选、通报的不满意清单和积分，与按领域规则算的一致。
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openSqliteStore } from '../../cloudfunctions/_runtime/adapters/store.sqlite';
import { activityOf, compareActivity } from '../../shared/domain/activity';
import { dispatchedAtOf, overdueAt, periodOf } from '../../shared/domain/figures';
import type { HistoryEntry, Ticket } from '../../shared/domain/model';
import { historyFor, ticket } from '../contract/store-contract';

/** 有了三率汇总、还没并成一个过期列的那一版（store.sqlite.ts 的前 5 级迁移） */
const BEFORE_ONE_OVERDUE_COLUMN = 5;
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
const claimant = (memberId: string, at: string) => ({ memberId, name: memberId, at: bj(at), assigned: false });

function oldRow(db: Database.Database, t: Ticket, oldDueAt: string | null): void {
  db.prepare(
    `INSERT INTO tickets (id, no, station_id, group_id, resident_openid, client_request_id, status, library, created_at, updated_at, version, due_at, watch_at, doc, category, dispatch_period, overdue_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)`,
  ).run(t.id, t.no, t.stationId, t.groupId, t.residentOpenid, t.clientRequestId, t.status, t.library, t.createdAt, t.updatedAt, t.version, oldDueAt, JSON.stringify(t), t.category, periodOf(dispatchedAtOf(t)), overdueAt(t));
}

test('升级后：一个过期列、不满意的月份、积分汇总都按领域规则补齐', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-upgrade-'));
  try {
    // 没有存下期限的旧工单：旧的 due_at（督办的算法）为空，看板的 overdue_at 按默认期限算了出来
    const legacy = ticket(1, { id: 'legacy', createdAt: bj('2026-10-08T09:00:00'), due: undefined, dispatchedAt: undefined });
    // 11 月接单、按期办结；一位居民满意、一位不满意；m2 记过一次协商
    const rated = ticket(2, {
      id: 'rated',
      createdAt: bj('2026-11-02T09:00:00'),
      status: 'closed',
      claimants: [claimant('m1', '2026-11-03T10:00:00')],
      outcome: { kind: 'closed', note: '', at: bj('2026-11-10T10:00:00') },
      ratings: [
        { openid: 'r1', rating: 'satisfied', reasons: [], comment: '', at: bj('2026-11-11T09:00:00'), via: 'rate' },
        { openid: 'r2', rating: 'unsatisfied', reasons: [], comment: '', at: bj('2026-11-12T09:00:00'), via: 'rate' },
      ],
    });
    // 只有旧 rating 字段的：北京时间 11 月 1 日 00:30 不满意（UTC 还是 10 月 31 日）
    const oldRating = ticket(3, {
      id: 'old-rating',
      createdAt: bj('2026-10-02T09:00:00'),
      status: 'closed',
      claimants: [claimant('m1', '2026-10-02T10:00:00')],
      outcome: { kind: 'closed', note: '', at: bj('2026-10-20T10:00:00') },
      rating: { rating: 'unsatisfied', comment: '', at: bj('2026-11-01T00:30:00') },
    });
    const consultation: HistoryEntry = { ...historyFor(rated, 'h-consult', '协商', bj('2026-11-05T15:00:00')), action: 'recordConsultation', actorMemberId: 'm2' };

    const old = new Database(path.join(dir, 'mashangti.sqlite'));
    migrate(old, BEFORE_ONE_OVERDUE_COLUMN);
    oldRow(old, legacy, null);
    oldRow(old, rated, null);
    oldRow(old, oldRating, null);
    old.prepare('INSERT INTO history (id, ticket_id, at, doc) VALUES (?, ?, ?, ?)').run(consultation.id, consultation.ticketId, consultation.at, JSON.stringify(consultation));
    old.close();

    const store = openSqliteStore(dir);
    try {
      const ids = async (q: Parameters<typeof store.listTickets>[0]) => (await store.listTickets(q, { limit: 100 })).items.map((t) => t.id).sort();
      expect(await ids({ overdueAt: '2027-01-01T00:00:00.000Z' })).toEqual(['legacy']);
      expect(await ids({ unsatisfiedIn: '2026-11' })).toEqual(['old-rating', 'rated']);
      expect(await ids({ unsatisfiedIn: '2026-10' })).toEqual([]);

      const want = [legacy, rated, oldRating].flatMap((t) => activityOf(t, t.id === rated.id ? [consultation] : [], '2026-11')).sort(compareActivity);
      expect(want.map((i) => [i.memberId, i.kind])).toEqual([
        ['m1', 'claim'],
        ['m2', 'consultation'],
        ['m1', 'closedInTime'],
        ['m1', 'satisfied'],
      ]);
      expect(await store.listActivity({ period: '2026-11' })).toEqual(want);

      const raw = new Database(path.join(dir, 'mashangti.sqlite'), { readonly: true });
      expect((raw.prepare('PRAGMA table_info(tickets)').all() as Array<{ name: string }>).map((c) => c.name)).not.toContain('overdue_at');
      raw.close();
      expect(await store.reconcileFigures()).toMatchObject({ tickets: 3, activityCorrected: 0 });
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
