/**
 * 分类模型的训练算法（训练脚本和交叉验证使用；线上推断不需要本文件）。
 * TF-IDF（次线性词频、L2 归一化）+ 多项逻辑回归（SGD、L2 正则、轮次平均）。
 * 纯函数：随机性只来自调用方给的种子，同样的输入得到同样的模型。
 */

export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** 确定性的伪随机数（mulberry32），只用于打乱训练顺序。 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(arr: T[], rand: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr;
}

/** 训练集里所有 n-gram 的整数编号（只在训练脚本里用，加快多折重复建词表）。 */
export interface InternedDocs {
  terms: string[];
  docs: Array<{ ids: Int32Array; counts: Float32Array }>;
}

export function internDocs(docs: ReadonlyArray<Map<string, number>>): InternedDocs {
  const id = new Map<string, number>();
  const terms: string[] = [];
  const out = docs.map((d) => {
    const ids = new Int32Array(d.size);
    const counts = new Float32Array(d.size);
    let j = 0;
    for (const [k, c] of d) {
      let t = id.get(k);
      if (t === undefined) {
        t = terms.length;
        terms.push(k);
        id.set(k, t);
      }
      ids[j] = t;
      counts[j] = c;
      j++;
    }
    return { ids, counts };
  });
  return { terms, docs: out };
}

export interface Vocab {
  /** 入选的 n-gram，按字典序 */
  terms: string[];
  /** 全局编号 → 词表下标（未入选为 -1） */
  local: Int32Array;
  idf: Float32Array;
}

/**
 * 只用给定（训练折）文档建词表和 idf，防止泄漏；文档频次不足 minDf 或高于 90% 的 n-gram 丢弃，
 * 超过 maxFeatures 时按文档频次截断。
 */
export function buildVocab(all: InternedDocs, docIdx: ReadonlyArray<number>, minDf: number, maxFeatures: number): Vocab {
  const df = new Int32Array(all.terms.length);
  for (const i of docIdx) {
    const ids = all.docs[i].ids;
    for (let j = 0; j < ids.length; j++) df[ids[j]]++;
  }
  const maxDf = docIdx.length * 0.9;
  let chosen: number[] = [];
  for (let t = 0; t < df.length; t++) if (df[t] >= minDf && df[t] <= maxDf) chosen.push(t);
  if (chosen.length > maxFeatures) {
    chosen.sort((a, b) => df[b] - df[a] || (all.terms[a] < all.terms[b] ? -1 : 1));
    chosen = chosen.slice(0, maxFeatures);
  }
  chosen.sort((a, b) => (all.terms[a] < all.terms[b] ? -1 : all.terms[a] > all.terms[b] ? 1 : 0));
  const local = new Int32Array(all.terms.length).fill(-1);
  const N = docIdx.length;
  const idf = new Float32Array(chosen.length);
  chosen.forEach((t, i) => {
    local[t] = i;
    idf[i] = Math.log((1 + N) / (1 + df[t])) + 1;
  });
  return { terms: chosen.map((t) => all.terms[t]), local, idf };
}

/** 计数 → 次线性 tf × idf，L2 归一化；idf 传入量化后的值，与线上算出的向量一致。 */
export function vectorize(doc: { ids: Int32Array; counts: Float32Array }, local: Int32Array, idf: ArrayLike<number>): SparseVec {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (let j = 0; j < doc.ids.length; j++) {
    const f = local[doc.ids[j]];
    if (f < 0) continue;
    const v = (1 + Math.log(doc.counts[j])) * idf[f];
    idx.push(f);
    val.push(v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  const out = { idx: Int32Array.from(idx), val: new Float32Array(val.length) };
  for (let i = 0; i < val.length; i++) out.val[i] = val[i] / norm;
  return out;
}

export interface LinearModel {
  /** 行主序：W[f * K + k] */
  W: Float32Array;
  b: Float32Array;
  K: number;
  F: number;
}

export interface SoftmaxOptions {
  epochs: number;
  lambda: number;
  eta0: number;
  seed: number;
  /** 从第几轮开始把每轮结束时的权重做平均（Polyak 平均，降低 SGD 噪声）。 */
  averageFrom: number;
  /** 类别权重（可用于平衡类别）；缺省为 1。 */
  classWeight?: ArrayLike<number>;
}

export function scoreLinear(m: LinearModel, x: SparseVec, out: Float64Array): Float64Array {
  const { W, b, K } = m;
  for (let k = 0; k < K; k++) out[k] = b[k];
  for (let j = 0; j < x.idx.length; j++) {
    const base = x.idx[j] * K;
    const v = x.val[j];
    for (let k = 0; k < K; k++) out[k] += W[base + k] * v;
  }
  return out;
}

export function softmaxInPlace(s: Float64Array): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < s.length; k++) if (s[k] > max) max = s[k];
  let sum = 0;
  for (let k = 0; k < s.length; k++) {
    s[k] = Math.exp(s[k] - max);
    sum += s[k];
  }
  for (let k = 0; k < s.length; k++) s[k] /= sum;
  return s;
}

