/**
 * 分类模型：把校验过的模型文件（格式见 ./model-file）解析成可打分的结构，给留言打分。
 * 线上只读模型；写模型文件（量化）的是 ./training/serialize-model。
 */
import { fnv1aRange } from '../domain/hash';
import type { Category } from '../domain/vocabulary';
import { decodeBase64 } from './base64';
import { addNgrams, normalizeWidth, segmentUnits, zhWordSegmenter, type NgramOptions } from './features';
import { CodecError, decodeSparseInt8, decodeVocabTrie } from './model-codec';
import { modelFileError, validateModelFile } from './model-file';

/** 解析后的、可直接打分的模型。 */
export interface TriageModel {
  categories: Category[];
  ngram: NgramOptions;
  titleWeight: number;
  titlePrefix: string;
  /** 词表：n-gram → 特征下标（-1 表示不在词表） */
  vocab: VocabTable;
  idf: Float32Array;
  /** 已乘过各类 scale 的权重，[f * K + k] */
  W: Float32Array;
  bias: Float32Array;
  temperature: number;
  meta: Record<string, unknown>;
  /** 打分时复用的计数缓冲（长度 = 特征数，用完清零）；单线程下安全 */
  scratch: Float64Array;
}

/**
 * 词表查找表：不把十几万个 n-gram 拆成字符串、也不建 Map（那是加载时间的大头），
 * 而是在原始的 "\n" 连接串上记下每个词的起点，配一张开放寻址的哈希表；查找时逐字比较，不分配内存。
 */
export interface VocabTable {
  size: number;
  lookup(gram: string): number;
  /**
   * 不拼字符串的查找：n-gram = prefix + units[i] + … + units[i+n-1]，hash 是它的 FNV-1a（调用方逐个单元累加算出）。
   * 与 lookup(prefix + units.slice(i, i + n).join('')) 结果相同。
   */
  lookupUnits(hash: number, prefix: string, units: string[], i: number, n: number): number;
  term(f: number): string;
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function buildVocabTable(joined: string): VocabTable {
  let n = joined.length ? 1 : 0;
  for (let i = 0; i < joined.length; i++) if (joined.charCodeAt(i) === 10) n++;
  const starts = new Int32Array(n + 1);
  let k = 0;
  if (n > 0) {
    starts[k++] = 0;
    for (let i = 0; i < joined.length; i++) if (joined.charCodeAt(i) === 10) starts[k++] = i + 1;
  }
  starts[n] = joined.length + 1;
  let cap = 1;
  while (cap < n * 2) cap <<= 1;
  const mask = cap - 1;
  const table = new Int32Array(cap).fill(-1);
  for (let f = 0; f < n; f++) {
    let slot = fnv1aRange(joined, starts[f], starts[f + 1] - 1) & mask;
    while (table[slot] !== -1) slot = (slot + 1) & mask;
    table[slot] = f;
  }
  const equals = (f: number, g: string) => {
    const a = starts[f];
    const len = starts[f + 1] - 1 - a;
    if (len !== g.length) return false;
    for (let i = 0; i < len; i++) if (joined.charCodeAt(a + i) !== g.charCodeAt(i)) return false;
    return true;
  };
  /** 词表第 f 个词是否等于 prefix + units[i..i+n) */
  const equalsUnits = (f: number, prefix: string, units: string[], i: number, len: number, total: number) => {
    let a = starts[f];
    if (starts[f + 1] - 1 - a !== total) return false;
    for (let p = 0; p < prefix.length; p++) if (joined.charCodeAt(a++) !== prefix.charCodeAt(p)) return false;
    for (let u = i; u < i + len; u++) {
      const unit = units[u];
      for (let p = 0; p < unit.length; p++) if (joined.charCodeAt(a++) !== unit.charCodeAt(p)) return false;
    }
    return true;
  };
  return {
    size: n,
    lookupUnits(hash: number, prefix: string, units: string[], i: number, len: number): number {
      if (n === 0) return -1;
      let total = prefix.length;
      for (let u = i; u < i + len; u++) total += units[u].length;
      let slot = hash & mask;
      for (;;) {
        const f = table[slot];
        if (f === -1) return -1;
        if (equalsUnits(f, prefix, units, i, len, total)) return f;
        slot = (slot + 1) & mask;
      }
    },
    lookup(g: string): number {
      if (n === 0) return -1;
      let slot = fnv1aRange(g, 0, g.length) & mask;
      for (;;) {
        const f = table[slot];
        if (f === -1) return -1;
        if (equals(f, g)) return f;
        slot = (slot + 1) & mask;
      }
    },
    term: (f: number) => joined.slice(starts[f], starts[f + 1] - 1),
  };
}

function decodeField(name: string, data: string): Uint8Array {
  try {
    return decodeBase64(data);
  } catch (e) {
    throw modelFileError(`${name}：${(e as Error).message}`);
  }
}

function inField<T>(name: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CodecError) throw modelFileError(`${name}：${e.message}`);
    throw e;
  }
}

