/**
 * npm run bench：逐个运行 tests/bench/*.bench.ts，打印各自的数字。基准只打印，不做计时断言。
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = __dirname;
const only = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
const tsx = path.resolve(dir, '../../node_modules/.bin/tsx');
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(tsx, [path.join(dir, f)], { stdio: 'inherit', cwd: path.resolve(dir, '../..') });
  if (r.status !== 0) failed++;
}
if (failed) process.exit(1);
