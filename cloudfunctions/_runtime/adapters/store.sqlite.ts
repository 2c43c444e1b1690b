/**
 * 嵌入式存储：SQLite（better-sqlite3），WAL + 同步落盘，迁移按 user_version 逐级执行。
 * 这里只打开数据库、跑迁移，再把各部分合成用例要的 Store & AdminStore——各部分按 store.port.ts 的接口分文件：
 *   directory-store.sqlite.ts  通讯录          ticket-store.sqlite.ts        工单与历史
 *   outbox-store.sqlite.ts     发件箱与消息中心  subscription-store.sqlite.ts  订阅消息额度
 *   admin-store.sqlite.ts      管理后台（目录修改 + 操作记录、全部委员、工单分组计数）
 *   figures-store.sqlite.ts    三率汇总（随工单写入更新，看板只读它）
 *   activity-store.sqlite.ts   履职积分汇总（同上，积分与每月通报只读它）
 * 共用的连接（往返计数、读回过 zod、游标翻页）见 db.sqlite.ts。
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AdminStore, FiguresStore, Store } from '../../../shared/ports/store.port';
import { sqliteAdminStore } from './admin-store.sqlite';
import { SqliteConnection } from './db.sqlite';
import { sqliteDirectoryStore } from './directory-store.sqlite';
import { FIGURES_MIGRATION, sqliteFiguresStore } from './figures-store.sqlite';
import { ACTIVITY_MIGRATION, rebuildActivity, sqliteActivityStore } from './activity-store.sqlite';
import { sqliteOutboxStore } from './outbox-store.sqlite';
import { sqliteSubscriptionStore } from './subscription-store.sqlite';
import { sqliteTicketStore } from './ticket-store.sqlite';

/** 一级迁移：一段 SQL，或要用代码补算数据的（在同一个事务里跑） */
type Migration = string | ((db: Database.Database) => void);