/**
 * 校验模型 JSON（模式见 ./model-file）并建立查找结构。模式管结构，这里再核对 base64 解出的长度与词表相符。
 * 模型文件坏了是部署事故，直接抛错（不是业务上的预期失败）。
 */
export function parseTriageModel(json: unknown): TriageModel {
  const file = validateModelFile(json);
  const { categories, features: feat } = file;
  const K = categories.length;
  const trie = decodeField('vocab.trie', file.vocab.trie);
  const vocab = buildVocabTable(inField('vocab.trie', () => decodeVocabTrie(file.vocab.units, trie)));
  const F = vocab.size;
  const idfQ = decodeField('idf.data', file.idf.data);
  if (idfQ.length !== F) throw modelFileError(`idf.data：解出 ${idfQ.length} 个值，词表有 ${F} 个特征`);
  const mask = decodeField('weights.mask', file.weights.mask);
  const nibbles = decodeField('weights.nibbles', file.weights.nibbles);
  const wide = decodeField('weights.wide', file.weights.wide);

  const idf = new Float32Array(F);
  for (let i = 0; i < F; i++) idf[i] = file.idf.min + idfQ[i] * file.idf.step;
  const W = new Float32Array(F * K);
  const scale = file.weights.scale;
  inField('weights', () => decodeSparseInt8(F, K, mask, nibbles, wide, (i, q) => (W[i] = q * scale[i % K])));
  return {
    categories,
    ngram: { minN: feat.minN, maxN: feat.maxN },
    titleWeight: feat.titleWeight,
    titlePrefix: feat.titlePrefix,
    vocab,
    idf,
    W,
    bias: Float32Array.from(file.bias),
    temperature: file.temperature,
    meta: file.meta ?? {},
    scratch: new Float64Array(F),
  };
}

export interface FeatureConfig {
  minN: number;
  maxN: number;
  titleWeight: number;
  /** 非空时标题 n-gram 另起一套特征（加前缀），否则与正文合并、按 titleWeight 加权 */
  titlePrefix: string;
}

/**
 * 一条留言的 n-gram 计数（训练用）。线上的 scoreCategory 不建这个 Map，而是按同样的规则直接在词表上累加：
 * 两处的取词规则（正文、标题加权、标题前缀）要一起改。
 */
export function documentCounts(title: string | null | undefined, body: string, cfg: FeatureConfig): Map<string, number> {
  const counts = new Map<string, number>();
  const ng = { minN: cfg.minN, maxN: cfg.maxN };
  addNgrams(counts, body, 1, ng);
  if (title) {
    if (cfg.titleWeight > 0) addNgrams(counts, title, cfg.titleWeight, ng);
    if (cfg.titlePrefix) addNgrams(counts, title, 1, ng, cfg.titlePrefix);
  }
  return counts;
}

/** 理由里展示的关键词不以这些虚字开头或结尾（"在小""道被"这种残片对人没有意义）。 */
const EDGE_FUNCTION_CHARS = new Set('的了在是我和有也都就把被对于与及等这那个们你他她它啊呢吗吧呀请不没很'.split(''));

/** 证据片段在原文里所在的词：在它出现处前后各取几个字切词，取与它重叠的词连起来（"行道" → "人行道"）。 */
function wordAround(text: string, gram: string): string | null {
  const at = text.indexOf(gram);
  const wordSegmenter = zhWordSegmenter();
  if (at < 0 || !wordSegmenter) return null;
  const from = Math.max(0, at - 6);
  const window = text.slice(from, at + gram.length + 6);
  const a = at - from;
  const b = a + gram.length;
  let word = '';
  for (const seg of wordSegmenter.segment(window)) {
    const s = seg.index;
    const e = s + seg.segment.length;
    if (e > a && s < b) word += seg.segment;
  }
  return word.length <= 8 ? word : null;
}

/**
 * 理由里的关键词：对判定类别贡献最大的 n-gram，换成它在原文里所在的整词（Intl.Segmenter 切词，
 * Node 20 和云函数运行时自带），去掉虚字开头结尾的、被别的词包含的，最多 5 个。
 * 没有切词器时退回 n-gram 本身。
 */
