/**
 * 文本规范化与字 n-gram 特征：分类模型（训练与推断）、相似度、热点共用同一套切分，
 * 保证训练时和线上看到的特征完全一致。纯函数，无 I/O。
 */

/** 全角转半角、大写转小写（中文文本里长度不变；PII 另有不改大小写的版本，保证下标对应原文）。 */
export function normalizeWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))).toLowerCase();
}

const isCjk = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLatin = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * 把文本切成"片段"（标点、空白处断开），每个片段是若干"单元"：一个汉字、一串数字（记作 0）、
 * 一个拉丁词。数字的具体值对分类没有意义（门牌、日期、电话），归一成一个单元可以减少噪声特征。
 */
export function segmentUnits(text: string): string[][] {
  const t = normalizeWidth(text);
  const segments: string[][] = [];
  let cur: string[] = [];
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (isCjk(c)) {
      cur.push(t[i]);
      i++;
    } else if (isDigit(c)) {
      while (i < t.length && (isDigit(t.charCodeAt(i)) || t[i] === '.')) i++;
      cur.push('0');
    } else if (isLatin(c)) {
      let j = i;
      while (j < t.length && isLatin(t.charCodeAt(j))) j++;
      // 数据里被脱敏的地名是 "a市" "a3区" 这样的单字母；长词截断防止特征爆炸
      cur.push(t.slice(i, Math.min(j, i + 12)));
      i = j;
    } else {
      if (cur.length) segments.push(cur);
      cur = [];
      i++;
    }
  }
  if (cur.length) segments.push(cur);
  return segments;
}

export interface NgramOptions {
  minN: number;
  maxN: number;
}

/** 依次回调每个 n-gram（含前缀）。 */
export function forEachNgram(text: string, minN: number, maxN: number, prefix: string, cb: (gram: string) => void): void {
  for (const seg of segmentUnits(text)) {
    const L = seg.length;
    for (let i = 0; i < L; i++) {
      let g = prefix;
      for (let n = 1; n <= maxN && i + n <= L; n++) {
        g += seg[i + n - 1];
        if (n >= minN) cb(g);
      }
    }
  }
}

/** 把字 1..3-gram 计数累加进 counts（乘以 weight），标题可以用更大的权重。 */
export function addNgrams(counts: Map<string, number>, text: string, weight: number, opts: NgramOptions, prefix = ''): void {
  for (const seg of segmentUnits(text)) {
    const L = seg.length;
    for (let i = 0; i < L; i++) {
      let g = prefix;
      for (let n = 1; n <= opts.maxN && i + n <= L; n++) {
        g += seg[i + n - 1];
        if (n >= opts.minN) counts.set(g, (counts.get(g) ?? 0) + weight);
      }
    }
  }
}

/** 中文里几乎每篇都有、对判断没有帮助的字/二字组，相似度和热点计算时剔除。 */
const STOP_UNITS = new Set(
  '的了是在我和有也都就把被对于与及等这那个们你他她它啊呢吗吧呀哦请您好谢尊敬领导'.split(''),
);

/**
 * 相似度用的字二元组集合（含单字兜底，防止极短文本为空）。
 * 去掉停用字组成的二元组，以及脱敏地名这类到处都是的记号。
 */
export function bigramSet(text: string): Set<string> {
  const out = new Set<string>();
  for (const seg of segmentUnits(text)) {
    for (let i = 0; i + 1 < seg.length; i++) {
      const a = seg[i];
      const b = seg[i + 1];
      if (STOP_UNITS.has(a) && STOP_UNITS.has(b)) continue;
      out.add(a + b);
    }
    if (seg.length === 1 && !STOP_UNITS.has(seg[0])) out.add(seg[0]);
  }
  return out;
}

export type WordSegmenter = { segment(t: string): Iterable<{ segment: string; index: number; isWordLike?: boolean }> };

let segmenter: WordSegmenter | null | undefined;

/**
 * Intl.Segmenter 的中文切词器（Node 20 和云函数运行时自带）；没有时为 null：不取词特征，理由里的依据退回 n-gram。
 * 第一次用到时才建（建一个要二十来毫秒，放在模块加载时会算进云函数的冷启动）。
 */
export function zhWordSegmenter(): WordSegmenter | null {
  if (segmenter === undefined) {
    const I = (globalThis as { Intl?: { Segmenter?: new (l: string, o: { granularity: 'word' }) => WordSegmenter } }).Intl;
    try {
      segmenter = I?.Segmenter ? new I.Segmenter('zh', { granularity: 'word' }) : null;
    } catch {
      segmenter = null;
    }
  }
  return segmenter;
}

/** 词特征的记号：字 n-gram 里不会出现 "~"，词 n-gram 以它开头，两套特征放在同一个词表里也不会撞。 */
export const WORD_MARK = '~';

/**
 * 切词后按标点断句，每句里的词依次回调（数字串记作 0，拉丁词截到 12 个字母，与 segmentUnits 的单元一致）。
 * 句号、逗号、空白都断开：跨标点的两个词不算相邻。
 */
export function forEachWordRun(text: string, cb: (words: string[]) => void): void {
  const seg = zhWordSegmenter();
  if (!seg) return;
  let run: string[] = [];
  for (const s of seg.segment(normalizeWidth(text))) {
    if (!s.isWordLike) {
      if (run.length) cb(run);
      run = [];
      continue;
    }
    const w = s.segment;
    run.push(/^[0-9.]+$/.test(w) ? '0' : w.length > 12 && /^[a-z]+$/.test(w) ? w.slice(0, 12) : w);
  }
  if (run.length) cb(run);
}

/** 把词 1..maxN-gram 计数累加进 counts（乘以 weight）：prefix + "~" + 词（多个词以空格连接）。 */
export function addWordGrams(counts: Map<string, number>, text: string, weight: number, maxN: number, prefix = ''): void {
  forEachWordRun(text, (run) => {
    for (let i = 0; i < run.length; i++) {
      let g = prefix + WORD_MARK;
      for (let n = 1; n <= maxN && i + n <= run.length; n++) {
        g += (n > 1 ? ' ' : '') + run[i + n - 1];
        counts.set(g, (counts.get(g) ?? 0) + weight);
      }
    }
  });
}
