/**
 * 拟合范围（个人 / 群体）和三库（问题 / 建言）的线索权重与词权重，写出 shared/triage/judgement-weights.ts。
 *
 * 只用标注集的调参集（tests/fixtures/triage-labels，案件键哈希落在调参那一边的条目）；留出集一条都不读。
 * - 线索：shared/triage/scope.ts 的 scopeCues、shared/triage/library.ts 的 libraryCues（和线上同一个函数）；
 * - 词：用 Intl.Segmenter('zh') 把调参集切词，取长 2–4 字、至少出现在 minDf 条留言里的整词作候选词表；
 *   特征是"文本里出现了这个词"（和线上一样按词表查，不切词），三库的标题词另计；
 * - 模型：L2 正则的逻辑回归（全批梯度下降，确定性的，同样的数据得到同样的权重），正类可加权；
 * - 先在调参集上做 5 折交叉验证（按案件键分折，同一件事的重发在同一折；换三种分折各做一遍，合计），在一小组超参里按交叉验证的
 *   个人诉求 F1 / 三库 macro-F1 选一组，再用整个调参集拟合，权重保留两位小数，去掉绝对值小于 0.05 的词。
 *
 *   npx tsx scripts/train-judgements.ts            # 交叉验证、选超参、拟合、写文件（约半分钟）
 *   npx tsx scripts/train-judgements.ts --cv       # 只打印交叉验证的数字
 *   npx tsx scripts/train-judgements.ts --words    # 超参网格里加上词表（慢，几分钟）；第三轮中途（当时的线索）试过：范围 0.841 对只用线索 0.831，
 *                                                  # 三库 0.874 对 0.900，都没有好出 0.01，所以写出的文件只用线索
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReportKind } from '../shared/domain/vocabulary';
import { normalizeWidth } from '../shared/triage/features';
import { segWords, vocabulary } from '../shared/triage/training/word-vocabulary';
import { fitLogistic, toLinearWeights } from '../shared/triage/training/logistic';
import { libraryCues } from '../shared/triage/library';
import { lexicon, scoreLinear, TITLE_PREFIX, wordsIn, type Cue, type Lexicon, type LinearWeights } from '../shared/triage/linear-judge';
import { hasPersonalMatter, scopeCues } from '../shared/triage/scope';
import { fnv1a, loadLabelled, REAL_LABELS, URGENCY_ONLY_BATCHES, type LabelledItem } from '../tests/fixtures/triage-labels/labels';

const OUT = path.resolve(__dirname, '../shared/triage/judgement-weights.ts');
/** --drop=线索名,线索名：去掉这些线索再做交叉验证（看一类线索值不值得留；只和 --cv 一起用） */
const DROP = new Set((process.argv.find((a) => a.startsWith('--drop='))?.slice('--drop='.length) ?? '').split(',').filter(Boolean));
const keepCues = (cues: Cue[]) => (DROP.size ? cues.filter((c) => !DROP.has(c.name)) : cues);
const FOLDS = 5;
/** 交叉验证重复几次（每次按案件键换一种分折），比较超参时少受一次分折的运气影响 */
const SEEDS = 3;

interface Example {
  cues: Cue[];
  words: string[];
  y: 0 | 1;
}
interface Hyper {
  minDf: number;
  l2Words: number;
  l2Cues: number;
  posWeight: number;
  useWords: boolean;
}

/** 全批梯度下降的逻辑回归；线索是稠密特征，词是 0/1 稀疏特征 */
function fit(examples: Example[], vocab: string[], h: Hyper): LinearWeights {
  const cueNames = [...new Set(examples.flatMap((e) => e.cues.map((c) => c.name)))].sort();
  const ci = new Map(cueNames.map((n, i) => [n, i]));
  const wi = new Map(vocab.map((w, i) => [w, cueNames.length + i]));
  const X = examples.map((e) => [
    ...e.cues.filter((c) => ci.has(c.name)).map((c) => [ci.get(c.name)!, c.value] as const),
    ...(h.useWords ? e.words.filter((w) => wi.has(w)).map((w) => [wi.get(w)!, 1] as const) : []),
  ]);
  const fitted = fitLogistic(
    X,
    examples.map((e) => e.y),
    cueNames.length + vocab.length,
    { l2: (k) => (k < cueNames.length ? h.l2Cues : h.l2Words), posWeight: h.posWeight, rate: 0.3, epochs: 600 },
  );
  return toLinearWeights(cueNames, vocab, fitted);
}

