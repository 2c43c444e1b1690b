/**
 * 在云函数里初始化 wx-server-sdk（身份 getWXContext、微信开放接口 cloud.openapi），环境取当前环境。
 * 只被云函数入口引用；mediacheck 不需要它，所以和 node-sdk 的初始化分开放，它的包里就没有这个依赖。
 */
import * as cloud from 'wx-server-sdk';
import type { WxServerSdk } from '../platform.cloudbase';

export function initWxServerSdk(): WxServerSdk {
  // DYNAMIC_CURRENT_ENV：跟随函数所在的环境（类型声明里漏了 symbol）
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  return cloud as unknown as WxServerSdk;
}
