/**
 * 第一次分诊时才读入并解析模型的分诊器。模型从哪里来由调用方决定：
 * - default-model.ts：静态 import 随仓库发布的模型（本地服务、命令行）；
 * - 云函数 intake：读与 index.js 放在一起的模型文件（不打进 index.js：几百 KB 的字符串会算进每次冷启动的编译）。
 * 模型坏了在第一次分诊时抛错，说明哪个字段坏了。
 */
import { createTriager, parseTriageModel, type TriageModel } from './index';

/** 随仓库发布的模型的文件名（shared/triage/model/ 下；云函数 intake 的 index.js 旁边也是这个名字） */
export const SHIPPED_MODEL_FILE = 'triage-model.json';

export interface LazyTriager {
  triage: ReturnType<typeof createTriager>['triage'];
  model(): TriageModel;
}

export function lazyTriager(loadModelJson: () => unknown): LazyTriager {
  let cached: { model: TriageModel; triager: ReturnType<typeof createTriager> } | null = null;
  const load = () => {
    if (!cached) {
      const model = parseTriageModel(loadModelJson());
      cached = { model, triager: createTriager(model) };
    }
    return cached;
  };
  return { triage: (input) => load().triager.triage(input), model: () => load().model };
}
