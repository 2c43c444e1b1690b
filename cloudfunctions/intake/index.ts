/**
 * intake 云函数的入口（微信云开发）：居民扫码后的一切，路由见 handler.ts。
 * 分诊模型（约 0.55 MB）不打进 index.js：构建把它复制到 index.js 旁边（SHIPPED_MODEL_FILE），第一次分诊时才读入、解析。
 * 几百 KB 的字符串留在 index.js 里，每次冷启动都要多编译十来毫秒。
 */
import fs from 'node:fs';
import path from 'node:path';
import { lazyTriager, SHIPPED_MODEL_FILE } from '../../shared/triage/lazy-triager';
import { callDeps, CloudRuntime, handlerMain, lazyMain, type CloudMain, type CloudPlatform, type RuntimeOptions } from '../_runtime/platform.cloudbase';
import { initNodeSdk } from '../_runtime/adapters/sdk.cloudbase';
import { initWxServerSdk } from '../_runtime/adapters/sdk.wechat';
import { createIntakeHandler } from './handler';

/** 打包后模型在 index.js 旁边；从源码运行（测试）时在 shared/triage/model 下 */
function readModelJson(): unknown {
  const beside = path.join(__dirname, SHIPPED_MODEL_FILE);
  const file = fs.existsSync(beside) ? beside : path.join(__dirname, '../../shared/triage/model', SHIPPED_MODEL_FILE);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** 这个函数的分诊器（导出给构建检查用：打包后确实从旁边的文件读模型） */
export const triager = lazyTriager(readModelJson);

export function createMain(platform: CloudPlatform, options: RuntimeOptions = {}): CloudMain {
  const rt = new CloudRuntime(platform, { triager, ...options });
  return handlerMain(rt, callDeps, (deps) => createIntakeHandler(deps, rt.logger));
}

export const main = lazyMain(() => createMain({ wx: initWxServerSdk(), app: initNodeSdk() }));
