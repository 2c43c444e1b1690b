/**
 * 拟合紧急程度线索的权重和判定门槛，写出 shared/triage/urgency-weights.ts。
 *
 * 只用标注集的调参集（tests/fixtures/triage-labels，案件键哈希落在调参那一边的条目）；留出集一条都不读。
 * - 线索：shared/triage/urgency.ts 的 urgencyEvidence（和线上同一个函数）：东西的类别和状况的类别同处（按语气分开）、
 *   规则排除了几处和为什么、说没说到危险、催没催、政策手续……；
 * - 判定：规则认出了成句的险情就是紧急；规则没认出的，线索的加权和过了门槛也判紧急。
 *   规则是照着调参集改出来的，在调参集上几乎不漏，所以线索的权重要在全部调参集上学"紧急的留言长什么样"，
 *   而不是只学规则漏掉的那几条；权重里不放"规则命中"这一条（否则它一条就把别的都压下去，学不到东西）；
 * - 训练样本另加单元测试里的自写句子（tests/fixtures/triage-labels/urgency-sentences.ts，几百句紧急的说法和形近的诱饵），
 *   每一折都用来训练、从不用来打分；
 * - 第一遍：tests/fixtures/triage-labels/first-pass.json 是每一批在规则还没见过它时的规则判定（scripts/replay-first-pass.ts 从 git 历史重放）。
 *   表里另印"第一遍的规则或线索"和线索补回了第一遍漏掉的多少：调参集上今天的规则几乎不漏，看不出线索补回了什么，第一遍才看得出。
 * - 模型：L2 正则的逻辑回归（全批梯度下降，确定性的），正类可加权；
 * - 5 折交叉验证（按案件键分折，同一件事的重发在同一折；换三种分折各做一遍，合计）：
 *   超参按只用线索时的平均精确率（PR 曲线下面积）选；门槛取交叉验证上"规则或线索"合起来的精确率不低于 MIN_PRECISION 的最低门槛
 *   （目标是召回 ≥ 0.95、精确 ≥ 0.6，宁可多报）。同时打印只用线索时在该门槛上的召回——规则漏掉的说法，
 *   线索大约能补回这么大的比例。
 *
 *   npx tsx scripts/train-urgency.ts          # 交叉验证、选超参和门槛、拟合、写文件
 *   npx tsx scripts/train-urgency.ts --cv     # 只打印交叉验证的数字
 *   npx tsx scripts/train-urgency.ts --cv --no-sentences   # 不用单元测试里的自写句子（对照）
 *   npx tsx scripts/train-urgency.ts --cv --words          # 另试整词特征（实验开关，默认不用）
 *
 * 整词特征试过（第五轮，调参集 989 条 + 自写句子 554 句）：只用线索平均精确率 0.720；加整词（minDf 5、词的 L2 0.003）0.757，
 * 但门槛仍卡在"规则或线索"精确率 0.7 上：加词时门槛 0、只用线索召回 0.691 精确 0.824，不加词时门槛 0.25、召回 0.694 精确 0.762——
 * 同样的下限上召回没有多，只是多报少了，而理由里会多出零散的词。默认仍只用有名字的线索。
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Cue, LinearWeights } from '../shared/triage/linear-judge';
import { lexicon, scoreLinear, wordsIn } from '../shared/triage/linear-judge';
import { normalizeWidth } from '../shared/triage/features';
import { segWords, vocabulary } from '../shared/triage/training/word-vocabulary';
import { fitLogistic, toLinearWeights } from '../shared/triage/training/logistic';
import { fullText } from '../shared/triage';
import { urgencyEvidence } from '../shared/triage/urgency';
import { ACTIVE_SAMPLED_BATCHES, fnv1a, loadLabelled, REAL_LABELS, type LabelledItem } from '../tests/fixtures/triage-labels/labels';
import { urgencySentences } from '../tests/fixtures/triage-labels/urgency-sentences';
import type { FirstPassFile } from './replay-first-pass';

const OUT = path.resolve(__dirname, '../shared/triage/urgency-weights.ts');
const firstPass = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../tests/fixtures/triage-labels/first-pass.json'), 'utf8')) as FirstPassFile;
/**
 * 第十二批（第六轮）起标的批次：那时规则已经按前五轮改过，第一遍漏掉的才像今天的规则在没见过的来信上会漏的；
 * 更早的批次是对着还很粗的规则标的，漏掉的多是直白的险情词，线索补得回来，会把线索的用处估高
 */
