/**
 * 把训练出的浮点模型量化成模型文件（格式见 ../model-file）：idf 量化成 uint8，权重按类别缩放量化成 int8，
 * 词表存成字典树、权重稀疏存放（见 ../model-codec），都以 base64 放在 JSON 里，模型文件约 0.6 MB。
 * 只有训练脚本写模型；线上读模型的是 ../model.ts 的 parseTriageModel，两边的量化公式要一起改。
 */
import type { Category } from '../../domain/vocabulary';
import { encodeBase64 } from '../base64';
import { encodeSparseInt8, encodeVocabTrie } from '../model-codec';
import type { FeatureConfig } from '../model';
import { MODEL_FORMAT, type TriageModelFile } from '../model-file';

/** 量化并组装模型文件；同样的输入得到逐字节相同的 JSON。 */
export function serializeModel(args: {
  categories: readonly Category[];
  features: FeatureConfig;
  terms: string[];
  idf: ArrayLike<number>;
  W: ArrayLike<number>;
  bias: ArrayLike<number>;
  temperature: number;
  meta?: Record<string, unknown>;
}): TriageModelFile {
  const K = args.categories.length;
  const F = args.terms.length;
  // 字典树要求词表按字典序：排好序，idf 和权重跟着换行（特征下标以排序后的为准）
  const order = args.terms.map((_, i) => i).sort((a, b) => (args.terms[a] < args.terms[b] ? -1 : args.terms[a] > args.terms[b] ? 1 : 0));
  const terms = order.map((i) => args.terms[i]);
  let idfMin = Infinity;
  let idfMax = -Infinity;
  for (let i = 0; i < F; i++) {
    idfMin = Math.min(idfMin, args.idf[i]);
    idfMax = Math.max(idfMax, args.idf[i]);
  }
  if (!Number.isFinite(idfMin)) {
    idfMin = 1;
    idfMax = 1;
  }
  const step = (idfMax - idfMin) / 255 || 1;
  const idfQ = new Uint8Array(F);
  for (let i = 0; i < F; i++) idfQ[i] = Math.round((args.idf[order[i]] - idfMin) / step);
  const scale = new Array(K).fill(0);
  for (let i = 0; i < F * K; i++) scale[i % K] = Math.max(scale[i % K], Math.abs(args.W[i]));
  for (let k = 0; k < K; k++) scale[k] = scale[k] / 127 || 1;
  const wq = new Int8Array(F * K);
  for (let f = 0; f < F; f++)
    for (let k = 0; k < K; k++) wq[f * K + k] = Math.max(-127, Math.min(127, Math.round(args.W[order[f] * K + k] / scale[k])));
  const trie = encodeVocabTrie(terms);
  const sparse = encodeSparseInt8(wq, K);
  return {
    format: MODEL_FORMAT,
    categories: [...args.categories],
    features: { ...args.features },
    vocab: { units: trie.units, trie: encodeBase64(trie.trie) },
    idf: { min: idfMin, step, data: encodeBase64(idfQ) },
    weights: {
      scale: scale.map((v) => Number(v.toPrecision(7))),
      mask: encodeBase64(sparse.mask),
      nibbles: encodeBase64(sparse.nibbles),
      wide: encodeBase64(sparse.wide),
    },
    bias: Array.from(args.bias, (v) => Number(v.toFixed(5))),
    temperature: args.temperature,
    meta: args.meta,
  };
}
