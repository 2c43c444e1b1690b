/**
 * weapp 包体基准：用 miniprogram-ci 的 analyseCode 量 dist/weapp 的主包和各分包大小（没有构建就先构建）。
 * 只打印，不做断言（断言在 tests/integration/weapp-package.test.ts）。  npx tsx tests/bench/weapp.bench.ts
 * 数字也作为 WeappFigures 返回（--json 里的 weapp.*；分包按 app.json 的 root，如 weapp.subpackages.packages/work.sizeKB）。
 */
import { analyseWeapp, describeSizes, ensureWeappBuild, kb, MAIN_PACKAGE_BUDGET } from '../weapp/analyse-weapp';
import { runBench } from './figures';

export type WeappFigures = {
  mainKB: number;
  totalKB: number;
  /** 主包预算还剩多少 */
  mainHeadroomKB: number;
  subpackages: { [root: string]: { sizeKB: number } };
  analyseMs: number;
  qualityMs: number;
};

export async function measure(): Promise<WeappFigures> {
  const { built } = ensureWeappBuild();
  const r = await analyseWeapp();
  console.log(describeSizes(r));
  console.log(`  主包预算 ${kb(MAIN_PACKAGE_BUDGET)}，余量 ${kb(MAIN_PACKAGE_BUDGET - r.packages.main!)}${built ? '（刚刚构建）' : ''}`);
  console.log(`  miniprogram-ci：analyseCode ${r.ms.analyse} ms，checkCodeQuality ${r.ms.quality} ms`);
  const subpackages: WeappFigures['subpackages'] = {};
  for (const [root, bytes] of Object.entries(r.packages)) if (root !== 'main') subpackages[root] = { sizeKB: bytes / 1024 };
  return {
    mainKB: r.packages.main! / 1024,
    totalKB: r.totalBytes / 1024,
    mainHeadroomKB: (MAIN_PACKAGE_BUDGET - r.packages.main!) / 1024,
    subpackages,
    analyseMs: r.ms.analyse,
    qualityMs: r.ms.quality,
  };
}

if (require.main === module) runBench(measure);
