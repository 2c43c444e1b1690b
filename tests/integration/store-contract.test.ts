/**
 * 同一套存储契约，跑在：嵌入式 SQLite（真实数据库文件）；CloudBase 适配器 + 进程内数据库替身
 * （真实的 @cloudbase/database 客户端，替身只扮演它背后的服务，见 tests/contract/cloudbase-db.double.ts）。
 * 真实 CloudBase 测试环境上的同一套契约见 cloudbase-real-env.test.ts。
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { DEFAULT_SETTINGS, mergeSettings } from '../../shared/domain/settings';
import { openDatabase, openSqliteStore, type SqliteStore } from '../../cloudfunctions/_runtime/adapters/store.sqlite';
import type { CloudbaseDatabase } from '../../cloudfunctions/_runtime/adapters/db.cloudbase';
import { createCloudbaseStore } from '../../cloudfunctions/_runtime/adapters/store.cloudbase';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import { CloudbaseDbService, createDoubleDatabase, type RecordedQuery } from '../contract/cloudbase-db.double';
import { auditFor, describeStoreContract, GROUP, member, STATION, type ContractStore } from '../contract/store-contract';
import { tempDir } from './harness';

describeStoreContract('嵌入式 SQLite', async () => {
  const dir = tempDir('mashangti-contract-');
  const store = openSqliteStore(dir);
  return {
    store,
    close() {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

const services: CloudbaseDbService[] = [];

/** 建好全部集合的替身服务，与连到它的 Db */
function doubleDatabase(): { service: CloudbaseDbService; db: CloudbaseDatabase } {
  const service = new CloudbaseDbService(ALL_COLLECTIONS.map((c) => c.name));
  return { service, db: createDoubleDatabase(service) as CloudbaseDatabase };
}

describeStoreContract('CloudBase 适配器 + 数据库替身', async () => {
  const { service, db } = doubleDatabase();
  services.push(service);
  return { store: createCloudbaseStore(db), close() {} };
});

