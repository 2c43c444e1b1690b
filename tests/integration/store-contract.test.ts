/**
 * 同一套存储契约，跑在：嵌入式 SQLite（真实数据库文件）；CloudBase 适配器 + 进程内数据库替身
 * （真实的 @cloudbase/database 客户端，替身只扮演它背后的服务，见 tests/contract/cloudbase-db.double.ts）。
 * 真实 CloudBase 测试环境上的同一套契约见 cloudbase-real-env.test.ts。
 */
import fs from 'node:fs';
import { DEFAULT_SETTINGS, mergeSettings } from '../../shared/domain/settings';
import { openDatabase, openSqliteStore } from '../../cloudfunctions/_runtime/adapters/store.sqlite';
import type { CloudbaseDatabase } from '../../cloudfunctions/_runtime/adapters/db.cloudbase';
import { createCloudbaseStore } from '../../cloudfunctions/_runtime/adapters/store.cloudbase';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import { CloudbaseDbService, createDoubleDatabase, type RecordedQuery } from '../contract/cloudbase-db.double';
import { describeStoreContract } from '../contract/store-contract';
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

describeStoreContract('CloudBase 适配器 + 数据库替身', async () => {
  const service = new CloudbaseDbService(ALL_COLLECTIONS.map((c) => c.name));
  services.push(service);
  return { store: createCloudbaseStore(createDoubleDatabase(service) as CloudbaseDatabase), close() {} };
});

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

  test('嵌入式 SQLite', async () => {
    const dir = tempDir('mashangti-settings-');
    const store = openSqliteStore(dir);
    const raw = openDatabase(dir);
    try {
      raw.prepare('INSERT INTO settings (id, doc) VALUES (?, ?)').run('county', JSON.stringify(stored));
      expect(await store.getCountySettings()).toEqual(expected);
      expect(mergeSettings(await store.getCountySettings())).toEqual({ ...DEFAULT_SETTINGS, ...expected });
    } finally {
      raw.close();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('CloudBase 适配器 + 数据库替身', async () => {
    const service = new CloudbaseDbService(ALL_COLLECTIONS.map((c) => c.name));
    const db = createDoubleDatabase(service) as CloudbaseDatabase;
    await db.collection('settings').doc('county').set(stored);
    const store = createCloudbaseStore(db);
    expect(await store.getCountySettings()).toEqual(expected);
  });
});
