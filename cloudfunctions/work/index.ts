/**
 * work 云函数的入口（微信云开发）：委员和召集人的工作台，路由见 handler.ts。不做分诊，不带模型。
 */
import { callDeps, CloudRuntime, handlerMain, lazyMain, type CloudMain, type CloudPlatform, type RuntimeOptions } from '../_runtime/platform.cloudbase';
import { initNodeSdk } from '../_runtime/adapters/sdk.cloudbase';
import { initWxServerSdk } from '../_runtime/adapters/sdk.wechat';
import { createWorkHandler } from './handler';

export function createMain(platform: CloudPlatform, options: RuntimeOptions = {}): CloudMain {
  const rt = new CloudRuntime(platform, options);
  return handlerMain(rt, callDeps, (deps) => createWorkHandler(deps, rt.logger));
}

export const main = lazyMain(() => createMain({ wx: initWxServerSdk(), app: initNodeSdk() }));
