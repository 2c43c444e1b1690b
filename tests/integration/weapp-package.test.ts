/**
 * weapp 构建产物用微信自己的 miniprogram-ci 离线检查（analyseCode、checkCodeQuality）：
 * 主包不超过 600 KB（居民扫码后第一次打开要快；微信的硬上限 2 MB），每个分包不超过 2 MB、总共不超过 30 MB，
 * 委员的工作台页面在分包里，标签栏页面在主包里，没有只被分包用到却放在主包的代码和组件，没有无用文件。
 * 没有 dist/weapp/app.json 时先构建。压缩、按需注入这几项是上传时的设置，只打印不判失败。
 */
import { analyseWeapp, describeSizes, ensureWeappBuild, MAIN_PACKAGE_BUDGET, WECHAT_PACKAGE_LIMIT, WECHAT_TOTAL_LIMIT, kb, type WeappReport } from '../weapp/analyse-weapp';

/** 这些检查不过就是包的结构有问题 */
const MUST_PASS = ['PACKAGE_SIZE_LIMIT', 'IMAGE_AND_AUDIO_LIMIT', 'CONTAINS_OTHER_PKG_JS', 'CONTAINS_OTHER_PKG_COMPONENTS', 'CONTAINS_UNUSED_PLUGINS', 'CONTAINS_UNUSED_COMPONENTS', 'CONTAINS_UNUSED_CODES'];

let report: WeappReport;

beforeAll(async () => {
  ensureWeappBuild();
  report = await analyseWeapp();
  console.log(describeSizes(report));
  const advisory = report.checks.filter((c) => c.name && !MUST_PASS.includes(c.name) && c.success === false);
  if (advisory.length) console.log(`上传时的建议（不判失败）：\n${advisory.map((c) => `  ${c.name}：${c.text}`).join('\n')}`);
}, 300_000);

test(`主包不超过 ${kb(MAIN_PACKAGE_BUDGET)}，每个分包不超过 2 MB，总共不超过 30 MB`, () => {
  expect(report.packages.main).toBeGreaterThan(0);
  expect(report.packages.main).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET);
  for (const [name, size] of Object.entries(report.packages)) expect(`${name} ${size <= WECHAT_PACKAGE_LIMIT ? 'ok' : `超过 2 MB：${kb(size)}`}`).toBe(`${name} ok`);
  expect(report.totalBytes).toBeLessThanOrEqual(WECHAT_TOTAL_LIMIT);
});

test('委员工作台在 packages/work 分包里，标签栏页面都在主包里', () => {
  const subs = report.appJson.subPackages ?? report.appJson.subpackages ?? [];
  const work = subs.find((s) => s.root.replace(/\/$/, '') === 'packages/work');
  expect(work?.pages.length).toBeGreaterThan(0);
  expect(report.packages['packages/work']).toBeGreaterThan(0);
  expect(report.appJson.pages.some((p) => p.startsWith('packages/'))).toBe(false);
  for (const item of report.appJson.tabBar?.list ?? []) expect(report.appJson.pages).toContain(item.pagePath);
});

test('miniprogram-ci checkCodeQuality：包结构相关的检查全部通过', () => {
  const failed = report.checks.filter((c) => c.name && MUST_PASS.includes(c.name) && c.success === false).map((c) => `${c.name}：${c.text} ${JSON.stringify(c.detail ?? '').slice(0, 300)}`);
  expect(failed).toEqual([]);
  expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(['PACKAGE_SIZE_LIMIT', 'CONTAINS_UNUSED_CODES']));
});