/**
 * 两个 SGD 学习器共用的权重：L2 正则用"整体缩放系数"实现（稀疏更新仍是 O(非零数×K)），
 * 从第 averageFrom 轮起每轮末累加一次，训练完取平均。
 */
class ScaledAveragedWeights {
  readonly W: Float64Array;
  readonly b: Float64Array;
  scale = 1;
  private readonly avgW: Float64Array;
  private readonly avgB: Float64Array;
  private nAvg = 0;

  constructor(
    private readonly F: number,
    private readonly K: number,
  ) {
    this.W = new Float64Array(F * K);
    this.b = new Float64Array(K);
    this.avgW = new Float64Array(F * K);
    this.avgB = new Float64Array(K);
  }

  /** s[k] = b[k] + Σ W[f,k]·x[f] */
  score(x: SparseVec, s: Float64Array): void {
    const { W, b, K, scale } = this;
    for (let k = 0; k < K; k++) s[k] = b[k];
    for (let j = 0; j < x.idx.length; j++) {
      const base = x.idx[j] * K;
      const v = x.val[j] * scale;
      for (let k = 0; k < K; k++) s[k] += W[base + k] * v;
    }
  }

  /** 权重整体乘以 factor；系数太小时并回权重，免得下溢 */
  shrink(factor: number): void {
    this.scale *= factor;
    if (this.scale < 1e-6) {
      for (let q = 0; q < this.W.length; q++) this.W[q] *= this.scale;
      this.scale = 1;
    }
  }

  endEpoch(epoch: number, averageFrom: number): void {
    if (epoch < averageFrom) return;
    for (let q = 0; q < this.W.length; q++) this.avgW[q] += this.W[q] * this.scale;
    for (let k = 0; k < this.K; k++) this.avgB[k] += this.b[k];
    this.nAvg++;
  }

  finish(): LinearModel {
    const { F, K, nAvg } = this;
    const outW = new Float32Array(F * K);
    const outB = new Float32Array(K);
    for (let q = 0; q < this.W.length; q++) outW[q] = nAvg ? this.avgW[q] / nAvg : this.W[q] * this.scale;
    for (let k = 0; k < K; k++) outB[k] = nAvg ? this.avgB[k] / nAvg : this.b[k];
    return { W: outW, b: outB, K, F };
  }
}

/** 多项逻辑回归，SGD。 */
export function trainSoftmax(X: ReadonlyArray<SparseVec>, y: ReadonlyArray<number>, K: number, F: number, opts: SoftmaxOptions): LinearModel {
  const w = new ScaledAveragedWeights(F, K);
  const { W, b } = w;
  const rand = seededRandom(opts.seed);
  const order = X.map((_, i) => i);
  const s = new Float64Array(K);
  let t = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (const i of order) {
      const eta = opts.eta0 / (1 + opts.eta0 * opts.lambda * t);
      t++;
      const x = X[i];
      w.score(x, s);
      softmaxInPlace(s);
      const cw = opts.classWeight ? opts.classWeight[y[i]] : 1;
      s[y[i]] -= 1;
      w.shrink(1 - eta * opts.lambda);
      const step = (eta * cw) / w.scale;
      for (let j = 0; j < x.idx.length; j++) {
        const base = x.idx[j] * K;
        const v = x.val[j] * step;
        for (let k = 0; k < K; k++) W[base + k] -= s[k] * v;
      }
      for (let k = 0; k < K; k++) b[k] -= eta * cw * s[k];
    }
    w.endEpoch(epoch, opts.averageFrom);
  }
  return w.finish();
}

export interface SvmOptions {
  epochs: number;
  lambda: number;
  seed: number;
  averageFrom: number;
}

/**
 * 多类线性 SVM（Crammer–Singer 铰链损失），Pegasos 式步长 1/(λt)。
 * 与逻辑回归互补：只在间隔不足时更新，对长尾的类别往往更稳。
 */
export function trainMulticlassSvm(X: ReadonlyArray<SparseVec>, y: ReadonlyArray<number>, K: number, F: number, opts: SvmOptions): LinearModel {
  const w = new ScaledAveragedWeights(F, K);
  const { W, b } = w;
  const rand = seededRandom(opts.seed);
  const order = X.map((_, i) => i);
  const s = new Float64Array(K);
  let t = 1;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (const i of order) {
      const eta = 1 / (opts.lambda * (t + 100));
      t++;
      const x = X[i];
      w.score(x, s);
      const yi = y[i];
      let r = -1;
      let best = -Infinity;
      for (let k = 0; k < K; k++) {
        if (k === yi) continue;
        if (s[k] > best) {
          best = s[k];
          r = k;
        }
      }
      w.shrink(1 - eta * opts.lambda);
      if (s[yi] - best < 1) {
        const step = eta / w.scale;
        for (let j = 0; j < x.idx.length; j++) {
          const base = x.idx[j] * K;
          const v = x.val[j] * step;
          W[base + yi] += v;
          W[base + r] -= v;
        }
        b[yi] += eta * 0.1;
        b[r] -= eta * 0.1;
      }
    }
    w.endEpoch(epoch, opts.averageFrom);
  }
  return w.finish();
}