function evidenceWords(model: TriageModel, topF: number[], title: string | null | undefined, body: string): string[] {
  const t = normalizeWidth(title ? `${title}\n${body}` : body);
  const out: string[] = [];
  const wordSegmenter = zhWordSegmenter();
  let calls = 0;
  for (const f of topF) {
    let g = model.vocab.term(f);
    if (model.titlePrefix && g.startsWith(model.titlePrefix)) g = g.slice(model.titlePrefix.length);
    if (g.length < 2 || /[0-9a-z]/.test(g) || out.some((x) => x.includes(g))) continue;
    // 切词有开销（每次几十微秒）：最多切 10 处
    if (wordSegmenter && ++calls > 10) break;
    let w = wordSegmenter ? wordAround(t, g) : g;
    if (!w) continue;
    while (w.length > 0 && EDGE_FUNCTION_CHARS.has(w[0])) w = w.slice(1);
    while (w.length > 0 && EDGE_FUNCTION_CHARS.has(w[w.length - 1])) w = w.slice(0, -1);
    if (w.length < 2 || /[^\u4e00-\u9fff]/.test(w)) continue;
    if (out.some((x) => x.includes(w!) || w!.includes(x))) continue;
    out.push(w);
    if (out.length >= 5) break;
  }
  return out;
}

export interface CategoryScore {
  category: Category;
  probabilities: number[];
  confidence: number;
  /** 对判定类别贡献最大的 n-gram（已去掉被更长 n-gram 覆盖的短片段） */
  topTerms: string[];
}

/** 给一条留言打分：TF-IDF → 线性打分 → 带温度的 softmax。 */
export function scoreCategory(model: TriageModel, title: string | null | undefined, body: string): CategoryScore {
  const K = model.categories.length;
  // 直接在词表里查 n-gram 并在复用的计数数组上累加：不建中间 Map，未知 n-gram 立即丢弃
  const scratch = model.scratch;
  const touched: number[] = [];
  const ng = model.ngram;
  const vocab = model.vocab;
  /**
   * 与 forEachNgram(text, minN, maxN, prefix, g => 查词表并累加 w) 相同，但散列逐个单元累加、
   * 不拼子串（查词表是打分的大头，拼子串要分配上千个短字符串）
   */
  const scan = (text: string, prefix: string, w: number) => {
    let h0 = FNV_BASIS;
    for (let p = 0; p < prefix.length; p++) h0 = Math.imul(h0 ^ prefix.charCodeAt(p), FNV_PRIME);
    for (const units of segmentUnits(text)) {
      const L = units.length;
      for (let i = 0; i < L; i++) {
        let h = h0;
        for (let len = 1; len <= ng.maxN && i + len <= L; len++) {
          const unit = units[i + len - 1];
          for (let p = 0; p < unit.length; p++) h = Math.imul(h ^ unit.charCodeAt(p), FNV_PRIME);
          if (len < ng.minN) continue;
          const f = vocab.lookupUnits(h >>> 0, prefix, units, i, len);
          if (f < 0) continue;
          if (scratch[f] === 0) touched.push(f);
          scratch[f] += w;
        }
      }
    }
  };
  scan(body, '', 1);
  if (title) {
    if (model.titleWeight > 0) scan(title, '', model.titleWeight);
    if (model.titlePrefix) scan(title, model.titlePrefix, 1);
  }
  const fIdx = touched;
  const fVal = new Float64Array(touched.length);
  let norm = 0;
  for (let j = 0; j < touched.length; j++) {
    const f = touched[j];
    const v = (1 + Math.log(scratch[f])) * model.idf[f];
    scratch[f] = 0;
    fVal[j] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  const s = new Float64Array(K);
  for (let k = 0; k < K; k++) s[k] = model.bias[k];
  for (let j = 0; j < fIdx.length; j++) {
    const base = fIdx[j] * K;
    const v = fVal[j] / norm;
    for (let k = 0; k < K; k++) s[k] += model.W[base + k] * v;
  }
  let best = 0;
  for (let k = 1; k < K; k++) if (s[k] > s[best]) best = k;
  // 证据：对胜出类别相对其他类别平均值贡献最大的特征；只保留前 24 个候选（插入排序，避免整体排序）
  const TOP = 24;
  const topC: number[] = [];
  const topF: number[] = [];
  for (let j = 0; j < fIdx.length; j++) {
    const base = fIdx[j] * K;
    let others = 0;
    for (let k = 0; k < K; k++) if (k !== best) others += model.W[base + k];
    const c = (model.W[base + best] - others / (K - 1)) * fVal[j];
    if (c <= 0 || (topC.length === TOP && c <= topC[TOP - 1])) continue;
    let pos = topC.length < TOP ? topC.length : TOP - 1;
    while (pos > 0 && topC[pos - 1] < c) {
      if (pos < TOP) {
        topC[pos] = topC[pos - 1];
        topF[pos] = topF[pos - 1];
      }
      pos--;
    }
    topC[pos] = c;
    topF[pos] = fIdx[j];
  }
  const topTerms = evidenceWords(model, topF, title, body);
  const p = Float64Array.from(s, (v) => v / model.temperature);
  let max = -Infinity;
  for (const v of p) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    p[k] = Math.exp(p[k] - max);
    sum += p[k];
  }
  const probabilities = Array.from(p, (v) => v / sum);
  return { category: model.categories[best], probabilities, confidence: probabilities[best], topTerms };
}
