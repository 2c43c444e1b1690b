/**
 * 训练分类模型：读 ../shared/data/teddy2020_dev.jsonl（可用 TRIAGE_DATA_DIR 改目录），
 * 特征为字 1–3-gram（标题另计一套带前缀的特征，并在正文特征里加权），次线性 tf × idf、L2 归一化；
 * 分类器为 NB-SVM（每类先按朴素贝叶斯对数计数比缩放特征，再训练一对其余的线性 SVM，Pegasos + 轮次平均），
 * 缩放并进权重后量化为 int8。
 * 先做"近重复簇"分组的 5 折交叉验证（词表、idf、权重都只在训练折上拟合，并且走与线上相同的
 * 量化 → 解析 → 打分路径），打印每类 F1 与宏 F1，写入 shared/triage/model/cv-report.json；
 * 再用全部数据训练，写出 shared/triage/model/triage-model.json。
 *
 *   npx tsx scripts/train-triage.ts            # 交叉验证 + 训练 + 写文件
 *   TRIAGE_EXPERIMENT='[{...},{...}]' npx tsx scripts/train-triage.ts   # 只比较几组超参的 CV 宏 F1
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { CATEGORIES, type Category } from '../shared/domain/vocabulary';
import { decodeBase64 } from '../shared/triage/base64';
import { documentCounts, parseTriageModel, scoreCategory, type FeatureConfig } from '../shared/triage/model';
import type { TriageModelFile } from '../shared/triage/model-file';
import { f1Report } from '../shared/triage/training/metrics';
import { trainNbSvm } from '../shared/triage/training/nb-svm';
import { makeFolds } from '../shared/triage/training/folds';
import { clusterNearDuplicates } from '../shared/triage/training/near-duplicates';
import { serializeModel } from '../shared/triage/training/serialize-model';
import { taxonomyDocs, type TaxonomyPath } from '../shared/triage/training/taxonomy-docs';
import { buildVocab, internDocs, vectorize, type InternedDocs } from '../shared/triage/training/tfidf';

interface Row {
  id: number;
  title: string | null;
  body: string;
  label: Category;
}

interface Config {
  features: FeatureConfig;
  minDf: number;
  maxFeatures: number;
  /** 朴素贝叶斯计数的平滑 */
  nbAlpha: number;
  epochs: number;
  /** SVM 的 L2 正则系数 */
  lambda: number;
  averageFrom: number;
  folds: number;
  seed: number;
  /** 正例加权的指数（见 trainNbSvm 的 classBalance）；不给时为 0 */
  classBalance?: number;
  /** 偏置的学习率；不给时为 0.1 */
  biasRate?: number;
  /** 训练时每个近重复簇只留一条（重发的留言不重复加权）；评测仍用全部留言 */
  dedupTrain?: boolean;
  /** NB-SVM 的损失（见 trainNbSvm）；不给时为 hinge */
  loss?: 'hinge' | 'softmax';
  /** 求解器（见 trainNbSvm）：不给时为 pegasos；dcd 时用 C、l1loss，epochs 是最多轮数 */
  solver?: 'pegasos' | 'dcd';
  C?: number;
  l1loss?: boolean;
  /** NB 比按文档数计数（见 trainNbSvm） */
  binaryRatio?: boolean;
  /**
   * 官方分类树（teddy2020_taxonomy.jsonl）的每条路径当作带标签的小文档（见 taxonomyDocs），重复几份加进每折的训练
   * 和最终训练；不参与评测。不给或 0 时不用。
   */
  taxonomyCopies?: number;
}

const DEFAULT_CONFIG: Config = {
  features: { minN: 1, maxN: 3, titleWeight: 2, titlePrefix: '^' },
  minDf: 2,
  maxFeatures: 90000,
  epochs: 20,
  lambda: 1e-4,
  nbAlpha: 0.1,
  averageFrom: 5,
  folds: 5,
  seed: 20200,
};

/** 写进模型 meta 和交叉验证报告，说明权重出自哪个学习器 */
const LEARNER = 'nbsvm';

const repoRoot = path.resolve(__dirname, '..');
const dataDir = process.env.TRIAGE_DATA_DIR ? path.resolve(process.env.TRIAGE_DATA_DIR) : path.resolve(__dirname, '../../shared/data');
const modelDir = path.join(repoRoot, 'shared/triage/model');

async function readJsonl<T>(file: string): Promise<T[]> {
  const out: T[] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) out.push(JSON.parse(line) as T);
  return out;
}

function log(msg: string) {
  process.stderr.write(msg + '\n');
}

