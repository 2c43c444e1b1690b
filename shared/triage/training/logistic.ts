/**
 * 两个判断训练脚本（scripts/train-urgency.ts、scripts/train-judgements.ts）共用的逻辑回归：全批梯度下降、每个特征各自的 L2、
 * 正类可加权，确定性的（同样的输入逐位得到同样的权重）。特征号前一段是有名字的线索，后一段是整词。
 */
import type { LinearWeights } from '../linear-judge';

export interface LogisticOptions {
  /** 第 k 个特征的 L2 */
  l2: (k: number) => number;
  posWeight: number;
  rate: number;
  epochs: number;
}

/** rows[i] 是第 i 条的 [特征号, 值]；返回未取整的权重和偏置 */
export function fitLogistic(rows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, y: ReadonlyArray<0 | 1>, nFeatures: number, o: LogisticOptions): { w: Float64Array; b: number } {
  const w = new Float64Array(nFeatures);
  const l2 = Float64Array.from({ length: nFeatures }, (_, k) => o.l2(k));
  let b = 0;
  const n = rows.length;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const g = new Float64Array(nFeatures);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let z = b;
      for (const [k, v] of rows[i]!) z += w[k]! * v;
      const d = (1 / (1 + Math.exp(-z)) - y[i]!) * (y[i] ? o.posWeight : 1);
      gb += d;
      for (const [k, v] of rows[i]!) g[k]! += d * v;
    }
    for (let k = 0; k < nFeatures; k++) w[k]! -= o.rate * (g[k]! / n + l2[k]! * w[k]!);
    b -= (o.rate * gb) / n;
  }
  return { w, b };
}

/** 取两位小数写进权重表：线索取整后为 0 的不写，整词绝对值不到 0.05 的不写 */
export function toLinearWeights(cueNames: readonly string[], vocab: readonly string[], fitted: { w: Float64Array; b: number }): LinearWeights {
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const cues: Record<string, number> = {};
  cueNames.forEach((name, k) => {
    if (r2(fitted.w[k]!) !== 0) cues[name] = r2(fitted.w[k]!);
  });
  const words: Record<string, number> = {};
  vocab.forEach((v, j) => {
    const x = fitted.w[cueNames.length + j]!;
    if (Math.abs(x) >= 0.05) words[v] = r2(x);
  });
  return { bias: r2(fitted.b), cues, words };
}
