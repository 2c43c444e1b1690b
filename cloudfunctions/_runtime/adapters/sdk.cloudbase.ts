/**
 * 在云函数里初始化 @cloudbase/node-sdk（数据库、云存储），环境取当前云函数所在的环境。
 * 只被云函数入口（cloudfunctions/<名字>/index.ts）引用；测试给入口传替身，不经过这里。
 */
import * as tcb from '@cloudbase/node-sdk';
import type { NodeSdkApp } from '../platform.cloudbase';

export function initNodeSdk(): NodeSdkApp {
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
}