const MATURE_FROM = 12;
function missingFirstPass(key: string): never {
  throw new Error(`first-pass.json 里没有 ${key}：新加了标注就先跑 npx tsx scripts/replay-first-pass.ts`);
}
/** 拟合时整词和线索同在一张表里，词加前缀以免重名 */
const WORD_KEY = '词:';
const FOLDS = 5;
const SEEDS = 3;
/** 交叉验证上"规则或线索"的精确率下限：留出集的目标是 0.6，留一点余量 */
const MIN_PRECISION = Number(process.env.URGENCY_MIN_PRECISION ?? 0.7);

interface Row {
  cues: Cue[];
  /** 切出的整词（候选词表用）和全角半角归一后的全文（按词表找词用） */
  seg: Set<string>;
  text: string;
  rule: boolean;
  /** 规则还没见过这一批时的判定（first-pass.json，由 git 历史重放）；自写句子没有 */
  firstRule?: boolean;
  /** 第几批标注（自写句子没有） */
  batch?: number;
  y: 0 | 1;
  /** 单元测试里的自写句子：每一折都拿来训练，从不拿来打分 */
  extra?: boolean;
  folds: number[];
}
interface Hyper {
  l2: number;
  posWeight: number;
  /** 另加整词特征（词表取训练部分里至少出现在 minDf 条留言的词，词的 L2 另计）；不给时只用线索 */
  words?: { minDf: number; l2: number };
}

function fit(rows: Row[], h: Hyper): LinearWeights {
  const names = [...new Set(rows.flatMap((r) => r.cues.map((c) => c.name)))].sort();
  const vocab = h.words ? vocabulary(rows, h.words.minDf) : [];
  const lex = lexicon(vocab);
  const ix = new Map([...names, ...vocab.map((v) => WORD_KEY + v)].map((n, i) => [n, i]));
  const X = rows.map((r) => [
    ...r.cues.map((c) => [ix.get(c.name)!, c.value] as const),
    ...(h.words ? wordsIn(r.text, lex).map((v) => [ix.get(WORD_KEY + v)!, 1] as const) : []),
  ]);
  const fitted = fitLogistic(
    X,
    rows.map((r) => r.y),
    ix.size,
    { l2: (k) => (k >= names.length ? h.words!.l2 : h.l2), posWeight: h.posWeight, rate: 0.5, epochs: 800 },
  );
  return toLinearWeights(names, vocab, fitted);
}

/** 一条的线索分（和线上一样：线索加上按词表找到的词） */
function scoreRow(w: LinearWeights, r: Row): number {
  const words = Object.keys(w.words);
  return scoreLinear(w, r.cues, words.length ? wordsIn(r.text, lexicon(words)) : []).z;
}

/** 交叉验证：每条调参留言在没见过它的那几折上拟合出的分数（三种分折各一个） */
function outOfFold(rows: Row[], h: Hyper): number[][] {
  const z = rows.map(() => [] as number[]);
  for (let seed = 0; seed < SEEDS; seed++)
    for (let f = 0; f < FOLDS; f++) {
      const w = fit(rows.filter((r) => r.folds[seed] !== f), h);
      rows.forEach((r, i) => {
        if (r.folds[seed] === f) z[i]![seed] = scoreRow(w, r);
      });
    }
  return z;
}

/** 只用线索时的平均精确率（三种分折合计） */
function averagePrecision(rows: Row[], z: number[][]): number {
  const pts = rows.flatMap((r, i) => (r.extra ? [] : z[i]!.map((s) => ({ s, y: r.y }))));
  pts.sort((a, b) => b.s - a.s);
  const pos = pts.filter((p) => p.y).length;
  let tp = 0;
  let sum = 0;
  pts.forEach((p, k) => {
    if (p.y) {
      tp++;
      sum += tp / (k + 1);
    }
  });
  return sum / pos;
}

interface AtThreshold {
  t: number;
  unionRecall: number;
  unionPrecision: number;
  cueRecall: number;
  cuePrecision: number;
  /** 规则没认出、线索判紧急的非紧急留言（三种分折合计的平均数） */
  addedFalse: number;
  /** 第一遍的规则或线索：召回、精确；第一遍规则漏掉的险情里线索补回的比例 */
  firstRecall: number;
  firstPrecision: number;
  rescued: number;
  /** 同上，只算规则已经成形之后标的批次（第 MATURE_FROM 批起） */
  rescuedMature: number;
}

