/**
 * 同一套存储契约（tests/contract/store-contract.ts），跑在真实的 CloudBase 测试环境上。
 * 需要 TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY；没设置时只登记一条说明"没有运行"的测试。
 * 用 contract_ 前缀的集合（不存在就建），每个测试开始前清空——请用专门的测试环境，不要用正式环境。
 */
import tcb from '@cloudbase/node-sdk';
import type { CloudbaseDatabase } from '../../cloudfunctions/_runtime/adapters/db.cloudbase';
import { createCloudbaseStore } from '../../cloudfunctions/_runtime/adapters/store.cloudbase';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import { describeStoreContract } from '../contract/store-contract';

const env = process.env.TCB_ENV_ID;
const secretId = process.env.TENCENTCLOUD_SECRETID;
const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
const PREFIX = 'contract_';

if (env && secretId && secretKey) {
  let prepared = false;
  describeStoreContract(
    `真实 CloudBase 测试环境 ${env}`,
    async () => {
      const app = tcb.init({ env, secretId, secretKey, timeout: 60_000 });
      const db = app.database() as unknown as CloudbaseDatabase & {
        createCollection(name: string): Promise<unknown>;
        command: CloudbaseDatabase['command'] & { exists(v: boolean): unknown };
      };
      const names = ALL_COLLECTIONS.map((c) => `${PREFIX}${c.name}`);
      if (!prepared) {
        for (const name of names) {
          try {
            await db.createCollection(name);
          } catch (e) {
            // 已经建过
            if (!/exist/i.test(String((e as { code?: string; message?: string }).code ?? '') + String((e as Error).message ?? ''))) throw e;
          }
        }
        prepared = true;
      }
      for (const name of names) {
        await (db.collection(name).where({ _id: db.command.exists(true) }) as unknown as { remove(): Promise<unknown> }).remove();
      }
      return { store: createCloudbaseStore(db, { collectionPrefix: PREFIX }), close() {} };
    },
    { timeoutMs: 900_000 },
  );
} else {
  test('CloudBase 真实环境契约测试未运行：未设置 TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY', () => {
    console.log('CloudBase 真实环境契约测试未运行：未设置 TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY（见 docs/deploy.md「契约测试」）');
    expect([env, secretId, secretKey].filter(Boolean).length).toBeLessThan(3);
  });
}