export interface NbSvmOptions extends SvmOptions {
  /** 朴素贝叶斯计数的平滑 */
  alpha: number;
}

/**
 * NB-SVM（一对其余）：每个类别先按朴素贝叶斯的对数计数比 r 缩放特征，再训练线性 SVM。
 * 推断时 r 可以并进权重（W[f,k] = r[f,k]·w[f,k]），模型格式和打分方式都不变。
 */
export function trainNbSvm(X: ReadonlyArray<SparseVec>, y: ReadonlyArray<number>, K: number, F: number, opts: NbSvmOptions): LinearModel {
  // 每类、每特征的 NB 对数计数比（用特征值之和，而不是二值计数）
  const pos = new Float64Array(F * K);
  const total = new Float64Array(F);
  for (let i = 0; i < X.length; i++) {
    const x = X[i];
    for (let j = 0; j < x.idx.length; j++) {
      pos[x.idx[j] * K + y[i]] += x.val[j];
      total[x.idx[j]] += x.val[j];
    }
  }
  const posSum = new Float64Array(K);
  let allSum = 0;
  for (let f = 0; f < F; f++) {
    allSum += total[f];
    for (let k = 0; k < K; k++) posSum[k] += pos[f * K + k];
  }
  const r = new Float32Array(F * K);
  for (let f = 0; f < F; f++)
    for (let k = 0; k < K; k++) {
      const p = (pos[f * K + k] + opts.alpha) / (posSum[k] + opts.alpha * F);
      const q = (total[f] - pos[f * K + k] + opts.alpha) / (allSum - posSum[k] + opts.alpha * F);
      r[f * K + k] = Math.log(p / q);
    }
  const W = new Float64Array(F * K);
  const b = new Float64Array(K);
  const avgW = new Float64Array(F * K);
  const avgB = new Float64Array(K);
  const scale = new Float64Array(K).fill(1);
  let nAvg = 0;
  const rand = seededRandom(opts.seed);
  const order = X.map((_, i) => i);
  const s = new Float64Array(K);
  let t = 1;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (const i of order) {
      const eta = 1 / (opts.lambda * (t + 100));
      t++;
      const x = X[i];
      for (let k = 0; k < K; k++) s[k] = b[k];
      for (let j = 0; j < x.idx.length; j++) {
        const base = x.idx[j] * K;
        for (let k = 0; k < K; k++) s[k] += W[base + k] * scale[k] * r[base + k] * x.val[j];
      }
      for (let k = 0; k < K; k++) {
        const yk = y[i] === k ? 1 : -1;
        scale[k] *= 1 - eta * opts.lambda;
        if (scale[k] < 1e-6) {
          for (let f = 0; f < F; f++) W[f * K + k] *= scale[k];
          scale[k] = 1;
        }
        if (yk * s[k] < 1) {
          const step = (eta * yk) / scale[k];
          for (let j = 0; j < x.idx.length; j++) {
            const q = x.idx[j] * K + k;
            W[q] += step * r[q] * x.val[j];
          }
          b[k] += eta * yk * 0.1;
        }
      }
    }
    if (epoch >= opts.averageFrom) {
      for (let f = 0; f < F; f++) for (let k = 0; k < K; k++) avgW[f * K + k] += W[f * K + k] * scale[k];
      for (let k = 0; k < K; k++) avgB[k] += b[k];
      nAvg++;
    }
  }
  const outW = new Float32Array(F * K);
  const outB = new Float32Array(K);
  for (let q = 0; q < W.length; q++) outW[q] = (nAvg ? avgW[q] / nAvg : W[q] * scale[q % K]) * r[q];
  for (let k = 0; k < K; k++) outB[k] = nAvg ? avgB[k] / nAvg : b[k];
  return { W: outW, b: outB, K, F };
}

/** 每类 F1 与宏平均 F1。 */
export function f1Report(gold: ReadonlyArray<number>, pred: ReadonlyArray<number>, K: number): { perClass: number[]; macroF1: number; accuracy: number } {
  const tp = new Array(K).fill(0);
  const fp = new Array(K).fill(0);
  const fn = new Array(K).fill(0);
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    if (gold[i] === pred[i]) {
      tp[gold[i]]++;
      correct++;
    } else {
      fp[pred[i]]++;
      fn[gold[i]]++;
    }
  }
  const perClass = tp.map((t, k) => (t === 0 ? 0 : (2 * t) / (2 * t + fp[k] + fn[k])));
  return { perClass, macroF1: perClass.reduce((a, b) => a + b, 0) / K, accuracy: correct / Math.max(1, gold.length) };
}
