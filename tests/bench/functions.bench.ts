/**
 * 云函数包的基准：每个函数打包后的大小，以及冷启动时 require 它要多久——每次一个全新的 node 进程，
 * SDK（@cloudbase/node-sdk、wx-server-sdk）从仓库的 node_modules 解析，和云端按 package.json 装好后一样。
 * 另外单独量一次"只 require 两个 SDK"，看出我们自己的代码占多少；以及第一次调用（初始化 SDK、读身份、
 * 回答一个不需要数据库的请求）要多久。只打印，不做断言。  npx tsx tests/bench/functions.bench.ts
 * bundleKB 是整个包（index.js 加上一起上传的文件，intake 带着分诊引擎和模型），indexKB 只是 index.js。
 * 数字也作为 FunctionsFigures 返回（--json 里的 functions.*，每个函数一组：functions.intake.bundleKB…）。
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll, ROOT } from '../../scripts/build-functions';
import { runBench } from './figures';

const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeInFreshNode(cwd: string, script: string, env: Record<string, string> = {}): number {
  const out = execFileSync(process.execPath, ['-e', script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(ROOT, 'node_modules'), ...env } as unknown as NodeJS.ProcessEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Number(/@@(\d+(?:\.\d+)?)@@/.exec(out)![1]);
}

/** 先把两个 SDK 装进来（不计时），再量 require 我们的包 */
const REQUIRE_AFTER_SDKS = `require('@cloudbase/node-sdk'); require('wx-server-sdk'); const t = process.hrtime.bigint(); require('./index.js'); process.stdout.write('@@' + Number(process.hrtime.bigint() - t) / 1e6 + '@@');`;
const REQUIRE = (target: string) => `const t = process.hrtime.bigint(); require(${JSON.stringify(target)}); process.stdout.write('@@' + Number(process.hrtime.bigint() - t) / 1e6 + '@@');`;
/** 第一次调用：一个不碰数据库就能回答的请求（未知动作；cron 被带 OPENID 的调用拒绝；mediacheck 不认识的推送） */
const FIRST_CALL = `const t = process.hrtime.bigint(); const m = require('./index.js'); Promise.resolve(m.main({ action: '__bench__' }, {})).then(() => process.stdout.write('@@' + Number(process.hrtime.bigint() - t) / 1e6 + '@@'));`;
const PLATFORM_IDENTITY = { WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'o-bench-user' };

/** 一个云函数包的数字 */
/** ownRequireMs：同一个全新进程里先 require 两个 SDK，再量 require('./index.js')——我们自己的代码在冷启动里多花的时间（issue 13：intake 不超过 SDK 之外 30 ms） */
export type FunctionFigures = { bundleKB: number; indexKB: number; gzipKB: number; coldRequireMs: number; ownRequireMs: number; firstCallMs: number };

/** 两个 SDK 的基线，加上每个函数一组（键是函数名） */
export type FunctionsFigures = {
  sdkOnlyRequireMs: number;
  nodeSdkOnlyRequireMs: number;
  [fn: string]: number | FunctionFigures;
};

export async function measure(): Promise<FunctionsFigures> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-bench-functions-'));
  const built = await buildAll(out);
  const bothSdks = `const t = process.hrtime.bigint(); require('@cloudbase/node-sdk'); require('wx-server-sdk'); process.stdout.write('@@' + Number(process.hrtime.bigint() - t) / 1e6 + '@@');`;
  const sdkOnly = median(Array.from({ length: RUNS }, () => timeInFreshNode(out, bothSdks)));
  const nodeSdkOnly = median(Array.from({ length: RUNS }, () => timeInFreshNode(out, REQUIRE('@cloudbase/node-sdk'))));
  console.log(`Node ${process.version}；每项取 ${RUNS} 个全新进程的中位数`);
  console.log(`只 require 两个 SDK：${sdkOnly.toFixed(0)} ms；只 require @cloudbase/node-sdk：${nodeSdkOnly.toFixed(0)} ms\n`);
  console.log('函数          index.js      gzip 后   冷 require   SDK 之外   首次调用（含 SDK 初始化）  外部依赖');
  const zlib = await import('node:zlib');
  const figures: FunctionsFigures = { sdkOnlyRequireMs: sdkOnly, nodeSdkOnlyRequireMs: nodeSdkOnly };
  for (const b of built) {
    const file = path.join(b.dir, 'index.js');
    const gz = zlib.gzipSync(fs.readFileSync(file)).length;
    const cold = median(Array.from({ length: RUNS }, () => timeInFreshNode(b.dir, REQUIRE('./index.js'))));
    const own = median(Array.from({ length: RUNS }, () => timeInFreshNode(b.dir, REQUIRE_AFTER_SDKS)));
    const first = median(Array.from({ length: RUNS }, () => timeInFreshNode(b.dir, FIRST_CALL, PLATFORM_IDENTITY)));
    console.log(
      `${b.spec.name.padEnd(12)} ${`${(b.bundleBytes / 1024).toFixed(1)} KB`.padStart(10)} ${`${(gz / 1024).toFixed(1)} KB`.padStart(10)} ${`${cold.toFixed(0)} ms`.padStart(10)} ${`${own.toFixed(0)} ms`.padStart(9)} ${`${first.toFixed(0)} ms`.padStart(16)}            ${b.externals.join(', ')}`,
    );
    figures[b.spec.name] = { bundleKB: b.bundleBytes / 1024, indexKB: b.indexBytes / 1024, gzipKB: gz / 1024, coldRequireMs: cold, ownRequireMs: own, firstCallMs: first };
  }
  fs.rmSync(out, { recursive: true, force: true });
  return figures;
}

if (require.main === module) runBench(measure);
