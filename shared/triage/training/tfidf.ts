/**
 * 训练时的 TF-IDF：把 n-gram 计数编号、只在训练折上建词表和 idf、向量化（次线性 tf × idf，L2 归一化）。
 * 线上不用本文件：线上在模型词表上直接查 n-gram（../model.ts 的 scoreCategory），两边算出的向量必须一致。
 */

export interface SparseVec {
  idx: Int32Array;
  val: Float32Array;
}

/** 训练集里所有 n-gram 的整数编号：交叉验证每一折都要重建词表，先编号免得反复比较字符串。 */
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
