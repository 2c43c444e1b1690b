/**
 * 提交反映的基准：经本地 HTTP 接口、嵌入式数据库，打印延迟（p50、p95）、吞吐和每次提交的存储操作数。
 * 数字也作为 SubmitFigures 返回（npm run bench -- --json 里的 submit.*）。
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { SETTINGS_BOUNDS } from '../../shared/domain/settings';
import { openSqliteStore } from '../../cloudfunctions/_runtime/adapters/store.sqlite';
import { spawn } from 'node:child_process';
import { createLocalRuntime } from '../../cloudfunctions/_local/runtime';
import { seedDemoCounty } from '../../cloudfunctions/_runtime/demo-county';
import { runBench } from './figures';

const TEXTS = [
  '小区出行道路被电线杆挡住，车辆进出困难，救护车都开不进来。',
  '5栋门口的路灯坏了一个多月，晚上老人出门看不见路。',
  '菜市场门口占道经营，电动车过不去，希望城管管一管。',
  '楼下化粪池满溢好几天了，臭气熏天，请尽快处理。',
  '建议在社区增设老年食堂，方便独居老人吃饭。',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** 服务在单独的进程里跑（和 npm run api 一样），压测客户端不和它抢同一个事件循环 */
async function startApi(dir: string) {
  const port = await freePort();
  const child = spawn(path.resolve(__dirname, '../../node_modules/.bin/tsx'), [path.resolve(__dirname, '../../cloudfunctions/_local/server.ts')], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dir, SEED_DEMO: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      /* 还没起来 */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('本地服务没有启动');
}

export type SubmitFigures = {
  /** 顺序提交（一次一个） */
  p50Ms: number;
  p95Ms: number;
  concurrent: { streams: number; requests: number; p50Ms: number; p95Ms: number; throughputPerSec: number };
  /** 一次提交碰存储几次（CloudBase 上每次是一个网络往返） */
  storeOpsPerSubmit: number;
  /** 提交里分诊一条的耗时 */
  triageMs: number;
};

export async function measure(): Promise<SubmitFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-bench-'));
  // 基准一小时内往同一个站提交一千多条：把本县的站点上限调到允许的最大值（与政协办在设置页改的一样写进库里）
  const setup = openSqliteStore(dir);
  await setup.putCountySettings({ reportsPerHourPerStation: SETTINGS_BOUNDS.reportsPerHourPerStation.max });
  setup.close();
  const s = await startApi(dir);
  // 同一居民一小时内只能提 10 条，所以基准用不同的居民
  let n = 0;
  const submitOnce = async () => {
    const i = n++;
    const t0 = performance.now();
    const res = await fetch(`${s.url}/api/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': `bench-resident-${i}` },
      body: JSON.stringify({ action: 'submitReport', stationId: 'demo-station-1', text: TEXTS[i % TEXTS.length], clientRequestId: `bench-${i}-xxxxxxxx` }),
    });
    const json = (await res.json()) as { ok: boolean };
    if (!json.ok) throw new Error(JSON.stringify(json));
    return performance.now() - t0;
  };

  // 每次提交的存储操作数（同一套处理函数在本进程里调，另一个数据目录，不含投递）
  const opsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-bench-ops-'));
  const rt = createLocalRuntime({ dataDir: opsDir, settings: { reportsPerHourPerStation: SETTINGS_BOUNDS.reportsPerHourPerStation.max } });
  await seedDemoCounty(rt.deps, { tickets: false });
  const store = rt.store;
  const before = store.operations;
  const OPS_RUNS = 50;
  for (let i = 0; i < OPS_RUNS; i++) {
    const r = await rt.handlers.intake({ action: 'submitReport', stationId: 'demo-station-1', text: TEXTS[i % TEXTS.length], clientRequestId: `ops-${i}-xxxxxxxx` }, { openid: `ops-resident-${i}` });
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
  const opsPerSubmit = (store.operations - before) / OPS_RUNS;
  const triageStart = performance.now();
  for (let i = 0; i < 500; i++) rt.deps.triager.triage({ body: TEXTS[i % TEXTS.length]! });
  const triageMs = (performance.now() - triageStart) / 500;
  rt.close();
  fs.rmSync(opsDir, { recursive: true, force: true });

  for (let i = 0; i < 30; i++) await submitOnce(); // 预热

  const SEQ = 300;
  const seq: number[] = [];
  for (let i = 0; i < SEQ; i++) seq.push(await submitOnce());
  seq.sort((a, b) => a - b);

  const CONC = 8;
  const TOTAL = 800;
  const t0 = performance.now();
  const conc: number[] = [];
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      while (conc.length < TOTAL) conc.push(await submitOnce());
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  conc.sort((a, b) => a - b);

  console.log(`提交反映（HTTP + SQLite，WAL，synchronous=FULL，含分诊）`);
  console.log(`  顺序 ${SEQ} 次：p50 ${percentile(seq, 50).toFixed(2)} ms，p95 ${percentile(seq, 95).toFixed(2)} ms`);
  console.log(`  并发 ${CONC} 路共 ${conc.length} 次：p50 ${percentile(conc, 50).toFixed(2)} ms，p95 ${percentile(conc, 95).toFixed(2)} ms，吞吐 ${(conc.length / seconds).toFixed(0)} 次/秒`);
  console.log(`  每次提交的存储操作：${opsPerSubmit.toFixed(1)} 次（读县设置、一次读出站点/小组/委员、一个写事务：查重试和限流计数在事务里）`);
  console.log(`  其中分诊：${triageMs.toFixed(3)} ms/条`);
  s.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    p50Ms: percentile(seq, 50),
    p95Ms: percentile(seq, 95),
    concurrent: { streams: CONC, requests: conc.length, p50Ms: percentile(conc, 50), p95Ms: percentile(conc, 95), throughputPerSec: conc.length / seconds },
    storeOpsPerSubmit: opsPerSubmit,
    triageMs,
  };
}

if (require.main === module) runBench(measure);
