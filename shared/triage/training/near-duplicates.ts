/**
 * 近重复聚类：字 shingle + MinHash 分桶找候选，再用精确 Jaccard / 包含度确认，并查集合并。
 * 用途：交叉验证时把同一诉求的重发帖放在同一折（否则分数虚高）；也用于重复帖的评测参照（基准）。
 * 线上找相似留言用的是 ../similar.ts，不用本文件。
 */
import { fnv1a } from '../../domain/hash';
import { normalizeWidth, segmentUnits } from '../features';

/** 3-单元 shingle 的 32 位哈希集合（单元同 features：汉字、数字串、拉丁词）。 */
export function shingleHashes(text: string, k = 3): Uint32Array {
  const set = new Set<number>();
  for (const seg of segmentUnits(text)) {
    if (seg.length < k) {
      if (seg.length) set.add(fnv1a(seg.join('')));
      continue;
    }
    for (let i = 0; i + k <= seg.length; i++) {
      let s = '';
      for (let j = 0; j < k; j++) s += seg[i + j];
      set.add(fnv1a(s));
    }
  }
  const arr = Uint32Array.from(set);
  arr.sort();
  return arr;
}

/** 两个已排序哈希集合的交集大小。 */
export function intersectSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const inter = intersectSize(a, b);
  const union = a.length + b.length - inter;
  return union === 0 ? 0 : inter / union;
}

/** 包含度：较小集合有多少落在较大集合里（截短重发、补充一句再发都能认出来）。 */
export function containment(a: Uint32Array, b: Uint32Array): number {
  const m = Math.min(a.length, b.length);
  return m === 0 ? 0 : intersectSize(a, b) / m;
}

function mix(x: number, seed: number): number {
  let h = Math.imul(x ^ seed, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** 给每个文档算 MinHash 签名，按带分桶，返回候选对（i<j）。 */
export function minhashCandidates(sets: ReadonlyArray<Uint32Array>, bands = 21, rows = 3): Array<[number, number]> {
  const nHash = bands * rows;
  const seeds = Array.from({ length: nHash }, (_, i) => mix(i + 1, 0x5bd1e995));
  const sigs = sets.map((s) => {
    const sig = new Uint32Array(nHash).fill(0xffffffff);
    for (let j = 0; j < s.length; j++) {
      for (let h = 0; h < nHash; h++) {
        const v = mix(s[j], seeds[h]);
        if (v < sig[h]) sig[h] = v;
      }
    }
    return sig;
  });
  const pairs = new Set<string>();
  const out: Array<[number, number]> = [];
  for (let b = 0; b < bands; b++) {
    const buckets = new Map<string, number[]>();
    sigs.forEach((sig, i) => {
      if (sets[i].length === 0) return;
      let key = '';
      for (let r = 0; r < rows; r++) key += sig[b * rows + r].toString(36) + ',';
      const list = buckets.get(key);
      if (list) list.push(i);
      else buckets.set(key, [i]);
    });
    for (const list of buckets.values()) {
      if (list.length < 2 || list.length > 200) continue;
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) {
          const k = `${list[x]},${list[y]}`;
          if (!pairs.has(k)) {
            pairs.add(k);
            out.push([list[x], list[y]]);
          }
        }
    }
  }
  return out;
}

export interface NearDuplicateOptions {
  /** Jaccard 至少多少算近重复 */
  jaccard?: number;
  /** 或者包含度至少多少（且较小一方不太短） */
  containment?: number;
}

/**
 * 把文档按近重复聚成簇，返回每个文档的簇号。
 * 标题（规范化后、至少 6 个字）完全相同的也并为一簇：重发帖常只改正文。
 */
export function clusterNearDuplicates(docs: ReadonlyArray<{ title?: string | null; body: string }>, opts: NearDuplicateOptions = {}): number[] {
  const jThr = opts.jaccard ?? 0.5;
  const cThr = opts.containment ?? 0.8;
  const parent = docs.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const sets = docs.map((d) => shingleHashes(`${d.title ?? ''}。${d.body}`));
  for (const [i, j] of minhashCandidates(sets)) {
    if (jaccard(sets[i], sets[j]) >= jThr) union(i, j);
    else if (Math.min(sets[i].length, sets[j].length) >= 20 && containment(sets[i], sets[j]) >= cThr) union(i, j);
  }
  const byTitle = new Map<string, number>();
  docs.forEach((d, i) => {
    const t = normalizeWidth(d.title ?? '').replace(/[^\p{L}\p{N}]/gu, '');
    if (t.length < 6) return;
    const prev = byTitle.get(t);
    if (prev === undefined) byTitle.set(t, i);
    else union(prev, i);
  });
  return docs.map((_, i) => find(i));
}
