/**
 * npm start：先读环境变量（进程环境 + 仓库根目录的 .env，不对就在构建之前报错），
 * h5 构建不存在或比源码旧时先构建，再启动本地服务（接口 + 页面 + 演示县）。
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadLocalEnv, type LocalEnv } from '../cloudfunctions/_runtime/env';

let env: LocalEnv;
try {
  env = loadLocalEnv();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'dist/h5/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const sources = [path.join(root, 'miniprogram/src'), path.join(root, 'miniprogram/config'), path.join(root, 'shared')];
const stale = !fs.existsSync(built) || Math.max(...sources.map(newestMtime)) > fs.statSync(built).mtimeMs;
if (stale) {
  console.log('正在构建 h5 页面（约 20 秒）……');
  const r = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require('../cloudfunctions/_local/server') as typeof import('../cloudfunctions/_local/server');
server.startServer(env).then((s) => {
  console.log(`码上提本地服务已启动：${s.url}`);
  for (const line of server.describeStartup(s.env)) console.log(`  ${line}`);
  console.log(`  居民扫码页：${s.url}/#/pages/station/index?station=demo-station-1`);
  console.log(`  委员工作台：${s.url}/?as=demo-member-1#/packages/work/queue/index`);
  const stop = () => s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
