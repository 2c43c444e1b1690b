/**
 * 分诊（triage）：每条反映的分类、三库归属、紧急程度、范围、个人信息遮盖，外加相似留言与热点。
 * 每个判断都带中文理由，召集人可据此改判。本文件不引用模型文件（小程序只打包这里的轻量函数）；
 * 带默认模型的分诊器在 ./default-model。
 */
import type { Category, ReportKind, Scope, Urgency } from '../domain/vocabulary';
import { REPORT_KIND_LABELS } from '../domain/vocabulary';
import { assessLibrary } from './library';
import { scoreCategory, type TriageModel } from './model';
import { redactPersonalData, type PiiFinding } from './pii';
import { assessScope } from './scope';
import { assessUrgency } from './urgency';

export type { PiiKind, PiiFinding } from './pii';
export { redactPersonalData, findPersonalData, PII_LABELS } from './pii';
export { parseTriageModel, type TriageModel } from './model';
export { MODEL_FORMAT, TriageModelFileSchema, validateModelFile, type TriageModelFile } from './model-file';
export { findSimilar, createSimilarityIndex, hotTopics, DEFAULT_SIMILAR_THRESHOLD, SHORT_SIMILAR_THRESHOLD, similarThreshold, type HotTopic, type SimilarityIndex } from './similar';
export { assessUrgency } from './urgency';
export { assessScope } from './scope';
export { assessLibrary } from './library';

export interface TriageInput {
  title?: string | null;
  body: string;
  /** 居民自己选的"反映问题 / 提出建议" */
  kind?: ReportKind;
}

export interface TriageResult {
  category: Category;
  library: 'problem' | 'suggestion';
  urgency: Urgency;
  scope: Scope;
  /** 分类判断的置信度 0..1（交叉验证上标定过温度的 softmax 概率） */
  confidence: number;
  reasons: { category: string[]; library: string[]; urgency: string[]; scope: string[] };
  /** 居民选了 kind 而分诊判断不同；居民的选择由调用方保留，这里只提示召集人 */
  libraryDisagrees: boolean;
  /** 标题与正文（以换行连接）遮盖个人信息后的文本，给委员和公众看 */
  redacted: string;
  /** 个人信息在"标题\n正文"文本中的位置 */
  pii: PiiFinding[];
}

/** 置信度低于此值时在理由里提示召集人复核分类。 */
export const LOW_CONFIDENCE = 0.5;

/** 供给委员和公众看的全文："标题\n正文"（无标题时只有正文）。 */
export function fullText(input: Pick<TriageInput, 'title' | 'body'>): string {
  const title = (input.title ?? '').trim();
  return title ? `${title}\n${input.body ?? ''}` : (input.body ?? '');
}

function pct(x: number): string {
  return x.toFixed(2);
}

export function createTriager(model: TriageModel): { triage(input: TriageInput): TriageResult } {
  return {
    triage(input: TriageInput): TriageResult {
      const title = typeof input.title === 'string' ? input.title : null;
      const body = typeof input.body === 'string' ? input.body : '';
      const text = fullText({ title, body });

      const cat = scoreCategory(model, title, body);
      const ranked = cat.probabilities.map((p, k) => ({ p, c: model.categories[k] })).sort((a, b) => b.p - a.p);
      const catReasons = [`判为「${cat.category}」，置信度 ${pct(cat.confidence)}`];
      if (cat.topTerms.length) catReasons.push(`主要依据：${cat.topTerms.map((t) => `「${t}」`).join('')}`);
      else catReasons.push('文本中缺少可辨识的关键词，按总体分布判断');
      if (ranked.length > 1 && ranked[1].p >= 0.15) catReasons.push(`次选「${ranked[1].c}」（${pct(ranked[1].p)}）`);
      if (cat.confidence < LOW_CONFIDENCE) catReasons.push('置信度偏低，建议召集人复核分类');

      const lib = assessLibrary(title, body);
      const libraryDisagrees = input.kind !== undefined && input.kind !== lib.library;
      const libReasons = [...lib.reasons];
      if (libraryDisagrees && input.kind)
        libReasons.push(`居民选择的是「${REPORT_KIND_LABELS[input.kind]}」，与分诊判断不一致，保留居民选择，请召集人确认`);

      const urg = assessUrgency(text);
      const scope = assessScope(text, cat.category, lib.library);
      const { redacted, found } = redactPersonalData(text);
      return {
        category: cat.category,
        library: lib.library,
        urgency: urg.urgency,
        scope: scope.scope,
        confidence: Math.round(cat.confidence * 1000) / 1000,
        reasons: { category: catReasons, library: libReasons, urgency: urg.reasons, scope: scope.reasons },
        libraryDisagrees,
        redacted,
        pii: found,
      };
    },
  };
}
