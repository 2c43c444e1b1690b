/**
 * 同一套存储契约（tests/contract/store-contract.ts），跑在真实的 CloudBase 测试环境上。
 * 需要 TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY。没设置时整套契约照样登记，但由 jest
 * 报告为跳过（skipped），而不是用一条"断言自己没配置"的测试冒充通过。
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

const creds = env && secretId && secretKey ? { env, secretId, secretKey } : null;
if (!creds) {
  console.info('CloudBase 真实环境契约测试跳过：未设置 TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY（见 docs/deploy.md「契约测试」）');
}

// 没有凭据时跳过整组：每条契约测试都以"skipped"出现在 jest 的报告里
const suite = creds ? describe : describe.skip;

suite('CloudBase 真实环境（需要凭据）', () => {
  let prepared = false;
  describeStoreContract(
    `真实 CloudBase 测试环境 ${env ?? '（未设置）'}`,
    async () => {
      if (!creds) throw new Error('没有凭据时这组测试是跳过的，不应运行到这里');
      const app = tcb.init({ ...creds, timeout: 60_000 });
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
});