function f1(tp: number, fp: number, fn: number): number {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

interface Task {
  name: 'scope' | 'library';
  /** 每条留言：切出的整词（候选词表用）、线索、在某个词表下的词特征 */
  rows: Array<{ seg: Set<string>; cues: Cue[]; wordsFor: (lex: Lexicon) => string[]; y: 0 | 1; folds: number[]; later: boolean; real: boolean }>;
  /** 判为正类的前提（范围：至少有一件切身的事）；不满足的条目不参与拟合，一律判为负类 */
  gate?: (cues: Cue[]) => boolean;
  /** 交叉验证的指标：范围看个人诉求 F1，三库看 macro-F1 */
  metric: (tp: number, fp: number, fn: number, tn: number) => number;
}

/** 交叉验证；only 给出时只数这些条目（最近一批、只数真实留言……），看分开的成绩 */
function crossValidate(task: Task, h: Hyper, only?: (r: Task['rows'][number]) => boolean): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let seed = 0; seed < SEEDS; seed++)
  for (let f = 0; f < FOLDS; f++) {
    const train = task.rows.filter((r) => r.folds[seed] !== f && (!task.gate || task.gate(r.cues)));
    const test = task.rows.filter((r) => r.folds[seed] === f);
    const vocab = h.useWords ? vocabulary(train, h.minDf) : [];
    const lex = lexicon(vocab);
    const w = fit(
      train.map((r) => ({ cues: r.cues, words: r.wordsFor(lex), y: r.y })),
      vocab,
      h,
    );
    const kept = lexicon(Object.keys(w.words));
    for (const r of test) {
      if (only && !only(r)) continue;
      const said = (!task.gate || task.gate(r.cues)) && scoreLinear(w, r.cues, r.wordsFor(kept)).z > 0;
      if (r.y && said) tp++;
      else if (!r.y && said) fp++;
      else if (r.y && !said) fn++;
      else tn++;
    }
  }
  return task.metric(tp, fp, fn, tn);
}

const GRID: Hyper[] = [];
for (const useWords of process.argv.includes('--words') ? [false, true] : [false])
  for (const minDf of useWords ? [3, 5] : [3])
    for (const l2Words of useWords ? [0.003, 0.01, 0.03] : [0.01])
      for (const l2Cues of [0.001, 0.01, 0.03]) for (const posWeight of [1, 1.5, 2, 3, 4, 6, 8, 12]) GRID.push({ minDf, l2Words, l2Cues, posWeight, useWords });

/** 词表要比只用线索的最好成绩高出这么多才用：几百个词的权重只换来零点几个百分点，不如少一层 */
const WORDS_MUST_GAIN = 0.01;

function choose(task: Task): { h: Hyper; cv: number; cueOnly: number } {
  let cues: { h: Hyper; cv: number } | null = null;
  let words: { h: Hyper; cv: number } | null = null;
  for (const h of GRID) {
    const cv = crossValidate(task, h);
    console.log(`${task.name}\t${h.useWords ? `词 minDf ${h.minDf} L2 ${h.l2Words}` : '只用线索'}\t正类权重 ${h.posWeight}\t交叉验证 ${cv.toFixed(3)}`);
    if (!h.useWords && (!cues || cv > cues.cv + 1e-9)) cues = { h, cv };
    if (h.useWords && (!words || cv > words.cv + 1e-9)) words = { h, cv };
  }
  const best = words && words.cv >= cues!.cv + WORDS_MUST_GAIN ? words : cues!;
  console.log(
    `${task.name}：所选超参的交叉验证，只数第 5 批和 own-5 ${crossValidate(task, best.h, (r) => r.later).toFixed(3)}，` +
      `只数真实留言 ${crossValidate(task, best.h, (r) => r.real).toFixed(3)}，只数自写留言 ${crossValidate(task, best.h, (r) => !r.real).toFixed(3)}`,
  );
  return { ...best, cueOnly: cues!.cv };
}

