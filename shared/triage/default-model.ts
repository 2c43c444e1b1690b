/**
 * 带随仓库发布的模型的分诊器（本地服务、命令行）。模型 JSON 用静态 import 引入；
 * 只有这个文件引用模型，小程序端只用 ./index 里的轻量函数时不会带上它。云函数 intake 不用这个文件，
 * 它读与 index.js 放在一起的模型文件和引擎文件（见 cloudfunctions/intake/index.ts）。
 * 第一次调用时才解析（约几十毫秒；其中按 zod 模式校验结构只占 2–4 毫秒），之后复用。
 */
import modelJson from './model/triage-model.json';
import * as engine from './index';
import type { createTriager, TriageModel } from './index';
import { lazyTriager } from './lazy-triager';

const shipped = lazyTriager(() => modelJson as unknown, () => engine);

export function getDefaultModel(): TriageModel {
  return shipped.model();
}

export function getDefaultTriager(): ReturnType<typeof createTriager> {
  return { triage: shipped.triage };
}

/** 与 getDefaultTriager() 相同，写成对象方便直接 defaultTriager.triage(...)；首次调用时才加载模型。 */
export const defaultTriager: ReturnType<typeof createTriager> = { triage: shipped.triage };
