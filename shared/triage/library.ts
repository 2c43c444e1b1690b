/**
 * 三库归属：问题库（有东西要修、要管、要查）还是建言库（一个想法或提议）。
 * 标题里的信号权重加倍：居民常在标题就写明"建议……"或"投诉……"。
 * 居民自己的选择由调用方保留；这里只给出判断和理由，不一致时由 libraryDisagrees 提示召集人。
 */
import type { ReportKind } from '../domain/vocabulary';
import { normalizeWidth } from './features';

interface Cue {
  re: RegExp;
  weight: number;
}

const SUGGESTION_CUES: Cue[] = [
  { re: /建议|提议|倡议|呼吁|献计|献策|金点子|意见和建议|几点想法/g, weight: 2 },
  { re: /希望|能否|能不能|可否|可不可以|是否可以|是否能|应该|应当|最好|不妨|尽快出台|完善|增设|增加|加大|推广|优化|规划建设/g, weight: 1 },
];

const PROBLEM_CUES: Cue[] = [
  { re: /投诉|举报|曝光|控告|维权|求助|求救|讨薪|追讨/g, weight: 2 },
  { re: /扰民|拖欠|违规|违法|违建|乱收费|不作为|推诿|无人管|没人管|坏了|损坏|破损|堵塞|漏水|污染|臭气|噪音|至今(未|没|仍)|迟迟|一直(没|未|不)|严重|骗|欠薪|怎么办|为何|为什么|咨询|请问/g, weight: 1 },
];

export interface LibraryDecision {
  library: ReportKind;
  reasons: string[];
  suggestionScore: number;
  problemScore: number;
}

function collect(text: string, cues: Cue[], mult: number, hits: Map<string, number>): number {
  let score = 0;
  for (const c of cues) {
    for (const m of text.matchAll(c.re)) {
      score += c.weight * mult;
      hits.set(m[0], (hits.get(m[0]) ?? 0) + 1);
    }
  }
  return score;
}

export function assessLibrary(title: string | null | undefined, body: string): LibraryDecision {
  const tt = normalizeWidth(title ?? '');
  const bt = normalizeWidth(body);
  const sHits = new Map<string, number>();
  const pHits = new Map<string, number>();
  // 正文里的计分做饱和：长篇投诉里顺带的"希望尽快解决"不应压过通篇的问题描述
  const sat = (x: number) => Math.min(x, 6);
  // 标题以"建议/希望/呼吁/提议"开头，或以"建议/提议/倡议"结尾，是最明确的建言信号
  const titleLead = /^(关于|对|给)?[^，。,]{0,20}(的|之)?(建议|提议|倡议)[!！。]?$|^(建议|希望|呼吁|提议|恳请|请求)(在|将|把|对|给|尽快|早日|加快|增设|增加|开通|修建|建设|设置|完善|取消|调整|提高|降低|出台|规范)/.test(tt);
  const s = (titleLead ? 4 : 0) + collect(tt, SUGGESTION_CUES, 2, sHits) + sat(collect(bt, SUGGESTION_CUES, 1, sHits));
  const p = collect(tt, PROBLEM_CUES, 2, pHits) + sat(collect(bt, PROBLEM_CUES, 1, pHits));
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([k]) => `「${k}」`)
      .join('');
  // "希望尽快解决"这类结尾是诉求不是建议；建言要求建议信号明显占优
  if (s > p + 1) {
    return { library: 'suggestion', reasons: [`建言：${titleLead ? '标题即为提议，' : ''}出现提议性表述${top(sHits)}`, ...(p > 0 ? [`也有问题描述${top(pHits)}，但以提议为主`] : [])], suggestionScore: s, problemScore: p };
  }
  const reasons = p > 0 ? [`问题：反映需要解决的情况${top(pHits)}`] : ['问题：描述了现状但没有明确的提议'];
  if (s > 0) reasons.push(`虽有${top(sHits)}等表述，但以反映问题为主`);
  return { library: 'problem', reasons, suggestionScore: s, problemScore: p };
}