/** 一个新的 SQLite 存储，外加同一个文件上的第二个连接（测试里直接改库里的数据用）；用完都关掉、删掉 */
async function withRawSqlite(prefix: string, fn: (store: SqliteStore, raw: Database.Database) => Promise<void>): Promise<void> {
  const dir = tempDir(prefix);
  const store = openSqliteStore(dir);
  const raw = openDatabase(dir);
  try {
    await fn(store, raw);
  } finally {
    raw.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** 一个查询"有索引可用"：按 _id 查；或某个索引的第一个字段是它的筛选字段或排序字段之一 */
function uncoveredQueries(queries: RecordedQuery[]): string[] {
  const problems = new Set<string>();
  for (const q of queries) {
    const spec = ALL_COLLECTIONS.find((c) => c.name === q.collection);
    // 按 _id 的查询走数据库自带的 _id 索引
    if (q.filterFields.includes('_id') || (q.filterFields.length === 0 && q.sortFields.every((f) => f === '_id'))) continue;
    // 筛选字段打头的索引，或者排序字段打头的索引（沿排序索引走、边走边筛）
    const ok = spec?.indexes.some((ix) => q.filterFields.includes(ix.keys[0]![0]) || q.sortFields.includes(ix.keys[0]![0]));
    if (!ok) problems.add(`${q.collection}: where(${q.filterFields.join(', ')}) orderBy(${q.sortFields.join(', ')})`);
  }
  return [...problems];
}

describe('CloudBase 部署结构', () => {
  test('适配器发出的每个查询都有 schema.cloudbase.ts 里声明的索引可用（不做全表扫描）', () => {
    const queries = services.flatMap((s) => s.queries);
    expect(queries.length).toBeGreaterThan(100);
    expect(uncoveredQueries(queries)).toEqual([]);
  });

  test('适配器只用到 schema.cloudbase.ts 里声明的集合（部署时会建好的那些）', () => {
    const declared = new Set(ALL_COLLECTIONS.map((c) => c.name));
    for (const s of services) for (const name of s.collectionNames()) expect(declared.has(name)).toBe(true);
    expect(services.some((s) => s.conflicts > 0)).toBe(true);
  });
});

/** 库里的县级设置被手改坏了（控制台、旧版本）：坏的项当作没改过，不认识的项丢掉，好的照用 */
describe('县级设置读回时不让一条坏数据拖垮提交', () => {
  const stored = { maxTextLength: 500, maxPhotos: 99, reportsPerHourPerResident: 'ten', defaultClaimLimit: 5, somethingElse: true };
  const expected = { maxTextLength: 500, defaultClaimLimit: 5 };

  test('嵌入式 SQLite', () =>
    withRawSqlite('mashangti-settings-', async (store, raw) => {
      raw.prepare('INSERT INTO settings (id, doc) VALUES (?, ?)').run('county', JSON.stringify(stored));
      expect(await store.getCountySettings()).toEqual(expected);
      expect(mergeSettings(await store.getCountySettings())).toEqual({ ...DEFAULT_SETTINGS, ...expected });
    }));

  test('CloudBase 适配器 + 数据库替身', async () => {
    const { db } = doubleDatabase();
    await db.collection('settings').doc('county').set(stored);
    const store = createCloudbaseStore(db);
    expect(await store.getCountySettings()).toEqual(expected);
  });
});

/**
 * 管理后台的一次修改在最后一步失败（操作记录写到最后一条、或提交时出错）：前面写过的站点、小组、设置、委员、记录
 * 全部不见。契约测试里的失败发生在写委员时；这里让失败落在最后，连操作记录是不是也在事务里一起查到。
 */
describe('目录修改在最后一步失败时什么都不留', () => {
  const change = {
    stations: [{ ...STATION, id: 'cs-late', name: '最后失败的站' }],
    groups: [{ ...GROUP, id: 'cg-late' }],
    settings: { maxPhotos: 2 },
    members: [member('cm-late', { inviteCode: 'LATE11' })],
  };
  const audit = [auditFor('au-late-1', '2026-11-20T03:00:00.000Z', ['cg-late']), auditFor('au-late-boom', '2026-11-20T03:00:00.000Z', ['cg-late'])];

  async function expectNothing(store: ContractStore): Promise<void> {
    expect(await store.getStation('cs-late')).toBeNull();
    expect(await store.getGroup('cg-late')).toBeNull();
    expect(await store.getCountySettings()).toBeNull();
    expect(await store.listMembers()).toEqual([]);
    expect(await store.findMemberByInviteCode('LATE11')).toBeNull();
    expect(await store.listAudit({})).toEqual({ items: [], nextCursor: null });
  }

  async function expectAll(store: ContractStore): Promise<void> {
    expect(await store.getStation('cs-late')).toMatchObject({ name: '最后失败的站' });
    expect(await store.findMemberByInviteCode('LATE11')).toMatchObject({ id: 'cm-late' });
    expect((await store.listAudit({ groupIds: ['cg-late'] })).items.map((a) => a.id)).toEqual(['au-late-boom', 'au-late-1']);
  }

  test('嵌入式 SQLite：最后一条操作记录写入出错（主键重复），整个事务回滚', async () => {
    const dir = tempDir('mashangti-admin-');
    const store = openSqliteStore(dir);
    try {
      // 最后一条记录与第一条同号：前面的站点、小组、设置、委员、记录都已写进事务，最后一步撞主键
      const lastFails = [...audit, { ...audit[0]! }];
      // better-sqlite3 是原生模块，jest 每个工作进程只载入一次：它抛的 SqliteError 可能来自另一个测试文件的 realm，
      // toThrow 认不出它是 Error（会报"did not throw"），所以按错误内容比
      await expect(store.applyDirectoryChange(change, lastFails)).rejects.toMatchObject({ message: expect.stringMatching(/UNIQUE/) });
      await expectNothing(store);
      await store.applyDirectoryChange(change, audit);
      await expectAll(store);
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('CloudBase 适配器 + 数据库替身：提交时出错，事务里的写入一条都不落库', async () => {
    const { service, db } = doubleDatabase();
    const store = createCloudbaseStore(db);
    service.failNextCommit();
    await expect(store.applyDirectoryChange(change, audit)).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expectNothing(store);
    for (const c of ALL_COLLECTIONS) expect(service.peek(c.name)).toEqual([]);
    await store.applyDirectoryChange(change, audit);
    await expectAll(store);
  });
});
