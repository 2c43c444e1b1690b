/**
 * weapp 包体基准：用 miniprogram-ci 的 analyseCode 量 dist/weapp 的主包和各分包大小（没有构建就先构建）。
 * 只打印，不做断言（断言在 tests/integration/weapp-package.test.ts）。  npx tsx tests/bench/weapp.bench.ts
 */
import { analyseWeapp, describeSizes, ensureWeappBuild, kb, MAIN_PACKAGE_BUDGET } from '../weapp/analyse-weapp';

async function main(): Promise<void> {
  const { built } = ensureWeappBuild();
  const r = await analyseWeapp();
  console.log(describeSizes(r));
  console.log(`  主包预算 ${kb(MAIN_PACKAGE_BUDGET)}，余量 ${kb(MAIN_PACKAGE_BUDGET - r.packages.main!)}${built ? '（刚刚构建）' : ''}`);
  console.log(`  miniprogram-ci：analyseCode ${r.ms.analyse} ms，checkCodeQuality ${r.ms.quality} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