const MIGRATIONS: Migration[] = [
  `
  CREATE TABLE stations (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE member_groups (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE members (id TEXT PRIMARY KEY, openid TEXT UNIQUE, invite_code TEXT UNIQUE, doc TEXT NOT NULL);
  CREATE TABLE member_roles (member_id TEXT NOT NULL, group_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (member_id, group_id));
  CREATE INDEX member_roles_group ON member_roles (group_id);
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    station_id TEXT NOT NULL,
    group_id TEXT NOT NULL,
    resident_openid TEXT NOT NULL,
    client_request_id TEXT NOT NULL,
    status TEXT NOT NULL,
    library TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    UNIQUE (resident_openid, client_request_id)
  );
  CREATE INDEX tickets_station ON tickets (station_id, status, created_at);
  CREATE INDEX tickets_group ON tickets (group_id, status, created_at);
  CREATE INDEX tickets_resident ON tickets (resident_openid, created_at);
  CREATE INDEX tickets_created ON tickets (created_at, id);
  CREATE TABLE ticket_people (ticket_id TEXT NOT NULL, kind TEXT NOT NULL, person TEXT NOT NULL, PRIMARY KEY (ticket_id, kind, person));
  CREATE INDEX ticket_people_person ON ticket_people (kind, person);
  CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL, at TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX history_ticket ON history (ticket_id, seq);
  CREATE TABLE outbox (id TEXT PRIMARY KEY, status TEXT NOT NULL, next_attempt_at TEXT NOT NULL, recipient TEXT NOT NULL, ticket_id TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  CREATE TABLE messages (id TEXT PRIMARY KEY, recipient TEXT NOT NULL, created_at TEXT NOT NULL, read_at TEXT, doc TEXT NOT NULL);
  CREATE INDEX messages_recipient ON messages (recipient, created_at);
  CREATE TABLE subscriptions (openid TEXT NOT NULL, template_id TEXT NOT NULL, remaining INTEGER NOT NULL, PRIMARY KEY (openid, template_id));
  `,
  // 县级设置（一行，id = county）；按给人看的编号查工单（合并时召集人输入的）；未读消息计数
  `
  CREATE TABLE settings (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  ALTER TABLE tickets ADD COLUMN no TEXT;
  UPDATE tickets SET no = json_extract(doc, '$.no');
  CREATE INDEX tickets_no ON tickets (no);
  CREATE INDEX messages_unread ON messages (recipient) WHERE read_at IS NULL;
  `,
  // 管理后台的操作记录（只增不改；created_at = 记录的 at），涉及的小组另存一张表供按小组筛
  `
  CREATE TABLE audit (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, doc TEXT NOT NULL);
  CREATE INDEX audit_created ON audit (created_at, id);
  CREATE TABLE audit_groups (audit_id TEXT NOT NULL, group_id TEXT NOT NULL, PRIMARY KEY (audit_id, group_id));
  `,
  // 跟进督单：最早未做完的期限（过期筛选）与定时任务下次要看的时刻，由领域规则在写入时算出；旧工单没有期限，两列为空
  `
  ALTER TABLE tickets ADD COLUMN due_at TEXT;
  ALTER TABLE tickets ADD COLUMN watch_at TEXT;
  CREATE INDEX tickets_due ON tickets (due_at) WHERE due_at IS NOT NULL;
  CREATE INDEX tickets_watch ON tickets (watch_at) WHERE watch_at IS NOT NULL;
  `,
  // 三率汇总与工单的派生列（figures-store.sqlite.ts）；已有的工单由 reconcileFigures 补算
  FIGURES_MIGRATION,
  // 一个过期列：due_at 从此按 figures.ts 的 overdueAt 算（与看板的过期同一条规则，旧工单没有存下期限的按默认设置现算），
  // 看板另存的 overdue_at 就是按这条规则算的，并进 due_at 后去掉（还没算过的旧工单 overdue_at 为空，留着原来的 due_at，核对时补）。
  // 收到"不满意"评价的月份（每月通报的不满意清单按它查）：按工单里的评价补上（北京时间 = UTC + 8 小时）。
  // 履职积分汇总（activity-store.sqlite.ts）：按已有的工单和历史补算。
  (db) => {
    db.exec(`
      UPDATE tickets SET due_at = COALESCE(overdue_at, due_at);
      DROP INDEX tickets_overdue;
      ALTER TABLE tickets DROP COLUMN overdue_at;
      CREATE TABLE ticket_periods (ticket_id TEXT NOT NULL, kind TEXT NOT NULL, period TEXT NOT NULL, PRIMARY KEY (ticket_id, kind, period));
      CREATE INDEX ticket_periods_period ON ticket_periods (kind, period);
      INSERT OR IGNORE INTO ticket_periods (ticket_id, kind, period)
        SELECT t.id, 'unsatisfied', strftime('%Y-%m', json_extract(r.value, '$.at'), '+8 hours') FROM tickets t, json_each(t.doc, '$.ratings') r
        WHERE json_extract(r.value, '$.rating') = 'unsatisfied';
      INSERT OR IGNORE INTO ticket_periods (ticket_id, kind, period)
        SELECT id, 'unsatisfied', strftime('%Y-%m', json_extract(doc, '$.rating.at'), '+8 hours') FROM tickets
        WHERE json_type(doc, '$.ratings') IS NULL AND json_extract(doc, '$.rating.rating') = 'unsatisfied';
      ${ACTIVITY_MIGRATION}
    `);
    rebuildActivity(db);
  },
];

export function openDatabase(dataDir: string): Database.Database {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'mashangti.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL：确认给居民的提交在断电后也不丢
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** 逐级迁移到 target（默认最新；测试可停在旧版本，造一个升级前的数据库） */
export function migrate(db: Database.Database, target = MIGRATIONS.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < target; v++) {
    db.transaction(() => {
      const m = MIGRATIONS[v]!;
      if (typeof m === 'string') db.exec(m);
      else m(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

export interface SqliteStore extends Store, AdminStore, FiguresStore {
  /** 每次数据库往返计数（基准测试用） */
  readonly operations: number;
  /** 提交了带发件箱条目的事务后调用（本地服务据此尽快投递） */
  onOutboxWritten: (() => void) | null;
  /**
   * 在一个事务里跑 fn（本地灌数据用：npm run seed:load）。fn 里调用的写入方法各自的事务变成这个事务的保存点，
   * 逻辑与平常完全一样（汇总照常随工单更新），只是十万张工单不必各等一次落盘。
   */
  bulk(fn: () => void): void;
  close(): void;
}

export function openSqliteStore(dataDir: string): SqliteStore {
  const c = new SqliteConnection(openDatabase(dataDir));
  return {
    ...sqliteDirectoryStore(c),
    ...sqliteTicketStore(c),
    ...sqliteOutboxStore(c),
    ...sqliteSubscriptionStore(c),
    ...sqliteAdminStore(c),
    ...sqliteFiguresStore(c),
    ...sqliteActivityStore(c),
    get operations() {
      return c.operations;
    },
    get onOutboxWritten() {
      return c.onOutboxWritten;
    },
    set onOutboxWritten(f) {
      c.onOutboxWritten = f;
    },
    bulk: (fn) => c.db.transaction(fn).immediate(),
    close: () => c.db.close(),
  };
}
