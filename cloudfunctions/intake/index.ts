/**
 * intake 云函数的入口（微信云开发）：居民扫码后的一切，路由见 handler.ts。
 * 分诊模型（约 2.4 MB）只打包进这个函数，第一次分诊时才解析。
 */
import { defaultTriager } from '../../shared/triage/default-model';
import { callDeps, CloudRuntime, handlerMain, lazyMain, type CloudMain, type CloudPlatform, type RuntimeOptions } from '../_runtime/platform.cloudbase';
import { initNodeSdk } from '../_runtime/adapters/sdk.cloudbase';
import { initWxServerSdk } from '../_runtime/adapters/sdk.wechat';
import { createIntakeHandler } from './handler';

export function createMain(platform: CloudPlatform, options: RuntimeOptions = {}): CloudMain {
  const rt = new CloudRuntime(platform, { triager: defaultTriager, ...options });
  return handlerMain(rt, callDeps, (deps) => createIntakeHandler(deps, rt.logger));
}

export const main = lazyMain(() => createMain({ wx: initWxServerSdk(), app: initNodeSdk() }));