function main(): void {
  const { items, realAvailable } = loadLabelled();
  if (!realAvailable) throw new Error('找不到 ../shared/data（或 TRIAGE_DATA_DIR）：训练要读调参集里真实留言的正文');
  const caseKey = new Map(REAL_LABELS.map((r) => [`${r.source}#${r.row}`, r.sameCaseAs ?? `${r.source}#${r.row}`]));
  // 只为紧急程度抽的批次（第六批：只从调参那一边抽、偏向险情词）不用来拟合范围和三库：它的范围、三库标注是顺手标的，
  // 样本几乎全是房屋质量和险情（口径规定险情在自家也算群体），会把"自家房子的纠纷"整体拉向群体（见标注集 README）
  const tuning = items.filter((i) => i.part === 'tuning' && !URGENCY_ONLY_BATCHES.includes(i.batch));
  const foldsOf = (it: LabelledItem) => Array.from({ length: SEEDS }, (_, seed) => fnv1a(`cv${seed || ''}:${caseKey.get(it.key) ?? it.key}`) % FOLDS);
  /** 最近一批（第 5 批和 own-5）：定线索时还没见过的说法最多，单看它们的交叉验证，看线索是不是只贴着旧说法 */
  const isLater = (it: LabelledItem) => it.batch >= 5;
  const full = (it: LabelledItem) => (it.title && it.title.trim() ? `${it.title.trim()}\n${it.body}` : it.body);

  const libTask: Task = {
    name: 'library',
    rows: tuning.map((it) => {
      const tt = normalizeWidth(it.title ?? '');
      const bt = normalizeWidth(it.body);
      const seg = new Set([...segWords(it.body), ...[...segWords(it.title ?? '')].map((w) => TITLE_PREFIX + w)]);
      return {
        seg,
        cues: keepCues(libraryCues(it.title, it.body)),
        wordsFor: (lex) => [...wordsIn(tt, lex, TITLE_PREFIX), ...wordsIn(bt, lex)],
        y: it.library === 'suggestion' ? 1 : 0,
        folds: foldsOf(it),
        later: isLater(it),
        real: it.origin === 'real',
      };
    }),
    metric: (tp, fp, fn, tn) => (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2,
  };
  const lib = choose(libTask);
  console.log(`三库：选 ${JSON.stringify(lib.h)}，交叉验证 macro-F1 ${lib.cv.toFixed(3)}（只用线索 ${lib.cueOnly.toFixed(3)}）`);
  const libVocab = lib.h.useWords ? vocabulary(libTask.rows, lib.h.minDf) : [];
  const libLex = lexicon(libVocab);
  const libraryWeights = fit(
    libTask.rows.map((r) => ({ cues: r.cues, words: r.wordsFor(libLex), y: r.y })),
    libVocab,
    lib.h,
  );
  // 范围的"这是一条建言"线索用刚拟合的三库权重来判（与线上一致）
  const libraryOf = (it: LabelledItem): ReportKind => {
    const kept = lexicon(Object.keys(libraryWeights.words));
    const words = [...wordsIn(normalizeWidth(it.title ?? ''), kept, TITLE_PREFIX), ...wordsIn(normalizeWidth(it.body), kept)];
    return scoreLinear(libraryWeights, keepCues(libraryCues(it.title, it.body)), words).z > 0 ? 'suggestion' : 'problem';
  };

  const scopeTask: Task = {
    name: 'scope',
    rows: tuning.map((it) => {
      const text = normalizeWidth(full(it));
      return {
        seg: segWords(full(it)),
        cues: scopeCues(full(it), libraryOf(it)),
        wordsFor: (lex) => wordsIn(text, lex),
        y: it.scope === 'individual' ? 1 : 0,
        folds: foldsOf(it),
        later: isLater(it),
        real: it.origin === 'real',
      };
    }),
    gate: hasPersonalMatter,
    metric: (tp, fp, fn) => f1(tp, fp, fn),
  };
  const sc = choose(scopeTask);
  console.log(`范围：选 ${JSON.stringify(sc.h)}，交叉验证 个人诉求 F1 ${sc.cv.toFixed(3)}（只用线索 ${sc.cueOnly.toFixed(3)}）`);
  if (process.argv.includes('--cv') || DROP.size) return;
  const gated = scopeTask.rows.filter((r) => hasPersonalMatter(r.cues));
  const scVocab = sc.h.useWords ? vocabulary(gated, sc.h.minDf) : [];
  const scLex = lexicon(scVocab);
  const scopeWeights = fit(
    gated.map((r) => ({ cues: r.cues, words: r.wordsFor(scLex), y: r.y })),
    scVocab,
    sc.h,
  );

  const body = (name: string, w: LinearWeights, h: Hyper, cv: number) =>
    `/** ${name}：${JSON.stringify(h)}；调参集 5 折交叉验证（3 种分折合计）${cv.toFixed(3)} */\nexport const ${name}: LinearWeights = ${JSON.stringify(w, null, 2)};\n`;
  fs.writeFileSync(
    OUT,
    `/**\n * 由 scripts/train-judgements.ts 从标注集的调参集拟合生成，不要手改（改了线索就重新跑一遍）。\n * 调参集 ${tuning.length} 条。\n */\nimport type { LinearWeights } from './linear-judge';\n\n` +
      body('SCOPE_WEIGHTS', scopeWeights, sc.h, sc.cv) +
      '\n' +
      body('LIBRARY_WEIGHTS', libraryWeights, lib.h, lib.cv),
  );
  console.log(`写出 ${path.relative(process.cwd(), OUT)}：范围 ${Object.keys(scopeWeights.words).length} 个词，三库 ${Object.keys(libraryWeights.words).length} 个词`);
}

main();