/** 在给定文档上拟合一个完整模型文件（与线上相同的格式）。 */
function fitModel(rows: Row[], all: InternedDocs, docIdx: number[], cfg: Config, temperature = 1, meta?: Record<string, unknown>): TriageModelFile {
  const K = CATEGORIES.length;
  const vocab = buildVocab(all, docIdx, cfg.minDf, cfg.maxFeatures);
  const F = vocab.terms.length;
  // 与线上一致：先把 idf 量化再向量化，训练看到的就是线上会算出的向量
  const quant = parseTriageModel(
    serializeModel({ categories: CATEGORIES, features: cfg.features, terms: vocab.terms, idf: vocab.idf, W: new Float32Array(F * K), bias: new Float32Array(K), temperature: 1 }),
  );
  const X = docIdx.map((i) => vectorize(all.docs[i], vocab.local, quant.idf));
  const y = docIdx.map((i) => CATEGORIES.indexOf(rows[i].label));
  // 种子偏移 +2 是当初与另两个学习器并列时留下的；保留它，发布的模型才能逐字节重现
  const model = trainNbSvm(X, y, K, F, { epochs: cfg.epochs, lambda: cfg.lambda, seed: cfg.seed + 2, averageFrom: cfg.averageFrom, alpha: cfg.nbAlpha, classBalance: cfg.classBalance, biasRate: cfg.biasRate, loss: cfg.loss, solver: cfg.solver, C: cfg.C, l1loss: cfg.l1loss, binaryRatio: cfg.binaryRatio });
  return serializeModel({ categories: CATEGORIES, features: cfg.features, terms: vocab.terms, idf: vocab.idf, W: model.W, bias: model.b, temperature, meta });
}

interface CvResult {
  macroF1: number;
  accuracy: number;
  perClass: Record<string, number>;
  logits: Float64Array[];
  gold: number[];
}

/** 加进训练的分类树文档：接在开发集后面，返回合并后的行和这些文档的下标（按 taxonomyCopies 重复）。 */
async function withTaxonomy(rows: Row[], cfg: Config): Promise<{ rows: Row[]; extra: number[] }> {
  if (!cfg.taxonomyCopies) return { rows, extra: [] };
  const docs = taxonomyDocs(await readJsonl<TaxonomyPath>(path.join(dataDir, 'teddy2020_taxonomy.jsonl')), CATEGORIES);
  const extra: number[] = [];
  for (let c = 0; c < cfg.taxonomyCopies; c++) docs.forEach((_, j) => extra.push(rows.length + j));
  return { rows: [...rows, ...docs.map((d, j) => ({ id: -1 - j, title: d.title, body: d.body, label: d.label }))], extra };
}

async function crossValidate(devRows: Row[], clusters: number[], cfg: Config): Promise<CvResult> {
  const { rows, extra } = await withTaxonomy(devRows, cfg);
  const all = internDocs(rows.map((r) => documentCounts(r.title, r.body, cfg.features)));
  const fold = makeFolds(devRows.map((r) => r.label), clusters, cfg.folds, cfg.seed);
  const pred = new Array(devRows.length).fill(-1);
  const logits: Float64Array[] = new Array(devRows.length);
  for (let f = 0; f < cfg.folds; f++) {
    const seen = new Set<number>();
    const trainIdx = devRows.map((_, i) => i).filter((i) => fold[i] !== f && (!cfg.dedupTrain || (!seen.has(clusters[i]) && seen.add(clusters[i]) !== undefined)));
    trainIdx.push(...extra);
    const testIdx = devRows.map((_, i) => i).filter((i) => fold[i] === f);
    const file = fitModel(rows, all, trainIdx, cfg);
    const model = parseTriageModel(JSON.parse(JSON.stringify(file)));
    for (const i of testIdx) {
      const r = scoreCategory(model, rows[i].title, rows[i].body);
      // temperature = 1 → 概率的对数就是 logit（差一个常数），用于之后标定温度
      logits[i] = Float64Array.from(r.probabilities, (p) => Math.log(Math.max(p, 1e-300)));
      pred[i] = CATEGORIES.indexOf(r.category);
    }
  }
  const gold = devRows.map((r) => CATEGORIES.indexOf(r.label));
  const rep = f1Report(gold, pred, CATEGORIES.length);
  const perClass: Record<string, number> = {};
  CATEGORIES.forEach((c, k) => (perClass[c] = rep.perClass[k]));
  return { macroF1: rep.macroF1, accuracy: rep.accuracy, perClass, logits, gold };
}

