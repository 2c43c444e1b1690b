/**
 * 第一次分诊时才读入并解析模型的分诊器。模型和分诊代码（引擎）从哪里来由调用方决定：
 * - default-model.ts：静态 import 随仓库发布的模型和 ./index（本地服务、命令行）；
 * - 云函数 intake：读与 index.js 放在一起的模型文件和引擎文件（都不打进 index.js：几百 KB 的模型字符串、
 *   几十 KB 的分诊规则会算进每次冷启动的编译，而只有提交反映才分诊）。
 * 模型坏了在第一次分诊时抛错，说明哪个字段坏了。
 */
import type * as Engine from './index';
import type { createTriager, TriageModel } from './index';

/** 随仓库发布的模型的文件名（shared/triage/model/ 下；云函数 intake 的 index.js 旁边也是这个名字） */
export const SHIPPED_MODEL_FILE = 'triage-model.json';
/** 云函数 intake 的 index.js 旁边的分诊引擎（shared/triage/index.ts 单独打的包），第一次分诊时才 require */
export const SHIPPED_ENGINE_FILE = 'triage-engine.js';

/** 分诊器要用的那部分 ./index：只在这里写类型，不引入代码 */
export type TriageEngine = Pick<typeof Engine, 'createTriager' | 'parseTriageModel'>;

export interface LazyTriager {
  triage: ReturnType<typeof createTriager>['triage'];
  model(): TriageModel;
}

export function lazyTriager(loadModelJson: () => unknown, loadEngine: () => TriageEngine): LazyTriager {
  let cached: { model: TriageModel; triager: ReturnType<typeof createTriager> } | null = null;
  const load = () => {
    if (!cached) {
      const engine = loadEngine();
      const model = engine.parseTriageModel(loadModelJson());
      cached = { model, triager: engine.createTriager(model) };
    }
    return cached;
  };
  return { triage: (input) => load().triager.triage(input), model: () => load().model };
}
