/**
 * 在单独的 node 进程里跑 miniprogram-ci 的离线检查，把结果以 JSON 打到标准输出，然后退出。
 * （miniprogram-ci 会留下文件监视器，放在测试进程里会让 jest 退不出去。）
 *   node tests/weapp/miniprogram-ci-runner.cjs <weapp 构建目录>
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

async function main() {
  const dir = path.resolve(process.argv[2]);
  const ci = require('miniprogram-ci');
  // 离线检查不用密钥，但参数必须指向一个存在的文件
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpci-'));
  const keyFile = path.join(keyDir, 'private.key');
  fs.writeFileSync(keyFile, '');
  const project = new ci.Project({ appid: 'touristappid', type: 'miniProgram', projectPath: dir, privateKeyPath: keyFile, ignores: ['node_modules/**/*'] });
  let t = Date.now();
  const analysis = await ci.analyseCode(project, { silent: true });
  const analyse = Date.now() - t;
  t = Date.now();
  const checks = await ci.checkCodeQuality(project);
  const quality = Date.now() - t;
  fs.rmSync(keyDir, { recursive: true, force: true });
  if (!analysis) throw new Error('miniprogram-ci analyseCode 没有返回结果');
  const files = analysis.files.map((f) => ({ path: f.path, size: f.size, subPackage: f.subPackage }));
  process.stdout.write(`\n@@RESULT@@${JSON.stringify({ files, checks, ms: { analyse, quality } })}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  },
);
