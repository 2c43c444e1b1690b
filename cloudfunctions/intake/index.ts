/**
 * intake 云函数的入口（微信云开发）：居民扫码后的一切，路由见 handler.ts。
 * 分诊模型（约 0.55 MB）和分诊引擎（shared/triage 的规则与模型代码）都不打进 index.js：构建把模型复制到 index.js 旁边
 * （SHIPPED_MODEL_FILE），把引擎单独打包放在旁边（SHIPPED_ENGINE_FILE），第一次分诊时才读入。
 * 它们留在 index.js 里，每次冷启动都要多编译、多执行十来毫秒，而只有提交反映才分诊（issue 13）。
 */
// 按名字引入：默认导入会让打包结果在加载时把 fs 的上百个属性逐个复制一遍（约 0.5 ms）
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { lazyTriager, SHIPPED_ENGINE_FILE, SHIPPED_MODEL_FILE, type TriageEngine } from '../../shared/triage/lazy-triager';
import { callDeps, CloudRuntime, handlerMain, lazyMain, type CloudMain, type CloudPlatform, type RuntimeOptions } from '../_runtime/platform.cloudbase';
import { initNodeSdk } from '../_runtime/adapters/sdk.cloudbase';
import { initWxServerSdk } from '../_runtime/adapters/sdk.wechat';
import { createIntakeHandler } from './handler';

/** 打包后模型在 index.js 旁边；从源码运行（测试）时在 shared/triage/model 下 */
function readModelJson(): unknown {
  const beside = join(__dirname, SHIPPED_MODEL_FILE);
  const file = existsSync(beside) ? beside : join(__dirname, '../../shared/triage/model', SHIPPED_MODEL_FILE);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * 打包后引擎在 index.js 旁边；从源码运行（测试、tsx）时直接用 shared/triage。只有打包后的 index.js 才读旁边的：
 * 构建也会往源码目录里写产物，源码旁边可能留着旧的引擎。路径不写成字面量，打包时才不会把引擎又打进 index.js。
 */
function loadEngine(): TriageEngine {
  const bundled = basename(__filename) === 'index.js';
  return require(bundled ? join(__dirname, SHIPPED_ENGINE_FILE) : join(__dirname, '../../shared/triage')) as TriageEngine;
}

/** 这个函数的分诊器（导出给构建检查用：打包后确实从旁边的文件读模型和引擎） */
export const triager = lazyTriager(readModelJson, loadEngine);

export function createMain(platform: CloudPlatform, options: RuntimeOptions = {}): CloudMain {
  const rt = new CloudRuntime(platform, { triager, ...options });
  return handlerMain(rt, callDeps, (deps) => createIntakeHandler(deps, rt.logger));
}

export const main = lazyMain(() => createMain({ wx: initWxServerSdk(), app: initNodeSdk() }));