/** 在交叉验证的折外打分上找使负对数似然最小的温度，让"置信度"接近真实命中率。 */
function calibrateTemperature(logits: Float64Array[], gold: number[]): number {
  let bestT = 1;
  let bestNll = Infinity;
  for (let T = 0.01; T <= 5; T *= 1.05) {
    let nll = 0;
    for (let i = 0; i < logits.length; i++) {
      const l = logits[i];
      let max = -Infinity;
      for (const v of l) max = Math.max(max, v / T);
      let sum = 0;
      for (const v of l) sum += Math.exp(v / T - max);
      nll -= l[gold[i]] / T - max - Math.log(sum);
    }
    if (nll < bestNll) {
      bestNll = nll;
      bestT = Number(T.toPrecision(3));
    }
  }
  return bestT;
}

function mergeConfig(base: Config, over: Partial<Config> & { features?: Partial<FeatureConfig> }): Config {
  return { ...base, ...over, features: { ...base.features, ...(over.features ?? {}) } };
}

async function main() {
  const t0 = Date.now();
  const devFile = path.join(dataDir, 'teddy2020_dev.jsonl');
  const rows = (await readJsonl<Row>(devFile)).filter((r) => (CATEGORIES as readonly string[]).includes(r.label) && typeof r.body === 'string');
  log(`读入 ${rows.length} 条（${devFile}）`);
  const clusters = clusterNearDuplicates(rows);
  const sizes = new Map<number, number>();
  for (const c of clusters) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const multi = [...sizes.values()].filter((n) => n > 1);
  log(`近重复簇：${sizes.size} 个簇，其中 ${multi.length} 个簇含 ≥2 条，共 ${multi.reduce((a, b) => a + b, 0)} 条留言（${((Date.now() - t0) / 1000).toFixed(1)} s）`);

  if (process.env.TRIAGE_EXPERIMENT) {
    const variants = JSON.parse(process.env.TRIAGE_EXPERIMENT) as Array<Partial<Config>>;
    for (const v of variants) {
      const t = Date.now();
      const cfg = mergeConfig(DEFAULT_CONFIG, v);
      const cv = await crossValidate(rows, clusters, cfg);
      log(`${JSON.stringify(v)} → macroF1 ${cv.macroF1.toFixed(4)} acc ${cv.accuracy.toFixed(4)}  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
    return;
  }

  const cfg = DEFAULT_CONFIG;
  const cv = await crossValidate(rows, clusters, cfg);
  const temperature = calibrateTemperature(cv.logits, cv.gold);
  console.log(`分组 ${cfg.folds} 折交叉验证（近重复留言同折；词表/idf/权重只在训练折上拟合；走线上相同的量化模型）`);
  for (const c of CATEGORIES) console.log(`  ${c.padEnd(8, '　')} F1 ${cv.perClass[c].toFixed(4)}`);
  console.log(`  宏平均 F1 ${cv.macroF1.toFixed(4)}   准确率 ${cv.accuracy.toFixed(4)}   置信度温度 ${temperature}`);

  const train = await withTaxonomy(rows, cfg);
  const all = internDocs(train.rows.map((r) => documentCounts(r.title, r.body, cfg.features)));
  const cvSummary = {
    folds: cfg.folds,
    grouping: 'near-duplicate clusters (char 3-shingle MinHash candidates, Jaccard ≥ 0.5 or containment ≥ 0.8, or identical title) kept in one fold',
    protocol: 'vocabulary, idf, NB ratios and weights fitted on the training folds only; held-out fold scored through the quantised production model (serialize → parse → scoreCategory)',
    macroF1: Number(cv.macroF1.toFixed(4)),
    accuracy: Number(cv.accuracy.toFixed(4)),
    perCategoryF1: Object.fromEntries(Object.entries(cv.perClass).map(([k, v]) => [k, Number(v.toFixed(4))])),
  };
  const file = fitModel(train.rows, all, [...rows.map((_, i) => i), ...train.extra], cfg, temperature, {
    trainedOn: path.basename(devFile),
    rows: rows.length,
    learner: LEARNER,
    cv: { macroF1: cvSummary.macroF1 },
  });
  fs.mkdirSync(modelDir, { recursive: true });
  const modelPath = path.join(modelDir, 'triage-model.json');
  fs.writeFileSync(modelPath, JSON.stringify(file));
  const report = {
    data: path.basename(devFile),
    rows: rows.length,
    clusters: sizes.size,
    multiMessageClusters: multi.length,
    config: { learner: LEARNER, ...cfg },
    temperature,
    ...cvSummary,
  };
  fs.writeFileSync(path.join(modelDir, 'cv-report.json'), JSON.stringify(report, null, 2) + '\n');
  const size = fs.statSync(modelPath).size;
  console.log(`模型写入 ${path.relative(repoRoot, modelPath)}（${(size / 1024 / 1024).toFixed(2)} MB，${decodeBase64(file.idf.data).length} 个特征），用时 ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
