/**
 * 训练脚本共用的整词：Intl.Segmenter 切出的 2–4 个汉字的词（候选词表用），和"至少出现在 minDf 条留言里"的词表。
 * 线上不切词：打分时按拟合出的词表在文本里找（./linear-judge.ts 的 wordsIn），训练和线上找到的词一致。
 */
import { normalizeWidth } from '../features';

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const WORD = /^[\u4e00-\u9fff]{2,4}$/;

export function segWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const s of segmenter.segment(normalizeWidth(text))) if (WORD.test(s.segment)) out.add(s.segment);
  return out;
}

/** 候选词表：至少出现在 minDf 条留言里的整词，按字典序 */
export function vocabulary(examples: Array<{ seg: Set<string> }>, minDf: number): string[] {
  const df = new Map<string, number>();
  for (const e of examples) for (const w of e.seg) df.set(w, (df.get(w) ?? 0) + 1);
  return [...df.entries()]
    .filter(([, c]) => c >= minDf)
    .map(([w]) => w)
    .sort();
}