function at(rows: Row[], z: number[][], t: number): AtThreshold {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let ctp = 0;
  let cfp = 0;
  let cfn = 0;
  let added = 0;
  let ftp = 0;
  let ffp = 0;
  let ffn = 0;
  let missed = 0;
  let rescued = 0;
  let missedMature = 0;
  let rescuedMature = 0;
  rows.forEach((r, i) =>
    r.extra ||
    z[i]!.forEach((s) => {
      const cue = s > t;
      const first = r.firstRule! || cue;
      if (r.y && first) ftp++;
      else if (!r.y && first) ffp++;
      else if (r.y) ffn++;
      if (r.y && !r.firstRule) {
        missed++;
        if (cue) rescued++;
        if (r.batch! >= MATURE_FROM) {
          missedMature++;
          if (cue) rescuedMature++;
        }
      }
      const said = r.rule || cue;
      if (r.y && said) tp++;
      else if (!r.y && said) fp++;
      else if (r.y) fn++;
      if (r.y && cue) ctp++;
      else if (!r.y && cue) cfp++;
      else if (r.y) cfn++;
      if (!r.y && cue && !r.rule) added++;
    }),
  );
  return {
    t,
    unionRecall: tp / (tp + fn),
    unionPrecision: tp + fp ? tp / (tp + fp) : 1,
    cueRecall: ctp / (ctp + cfn),
    cuePrecision: ctp + cfp ? ctp / (ctp + cfp) : 1,
    addedFalse: added / SEEDS,
    firstRecall: ftp / (ftp + ffn),
    firstPrecision: ftp + ffp ? ftp / (ftp + ffp) : 1,
    rescued: missed ? rescued / missed : 1,
    rescuedMature: missedMature ? rescuedMature / missedMature : 1,
  };
}

function chooseThreshold(rows: Row[], z: number[][]): { chosen: AtThreshold; table: AtThreshold[] } {
  const table: AtThreshold[] = [];
  for (let t = 4; t >= -3; t -= 0.25) table.push(at(rows, z, Math.round(t * 100) / 100));
  // 从高往低放宽，取精确率仍不低于下限的最低门槛
  let chosen = table[0]!;
  for (const row of table) if (row.unionPrecision >= MIN_PRECISION) chosen = row;
  return { chosen, table };
}

const GRID: Hyper[] = [];
for (const l2 of [0.003, 0.01, 0.03, 0.1]) for (const posWeight of [1, 2, 4]) GRID.push({ l2, posWeight });
// 整词特征：--words 时才试（minDf 3 和 5 差不多、词的 L2 0.1 最差，所以只留这几档）
if (process.argv.includes('--words'))
  for (const wl2 of [0.003, 0.01, 0.03]) for (const posWeight of [1, 2, 4]) GRID.push({ l2: 0.003, posWeight, words: { minDf: 5, l2: wl2 } });

