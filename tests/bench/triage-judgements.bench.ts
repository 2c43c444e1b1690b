/**
 * 紧急程度、范围、三库的判断在手工标注集上的成绩（issue 13 第 1–3 项）。
 *
 *   npx tsx tests/bench/triage-judgements.bench.ts            # 留出集和调参集的数字
 *   npx tsx tests/bench/triage-judgements.bench.ts --misses   # 另外列出调参集上的错例（只看调参集，留出集的错例不打印）
 *
 * 标注集和划分方法见 tests/fixtures/triage-labels/README.md。数字以留出集为准（npm run bench -- --json 里的
 * triage.urgentRecall、triage.urgentPrecision、triage.individualF1、triage.libraryMacroF1），调参集的数字在 triage.tuning.* 下。
 * 数据目录（../shared/data 或 TRIAGE_DATA_DIR）不在时只有自写留言，数字会偏。
 */
import { performance } from 'node:perf_hooks';
import { runBench } from './figures';
import { assessUrgency } from '../../shared/triage/urgency';
import { assessScope } from '../../shared/triage/scope';
import { assessLibrary } from '../../shared/triage/library';
import { evaluate, loadLabelled, type Figures, type Judgements } from '../fixtures/triage-labels/labels';

/** 与 shared/triage/index.ts 的 fullText 相同：标题一行，正文随后 */
const full = (title: string | null, body: string) => (title && title.trim() ? `${title.trim()}\n${body}` : body);

const judgements: Judgements = {
  urgency: (t, b) => assessUrgency(full(t, b)).urgency,
  // 与 triage() 一样，把三库判断的结果交给范围判断
  scope: (t, b) => assessScope(full(t, b), undefined, assessLibrary(t, b).library).scope,
  library: (t, b) => assessLibrary(t, b).library,
};

export interface JudgementFigures {
  [key: string]: number | { [key: string]: number };
  urgentRecall: number;
  urgentPrecision: number;
  individualF1: number;
  libraryMacroF1: number;
  heldBackN: number;
  judgementsMeanUs: number;
  /** 留出集拆开看：第一批（issue 13 时标注的 172 条）和第二批标注里落进留出集的新留出片 */
  heldBackFirst: { n: number; urgentRecall: number; urgentPrecision: number; individualF1: number; libraryMacroF1: number };
  heldBackSecond: { n: number; urgentRecall: number; urgentPrecision: number; individualF1: number; libraryMacroF1: number };
  tuning: { n: number; urgentRecall: number; urgentPrecision: number; individualF1: number; libraryMacroF1: number };
}

function show(name: string, f: Figures): void {
  const p = (x: number) => x.toFixed(3);
  console.log(
    `${name}（${f.n} 条）：紧急 召回 ${p(f.urgentRecall)} 精确 ${p(f.urgentPrecision)}；个人诉求 F1 ${p(f.individualF1)}（召回 ${p(f.individualRecall)} 精确 ${p(f.individualPrecision)}）；三库 macro-F1 ${p(f.libraryMacroF1)}（建言 ${p(f.suggestionF1)} 问题 ${p(f.problemF1)}）`,
  );
}

const brief = (f: Figures) => ({ n: f.n, urgentRecall: f.urgentRecall, urgentPrecision: f.urgentPrecision, individualF1: f.individualF1, libraryMacroF1: f.libraryMacroF1 });

export function measure(): JudgementFigures {
  const { items, realAvailable } = loadLabelled();
  if (!realAvailable) console.log('注意：找不到 ../shared/data，只用自写留言计算');
  const held = items.filter((i) => i.part === 'heldBack');
  const tune = items.filter((i) => i.part === 'tuning');
  const h = evaluate(held, judgements);
  const t = evaluate(tune, judgements);
  show('留出集', h.figures);
  // 最新一批的留出片换了抽样的侧重，单看不含它的留出集，才能和上一轮的数字比
  const latest = Math.max(...held.map((i) => i.batch));
  const withoutLatest = evaluate(held.filter((i) => i.batch < latest), judgements).figures;
  show(`  留出集·不含第${latest}批`, withoutLatest);
  const h1 = evaluate(held.filter((i) => i.batch === 1), judgements).figures;
  const h2 = evaluate(held.filter((i) => i.batch === 2), judgements).figures;
  show('  留出集·第一批', h1);
  show('  留出集·第二批', h2);
  const laterBatches = [...new Set(held.map((i) => i.batch))].filter((b) => b > 2).sort((a, b) => a - b);
  const later: Record<string, ReturnType<typeof brief>> = {};
  for (const b of laterBatches) {
    const f = evaluate(held.filter((i) => i.batch === b), judgements).figures;
    show(`  留出集·第${b}批`, f);
    later[`heldBackBatch${b}`] = brief(f);
  }
  show('调参集', t.figures);
  for (const origin of ['real', 'own'] as const) {
    show(`  留出集·${origin === 'real' ? '真实留言' : '自写留言'}`, evaluate(held.filter((i) => i.origin === origin), judgements).figures);
    show(`  调参集·${origin === 'real' ? '真实留言' : '自写留言'}`, evaluate(tune.filter((i) => i.origin === origin), judgements).figures);
  }
  if (process.argv.includes('--misses'))
    for (const m of t.misses) {
      const it = tune.find((i) => i.key === m.key)!;
      console.log(`${m.what}\t${m.key}\t期望 ${m.expected}\t得到 ${m.got}\t${(it.title ?? '').slice(0, 30)}｜${it.body.replace(/\s+/g, '').slice(0, 80)}`);
    }
  // 三项判断合计的耗时（triage() 里每条都要跑一遍）
  const texts = items.map((i) => [i.title, i.body] as const);
  for (const [a, b] of texts.slice(0, 50)) (judgements.urgency(a, b), judgements.scope(a, b), judgements.library(a, b));
  const t0 = performance.now();
  const rounds = 5;
  for (let r = 0; r < rounds; r++) for (const [a, b] of texts) (judgements.urgency(a, b), judgements.scope(a, b), judgements.library(a, b));
  const meanUs = ((performance.now() - t0) * 1000) / (rounds * texts.length);
  console.log(`三项判断合计每条 ${meanUs.toFixed(1)} 微秒`);
  return {
    urgentRecall: h.figures.urgentRecall,
    urgentPrecision: h.figures.urgentPrecision,
    individualF1: h.figures.individualF1,
    libraryMacroF1: h.figures.libraryMacroF1,
    heldBackN: h.figures.n,
    heldBackFirst: brief(h1),
    heldBackSecond: brief(h2),
    ...later,
    heldBackWithoutLatest: brief(withoutLatest),
    judgementsMeanUs: meanUs,
    tuning: {
      n: t.figures.n,
      urgentRecall: t.figures.urgentRecall,
      urgentPrecision: t.figures.urgentPrecision,
      individualF1: t.figures.individualF1,
      libraryMacroF1: t.figures.libraryMacroF1,
    },
  };
}

if (require.main === module) runBench(measure);
