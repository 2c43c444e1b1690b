/**
 * npm run seed:load -- --tickets 100000：往本地数据目录（DATA_DIR，默认 ./.data）灌一个跑了一年的县，
 * 20 个站、12 个月（见 scripts/load-county.ts）。只在本地用；数据目录里已有工单时拒绝（先删掉 .data）。
 */
import path from 'node:path';
import { openSqliteStore } from '../cloudfunctions/_runtime/adapters/store.sqlite';
import { loadCounty } from './load-county';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const tickets = Number(arg('tickets') ?? 1000);
if (!Number.isInteger(tickets) || tickets < 1 || tickets > 1_000_000) {
  console.error('用法：npm run seed:load -- --tickets 100000（1 到 1000000）');
  process.exit(2);
}
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');

async function main() {
  const store = openSqliteStore(dataDir);
  try {
    if ((await store.countTickets({})) > 0) {
      console.error(`${dataDir} 里已经有工单了；要重新灌，先删掉这个目录。`);
      process.exit(1);
    }
    const started = Date.now();
    await loadCounty(store, { tickets, now: new Date(), onProgress: (done) => done % 20000 === 0 && console.log(`已写入 ${done} 张`) });
    console.log(`写入 ${tickets} 张工单，用了 ${((Date.now() - started) / 1000).toFixed(1)} 秒；数据在 ${dataDir}`);
  } finally {
    store.close();
  }
}
void main();
