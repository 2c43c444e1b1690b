/**
 * 基准的数字：每个 *.bench.ts 导出 measure()，照旧打印给人看的报告，同时返回一棵数字树（typed record）。
 * run.ts 把各棵树按文件名（submit.bench.ts → submit）展平成点分键，`npm run bench -- --json` 在最后一行
 * 打印成一个 JSON 对象，如 { "submit.p50Ms": 3.1, "functions.intake.bundleKB": 812.4, … }。
 *
 * 加一个数字：在那个基准的 Figures 类型里加一个字段，在 measure() 返回的对象里填上它——键名就是字段路径。
 * 单位写进键名（Ms、KB、PerSec），比例用 0–1。
 */
import fs from 'node:fs';

/** 数字树：叶子是数字，键名不含点（点是展平后的分隔符） */
export type FigureTree = { readonly [key: string]: number | FigureTree };

/** 子进程把展平后的数字写进这个环境变量给的文件（run.ts --json 设置它） */
export const FIGURES_FILE_ENV = 'BENCH_FIGURES_FILE';

/** 保留 4 位小数：够比较，又不把浮点噪声写进 JSON；整数原样 */
function tidy(v: number): number {
  return Number.isInteger(v) ? v : Math.round(v * 1e4) / 1e4;
}

export function flatten(tree: FigureTree, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(tree)) {
    if (k.includes('.')) throw new Error(`基准数字的键不能含点：${prefix}${k}`);
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error(`基准数字 ${key} 不是有限数：${v}`);
      out[key] = tidy(v);
    } else Object.assign(out, flatten(v, key));
  }
  return out;
}

/** 小数阈值做键：0.45 → "at45"（键里不能有点） */
export const thresholdKey = (t: number) => `at${Math.round(t * 100)}`;

/**
 * 作为脚本运行一个基准（npx tsx tests/bench/x.bench.ts）：跑 measure()，设置了 BENCH_FIGURES_FILE 时
 * 把展平的数字写进去；出错时退出码 1。
 */
export function runBench(measure: () => Promise<FigureTree> | FigureTree): void {
  Promise.resolve()
    .then(measure)
    .then((figures) => {
      const file = process.env[FIGURES_FILE_ENV];
      if (file) fs.writeFileSync(file, JSON.stringify(flatten(figures)));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
