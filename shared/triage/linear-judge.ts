/**
 * 范围、三库共用的小线性判别：规则找出的线索（"自己的工钱""群体主体""提示词后面跟着要改成什么样"……）
 * 和一张小词表（训练时用 Intl.Segmenter 从调参集切出的整词），各带一个权重，加起来过 0 就判为正类。
 *
 * 权重只在调参集上拟合（scripts/train-judgements.ts，L2 正则的逻辑回归），写在 ./judgement-weights.ts。
 * 线上不切词：Intl.Segmenter 切一条四百字的留言要一毫秒，这里只在文本里查词表中的词（长 2–4 字，逐位置查表），
 * 重叠的也算，所以删掉词表里的词不会改变别的词是否命中，训练和线上看到的特征一致。
 * 纯函数，无 I/O。
 */

/** 一条线索：名字（也是权重表里的键）、取值、理由里引用的原话 */
export interface Cue {
  name: string;
  value: number;
  quote?: string;
}

export interface LinearWeights {
  bias: number;
  /** 线索名 → 权重 */
  cues: Record<string, number>;
  /** 词 → 权重；键前面带 "题·" 的只在标题里查 */
  words: Record<string, number>;
}

export const TITLE_PREFIX = '题·';
const MIN_WORD = 2;
const MAX_WORD = 4;

/** 查词用的表：词的集合，外加"哪些字能打头"（大多数位置一步就跳过） */
export interface Lexicon {
  words: Set<string>;
  heads: Set<string>;
}

export function lexicon(words: Iterable<string>): Lexicon {
  const set = new Set(words);
  return { words: set, heads: new Set([...set].map((w) => w[0]!)) };
}

/** 文本里出现的词表中的词（每个词只记一次；prefix 是标题词在词表里的前缀） */
export function wordsIn(text: string, lex: Lexicon, prefix = ''): string[] {
  if (lex.words.size === 0) return [];
  const found = new Set<string>();
  const heads = prefix ? null : lex.heads;
  for (let i = 0; i + MIN_WORD <= text.length; i++) {
    if (heads && !heads.has(text[i]!)) continue;
    for (let len = MIN_WORD; len <= MAX_WORD && i + len <= text.length; len++) {
      const w = prefix + text.slice(i, i + len);
      if (lex.words.has(w)) found.add(w);
    }
  }
  return [...found];
}

export interface Contribution {
  name: string;
  quote?: string;
  weight: number;
}

export interface LinearScore {
  z: number;
  /** 每条线索、每个词对分数的贡献，按绝对值从大到小 */
  contributions: Contribution[];
}

export function scoreLinear(w: LinearWeights, cues: Cue[], words: string[]): LinearScore {
  let z = w.bias;
  const contributions: Contribution[] = [];
  for (const c of cues) {
    const k = w.cues[c.name];
    if (!k || !c.value) continue;
    z += k * c.value;
    contributions.push({ name: c.name, quote: c.quote, weight: k * c.value });
  }
  for (const word of words) {
    const k = w.words[word];
    if (!k) continue;
    z += k;
    contributions.push({ name: '用词', quote: word.startsWith(TITLE_PREFIX) ? word.slice(TITLE_PREFIX.length) : word, weight: k });
  }
  contributions.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { z, contributions };
}

/** 理由里的一段："名字「原话」"，用词合在一起："用词「工钱」「我家」" */
export function describe(contribs: Contribution[], max = 3): string {
  const named = contribs.filter((c) => c.name !== '用词').slice(0, max);
  const words = contribs.filter((c) => c.name === '用词' && c.quote).slice(0, 3);
  const parts = named.map((c) => (c.quote ? `${c.name}「${c.quote}」` : c.name));
  if (words.length) parts.push(`用词${words.map((c) => `「${c.quote}」`).join('')}`);
  return parts.join('；');
}
