/**
 * 带随仓库发布的模型的分诊器。模型 JSON 用静态 import 引入，打包工具会把它一起打进云函数；
 * 只有这个文件引用模型，小程序端只用 ./index 里的轻量函数时不会带上它。
 * 第一次调用时才解析（约几十毫秒；其中按 zod 模式校验结构只占 2–4 毫秒），之后复用。文件坏了在这里抛错，说明哪个字段坏了。
 */
import modelJson from './model/triage-model.json';
import { createTriager, parseTriageModel, type TriageModel } from './index';

let cached: { model: TriageModel; triager: ReturnType<typeof createTriager> } | null = null;

function load() {
  if (!cached) {
    const model = parseTriageModel(modelJson as unknown);
    cached = { model, triager: createTriager(model) };
  }
  return cached;
}

export function getDefaultModel(): TriageModel {
  return load().model;
}

export function getDefaultTriager(): ReturnType<typeof createTriager> {
  return load().triager;
}

/** 与 getDefaultTriager() 相同，写成对象方便直接 defaultTriager.triage(...)；首次调用时才加载模型。 */
export const defaultTriager: ReturnType<typeof createTriager> = {
  triage: (input) => load().triager.triage(input),
};