function main(): void {
  const { items, realAvailable } = loadLabelled();
  if (!realAvailable) throw new Error('找不到 ../shared/data（或 TRIAGE_DATA_DIR）：训练要读调参集里真实留言的正文');
  const caseKey = new Map(REAL_LABELS.map((r) => [`${r.source}#${r.row}`, r.sameCaseAs ?? `${r.source}#${r.row}`]));
  const tuning = items.filter((i) => i.part === 'tuning');
  // 按模型分数抽的批次（第七批：线索分最高却判为一般的）不是随机样本：既不拿来拟合，也不拿来估精确率、定门槛——
  // 边界上的难例成堆，会把交叉验证的精确率压低、门槛抬高；这一批只用来找规则漏掉的说法
  const fitted = tuning.filter((it) => !ACTIVE_SAMPLED_BATCHES.includes(it.batch));
  const rows: Row[] = fitted.map((it) => {
      const e = urgencyEvidence(fullText(it));
      return {
        cues: e.cues,
        seg: segWords(fullText(it)),
        text: normalizeWidth(fullText(it)),
        rule: e.ruleUrgent,
        firstRule: firstPass.ruleUrgent[it.key] ?? missingFirstPass(it.key),
        batch: it.batch,
        y: it.urgency === 'urgent' ? 1 : 0,
        folds: Array.from({ length: SEEDS }, (_, seed) => fnv1a(`cv${seed || ''}:${caseKey.get(it.key) ?? it.key}`) % FOLDS),
      };
    });
  // 单元测试里的自写句子（紧急的说法和形近的诱饵）：与标注集里任何一条（包括留出集）正文相同的不用，只比对、不打印
  const labelled = new Set(items.map((it) => fullText(it).replace(/\s+/g, '')).concat(items.map((it) => it.body.replace(/\s+/g, ''))));
  const extra = urgencySentences().filter((x) => !labelled.has(x.text.replace(/\s+/g, '')));
  if (!process.argv.includes('--no-sentences'))
    for (const x of extra) {
      const e = urgencyEvidence(x.text);
      rows.push({ cues: e.cues, seg: segWords(x.text), text: normalizeWidth(x.text), rule: e.ruleUrgent, y: x.urgency === 'urgent' ? 1 : 0, extra: true, folds: Array<number>(SEEDS).fill(-1) });
    }
  const ruleOnly = at(rows, rows.map(() => Array<number>(SEEDS).fill(-Infinity)), 0);
  console.log(`自写句子 ${extra.length} 句（${process.argv.includes('--no-sentences') ? '不用' : '每一折都用来训练'}）`);
  console.log(`调参集 ${rows.filter((r) => !r.extra).length} 条，紧急 ${rows.filter((r) => r.y && !r.extra).length} 条；只用规则：召回 ${ruleOnly.unionRecall.toFixed(3)} 精确 ${ruleOnly.unionPrecision.toFixed(3)}`);
  let best: { h: Hyper; ap: number; z: number[][] } | null = null;
  for (const h of GRID) {
    const z = outOfFold(rows, h);
    const ap = averagePrecision(rows, z);
    console.log(`L2 ${h.l2}\t正类权重 ${h.posWeight}${h.words ? `\t整词 minDf ${h.words.minDf} L2 ${h.words.l2}` : ''}\t只用线索的平均精确率 ${ap.toFixed(3)}`);
    if (!best || ap > best.ap + 1e-9) best = { h, ap, z };
  }
  const { chosen, table } = chooseThreshold(rows, best!.z);
  console.log(`选 ${JSON.stringify(best!.h)}（平均精确率 ${best!.ap.toFixed(3)}）`);
  console.log(`门槛\t规则或线索 召回/精确\t只用线索 召回/精确\t多报（规则没报、线索报了的非紧急，每种分折平均）\t第一遍规则或线索 召回/精确\t补回第一遍漏的（全部 / 第 ${MATURE_FROM} 批起）`);
  for (const r of table)
    console.log(
      `${r.t}\t${r.unionRecall.toFixed(3)} / ${r.unionPrecision.toFixed(3)}\t${r.cueRecall.toFixed(3)} / ${r.cuePrecision.toFixed(3)}\t${r.addedFalse.toFixed(1)}\t${r.firstRecall.toFixed(3)} / ${r.firstPrecision.toFixed(3)}\t${r.rescued.toFixed(3)} / ${r.rescuedMature.toFixed(3)}${r === chosen ? '\t← 选这个' : ''}`,
    );
  if (process.argv.includes('--show')) {
    // 调参集上交叉验证的错例（只有调参集）：紧急而线索分数低的、不紧急而线索分数高的
    const mean = (i: number) => best!.z[i]!.reduce((a, b) => a + b, 0) / SEEDS;
    const shown = fitted
      .map((it, i) => ({ it, z: mean(i), r: rows[i]! }))
      .filter((x) => (x.r.y ? x.z <= chosen.t : x.z > chosen.t && !x.r.rule))
      .sort((a, b) => a.z - b.z);
    for (const x of shown) console.log(`${x.r.y ? '漏' : '多'}\t${x.z.toFixed(2)}\t${x.it.key}\t${fullText(x.it).replace(/\s+/g, ' ').slice(0, 110)}`);
  }
  if (process.argv.includes('--cv')) return;
  const w = fit(rows, best!.h);
  const summary = `调参集 ${rows.filter((r) => !r.extra).length} 条，外加单元测试里的自写句子 ${rows.filter((r) => r.extra).length} 句；${JSON.stringify(best!.h)}；5 折交叉验证（3 种分折合计）：只用线索的平均精确率 ${best!.ap.toFixed(3)}，门槛 ${chosen.t} 上规则或线索 召回 ${chosen.unionRecall.toFixed(3)} 精确 ${chosen.unionPrecision.toFixed(3)}，只用线索 召回 ${chosen.cueRecall.toFixed(3)} 精确 ${chosen.cuePrecision.toFixed(3)}`;
  fs.writeFileSync(
    OUT,
    `/**\n * 由 scripts/train-urgency.ts 从标注集的调参集拟合生成，不要手改（改了线索就重新跑一遍）。\n * ${summary}\n */\nimport type { LinearWeights } from './linear-judge';\n\n` +
      `/** 规则没认出成句的险情时，线索的加权和大于这个数也判紧急 */\nexport const URGENCY_THRESHOLD = ${chosen.t};\n\n` +
      `export const URGENCY_WEIGHTS: LinearWeights = ${JSON.stringify(w, null, 2)};\n`,
  );
  console.log(`写出 ${path.relative(process.cwd(), OUT)}`);
}

main();
