/**
 * 看板与每月通报的基准：1 千张与 10 万张工单的县（scripts/load-county.ts 造的，经 createTicket 写入，汇总同一套代码），
 * 看板一次调用多久（按联络站分行、最近一个整月，取 5 次的中位数）；10 万张时导出每月通报（写 .xlsx）多久、进程内存峰值多少；
 * CloudBase 适配器 + 数据库替身上，一次看板调用从数据库读回几个文档（与工单多少无关：汇总按维度聚合后的行、过期计数的行、站点与小组）。
 * 数字也作为 DashboardFigures 返回（npm run bench -- --json 里的 dashboard.*；通报的两个数放在 report.*，见 run.ts）。
 *
 * 10 万张造一次要两三分钟。设了 BENCH_DASHBOARD_DIR 时，10 万张的县造在这个目录里、跑完不删；下次目录里已有工单就直接用
 * （造县的秒数记为 0）。换了存储结构或造县的代码后，删掉目录重造。
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalRuntime } from '../../cloudfunctions/_local/runtime';
import { createCloudbaseStore } from '../../cloudfunctions/_runtime/adapters/store.cloudbase';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import type { CloudbaseDatabase } from '../../cloudfunctions/_runtime/adapters/db.cloudbase';
import { previousPeriod, periodOf } from '../../shared/domain/figures';
import { settingsFrom } from '../../shared/usecases/context';
import { getDashboard } from '../../shared/usecases/admin/get-dashboard';
import type { AdminDeps } from '../../shared/usecases/admin/admin-context';
import { CloudbaseDbService, createDoubleDatabase } from '../contract/cloudbase-db.double';
import { loadCounty } from '../../scripts/load-county';
import { runBench } from './figures';

/** reportCpuMs100k：导出那一次进程用掉的 CPU 时间（用户 + 系统）——机器忙时墙上时间会被别的进程拉长，CPU 时间不会 */
export type DashboardFigures = { ms1k: number; ms100k: number; cloudbaseDocsRead: number; reportMs100k: number; reportCpuMs100k: number; reportPeakMB: number; seedSeconds100k: number };

const NOW = new Date('2026-12-01T04:00:00.000Z');
const MONTH = previousPeriod(periodOf(NOW.toISOString()));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function localCounty(tickets: number, keepDir?: string) {
  const dir = keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-bench-dashboard-'));
  const rt = createLocalRuntime({ dataDir: dir, clock: { now: () => NOW }, logger: { error: () => {} } });
  const started = Date.now();
  const existing = keepDir ? await rt.store.countTickets({}) : 0;
  if (existing > 0 && existing !== tickets) throw new Error(`${keepDir} 里有 ${existing} 张工单，不是 ${tickets} 张；删掉目录重造`);
  if (existing === 0) await loadCounty(rt.store, { tickets, now: NOW });
  const seedSeconds = existing === 0 ? (Date.now() - started) / 1000 : 0;
  const call = (action: string, payload: Record<string, unknown>) => rt.handlers.admin({ action, ...payload }, { openid: 'demo-admin' });
  async function timeDashboard(): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = await call('dashboard', { from: MONTH, to: MONTH, by: 'station' });
      times.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.code);
    }
    return median(times);
  }
  return { rt, dir, seedSeconds, call, timeDashboard, close: () => (rt.close(), keepDir ? undefined : fs.rmSync(dir, { recursive: true, force: true })) };
}

/** 替身服务：数一数读请求（取文档、聚合）一共交回几个文档 */
class CountingService extends CloudbaseDbService {
  docsReturned = 0;
  override handle(action: string, p: Record<string, any>): unknown {
    const r = super.handle(action, p) as { data?: unknown } | undefined;
    if (action === 'database.getDocument' || action === 'database.aggregateDocuments') {
      const d = r?.data as { list?: unknown[] } | unknown[] | undefined;
      this.docsReturned += Array.isArray(d) ? d.length : Array.isArray(d?.list) ? d.list.length : 0;
    }
    return r;
  }
}

async function cloudbaseDocsRead(): Promise<number> {
  const service = new CountingService(ALL_COLLECTIONS.map((c) => c.name));
  const store = createCloudbaseStore(createDoubleDatabase(service) as CloudbaseDatabase);
  await loadCounty(store, { tickets: 2000, now: NOW });
  const admin = await store.findMemberByOpenid('demo-admin');
  if (!admin) throw new Error('no demo admin');
  const deps = { store, clock: { now: () => NOW }, loadSettings: settingsFrom(store) } as unknown as AdminDeps;
  service.docsReturned = 0;
  const r = await getDashboard(deps, 'demo-admin', { from: MONTH, to: MONTH, by: 'station' });
  if (!r.ok) throw new Error(r.error.code);
  return service.docsReturned;
}

export async function measure(): Promise<DashboardFigures> {
  const small = await localCounty(1000);
  const ms1k = await small.timeDashboard();
  small.close();
  console.log(`1 千张工单：看板一次 ${ms1k.toFixed(1)} ms`);

  const big = await localCounty(100_000, process.env.BENCH_DASHBOARD_DIR ? path.resolve(process.env.BENCH_DASHBOARD_DIR) : undefined);
  console.log(`10 万张工单：造县用了 ${big.seedSeconds.toFixed(1)} 秒`);
  const ms100k = await big.timeDashboard();
  console.log(`10 万张工单：看板一次 ${ms100k.toFixed(1)} ms`);
  const baseMB = process.memoryUsage().rss / (1024 * 1024);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const report = await big.call('monthlyReport', { month: MONTH });
  const reportMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const reportCpuMs = (cpu.user + cpu.system) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (!report.ok) throw new Error(report.error.code);
  big.close();
  const reportPeakMB = peak / (1024 * 1024);
  console.log(`10 万张工单：导出每月通报 ${reportMs.toFixed(0)} ms（CPU ${reportCpuMs.toFixed(0)} ms），进程内存峰值 ${reportPeakMB.toFixed(0)} MB（导出前 ${baseMB.toFixed(0)} MB）`);

  const docs = await cloudbaseDocsRead();
  console.log(`CloudBase（替身）：一次看板读回 ${docs} 个文档`);
  return { ms1k, ms100k, cloudbaseDocsRead: docs, reportMs100k: reportMs, reportCpuMs100k: reportCpuMs, reportPeakMB, seedSeconds100k: big.seedSeconds };
}

if (require.main === module) runBench(measure);
