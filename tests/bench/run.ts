/**
 * npm run bench：逐个运行 tests/bench/*.bench.ts（各自一个全新进程），打印各自的数字。基准只打印，不做计时断言。
 *
 *   npm run bench                   # 给人看的报告
 *   npm run bench -- submit         # 只跑文件名含 submit 的基准
 *   npm run bench -- --json         # 报告照旧，最后一行是一个 JSON 对象：全部数字，键如 submit.p50Ms
 *
 * JSON 的键 = 基准名（文件名去掉 .bench.ts）+ 该基准 measure() 返回的字段路径，见 figures.ts。
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIGURES_FILE_ENV } from './figures';

/** 别的程序依赖的键（issue 8）：--json 时少了哪个就算失败，免得改基准时悄悄丢掉 */
const REQUIRED_KEYS = [
  'submit.storeOpsPerSubmit',
  'submit.p50Ms',
  'submit.p95Ms',
  'functions.sdkOnlyRequireMs',
  'functions.intake.bundleKB',
  'functions.intake.coldRequireMs',
  'functions.intake.ownRequireMs',
  'weapp.mainKB',
  'triage.meanMs',
];

/**
 * 几个基准共用一个前缀时在这里登记：triage-judgements.bench.ts（紧急程度、范围、三库在标注集上的成绩，issue 13）
 * 的数字也放在 triage.* 下；它跑了就必须交出这几个键。
 */
const KEY_PREFIX: Record<string, string> = { 'triage-judgements': 'triage' };
const REQUIRED_KEYS_OF: Record<string, string[]> = {
  dashboard: ['dashboard.ms1k', 'dashboard.ms100k', 'report.ms100k', 'report.peakMB', 'dashboard.cloudbaseDocsRead'],
  'triage-judgements': ['triage.urgentRecall', 'triage.urgentPrecision', 'triage.individualF1', 'triage.libraryMacroF1'],
};

/** 一个基准交出的数字里，有的按约定放在别的前缀下（issue 12：每月通报的数在 report.*） */
const RENAMED: Record<string, string> = { 'dashboard.reportMs100k': 'report.ms100k', 'dashboard.reportCpuMs100k': 'report.cpuMs100k', 'dashboard.reportPeakMB': 'report.peakMB' };

const dir = __dirname;
const args = process.argv.slice(2);
const json = args.includes('--json');
const only = args.find((a) => !a.startsWith('--'));
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
const tsx = path.resolve(dir, '../../node_modules/.bin/tsx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-bench-figures-'));
const figures: Record<string, number> = {};
const failed: string[] = [];
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const name = f.replace(/\.bench\.ts$/, '');
  const out = path.join(tmp, `${name}.json`);
  const r = spawnSync(tsx, [path.join(dir, f)], {
    stdio: 'inherit',
    cwd: path.resolve(dir, '../..'),
    env: json ? { ...process.env, [FIGURES_FILE_ENV]: out } : process.env,
  });
  if (r.status !== 0) failed.push(f);
  else if (json) {
    if (!fs.existsSync(out)) failed.push(`${f}（没有交出数字）`);
    else for (const [k, v] of Object.entries(JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, number>)) figures[RENAMED[`${name}.${k}`] ?? `${KEY_PREFIX[name] ?? name}.${k}`] = v;
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

if (json) {
  const ran = new Set(files.map((f) => f.replace(/\.bench\.ts$/, '')));
  const missing = [
    ...REQUIRED_KEYS.filter((k) => ran.has(k.split('.')[0]!)),
    ...Object.entries(REQUIRED_KEYS_OF).flatMap(([name, keys]) => (ran.has(name) ? keys : [])),
  ].filter((k) => !(k in figures));
  if (missing.length) failed.push(`缺少数字：${missing.join('、')}`);
  if (failed.length) console.error(`\n基准失败：${failed.join('；')}`);
  // 最后一行：一个 JSON 对象，给程序读
  console.log(JSON.stringify(figures));
} else if (failed.length) console.error(`\n基准失败：${failed.join('；')}`);
if (failed.length) process.exit(1);
