/**
 * admin 云函数的入口（微信云开发）：政协办的管理后台，路由见 handler.ts。不做分诊，不带模型。
 * 海报上的小程序码用 wxacode.getUnlimited 生成（config.json 里声明了这个接口），生成一次后缓存在云存储。
 */
import { adminCallDeps, CloudRuntime, handlerMain, lazyMain, type CloudMain, type CloudPlatform, type RuntimeOptions } from '../_runtime/platform.cloudbase';
import { initNodeSdk } from '../_runtime/adapters/sdk.cloudbase';
import { initWxServerSdk } from '../_runtime/adapters/sdk.wechat';
import { createAdminHandler } from './handler';

export function createMain(platform: CloudPlatform, options: RuntimeOptions = {}): CloudMain {
  const rt = new CloudRuntime(platform, options);
  return handlerMain(rt, adminCallDeps, (deps) => createAdminHandler(deps, rt.logger));
}

export const main = lazyMain(() => createMain({ wx: initWxServerSdk(), app: initNodeSdk() }));
