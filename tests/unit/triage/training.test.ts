/** 训练代码：同样的种子得到同样的模型；NB-SVM 学得会可分的玩具数据；宏 F1 按定义计算。 */
import { addWordGrams, zhWordSegmenter } from '../../../shared/triage/features';
import { makeFolds } from '../../../shared/triage/training/folds';
import { f1Report } from '../../../shared/triage/training/metrics';
import { trainNbSvm } from '../../../shared/triage/training/nb-svm';
import { seededRandom, shuffleInPlace } from '../../../shared/triage/training/random';
import { taxonomyDocs } from '../../../shared/triage/training/taxonomy-docs';
import { buildVocab, internDocs, vectorize } from '../../../shared/triage/training/tfidf';

/** 三类玩具数据：每类有自己的两个词，外加一个所有类都有的词，词频随机。 */
function toyData(n: number, seed: number) {
  const rand = seededRandom(seed);
  const own = [
    ['甲', '乙'],
    ['丙', '丁'],
    ['戊', '己'],
  ];
  const docs: Array<Map<string, number>> = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 3;
    const d = new Map<string, number>([['共', 1 + Math.floor(rand() * 3)]]);
    d.set(own[k][rand() < 0.5 ? 0 : 1], 1 + Math.floor(rand() * 2));
    docs.push(d);
    y.push(k);
  }
  return { docs, y };
}

function fit(seed: number, extra: Partial<Parameters<typeof trainNbSvm>[4]> = {}) {
  const { docs, y } = toyData(60, 1);
  const all = internDocs(docs);
  const idx = docs.map((_, i) => i);
  const vocab = buildVocab(all, idx, 1, 100);
  const X = idx.map((i) => vectorize(all.docs[i], vocab.local, vocab.idf));
  return { X, y, vocab, model: trainNbSvm(X, y, 3, vocab.terms.length, { epochs: 5, lambda: 1e-3, seed, averageFrom: 1, alpha: 0.1, ...extra }) };
}

function predict(model: ReturnType<typeof fit>['model'], X: ReturnType<typeof fit>['X']) {
  return X.map((x) => {
    const s = [0, 1, 2].map((k) => model.b[k] + Array.from(x.idx).reduce((acc, f, j) => acc + model.W[f * 3 + k] * x.val[j], 0));
    return s.indexOf(Math.max(...s));
  });
}

describe('训练', () => {
  test('同样的种子打乱顺序相同，不同的种子不同', () => {
    const a = shuffleInPlace([1, 2, 3, 4, 5, 6, 7, 8], seededRandom(42));
    expect(shuffleInPlace([1, 2, 3, 4, 5, 6, 7, 8], seededRandom(42))).toEqual(a);
    expect(shuffleInPlace([1, 2, 3, 4, 5, 6, 7, 8], seededRandom(43))).not.toEqual(a);
  });

  test('出现在九成以上文档里的词不进词表', () => {
    const { vocab } = fit(1);
    expect(vocab.terms).not.toContain('共');
    expect([...vocab.terms].sort()).toEqual(['丁', '丙', '乙', '己', '戊', '甲']);
  });

  test('NB-SVM 把可分的数据全部分对，同样的种子得到同样的权重', () => {
    const { X, y, model } = fit(3);
    const pred = X.map((x) => {
      const s = [0, 1, 2].map((k) => model.b[k] + Array.from(x.idx).reduce((acc, f, j) => acc + model.W[f * 3 + k] * x.val[j], 0));
      return s.indexOf(Math.max(...s));
    });
    expect(pred).toEqual(y);
    expect(fit(3).model.W).toEqual(model.W);
  });

  test.each([
    ['平方 hinge', { solver: 'dcd' as const, C: 1, epochs: 50 }],
    ['hinge', { solver: 'dcd' as const, C: 1, epochs: 50, l1loss: true }],
  ])('对偶坐标下降（%s）同样把可分的数据全部分对，同样的种子得到同样的权重', (_, extra) => {
    const { X, y, model } = fit(3, extra);
    expect(predict(model, X)).toEqual(y);
    expect(fit(3, extra).model.W).toEqual(model.W);
  });

  test('样本权重全为 1 时与不给权重逐位相同；权重为 0 的文档不影响模型', () => {
    const base = fit(3);
    expect(fit(3, { sampleWeight: base.y.map(() => 1) }).model.W).toEqual(base.model.W);
    // 把最后一条文档的标签改错、权重给 0：NB 比和 SVM 都看不到它，只是打乱顺序里多了一条
    const { docs, y } = toyData(60, 1);
    const all = internDocs(docs);
    const idx = docs.map((_, i) => i);
    const vocab = buildVocab(all, idx, 1, 100);
    const X = idx.map((i) => vectorize(all.docs[i], vocab.local, vocab.idf));
    const wrong = [...y.slice(0, -1), (y[y.length - 1] + 1) % 3];
    const w = y.map((_, i) => (i === y.length - 1 ? 0 : 1));
    const m = trainNbSvm(X, wrong, 3, vocab.terms.length, { epochs: 5, lambda: 1e-3, seed: 3, averageFrom: 1, alpha: 0.1, sampleWeight: w });
    expect(predict(m, X)).toEqual(y);
  });

  test('分类树：只留本项目类别下的路径，标题是三级类名，正文是二级和三级', () => {
    const docs = taxonomyDocs(
      [
        { level1: '城乡建设', level2: '物业管理', level3: '物业服务' },
        { level1: '政法', level2: '治安', level3: '治安管理' },
        { level1: '卫生计生', level2: '医疗服务', level3: '医患纠纷' },
      ],
      ['城乡建设', '卫生计生'] as const,
    );
    expect(docs).toEqual([
      { title: '物业服务', body: '物业管理，物业服务', label: '城乡建设' },
      { title: '医患纠纷', body: '医疗服务，医患纠纷', label: '卫生计生' },
    ]);
  });

  test('近重复簇整簇落在同一折，各折的每个类别条数相差不超过最大簇', () => {
    const labels = ['a', 'a', 'a', 'b', 'b', 'a', 'b', 'a', 'b', 'b', 'a', 'b'];
    const clusters = [0, 0, 0, 1, 2, 3, 4, 5, 6, 6, 7, 8];
    const fold = makeFolds(labels, clusters, 3, 7);
    expect(fold[1]).toBe(fold[0]);
    expect(fold[2]).toBe(fold[0]);
    expect(fold[9]).toBe(fold[8]);
    for (const l of ['a', 'b']) {
      const per = [0, 1, 2].map((f) => labels.filter((x, i) => x === l && fold[i] === f).length);
      expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(3);
    }
    expect(makeFolds(labels, clusters, 3, 7)).toEqual(fold);
  });

  (zhWordSegmenter() ? test : test.skip)('词特征：词 1–2-gram 带 "~" 记号，数字归一成 0，不跨标点连词', () => {
    const counts = new Map<string, number>();
    addWordGrams(counts, '小区路灯坏了，2019年报修', 1, 2);
    expect(counts.get('~小区')).toBe(1);
    expect(counts.get('~小区 路灯')).toBe(1);
    expect([...counts.keys()].every((g) => g.startsWith('~'))).toBe(true);
    expect([...counts.keys()].some((g) => g.includes('2019'))).toBe(false);
    expect([...counts.keys()].some((g) => g.includes('0'))).toBe(true);
    // "了" 与 "2019" 之间隔着逗号，不组成二元词
    expect([...counts.keys()].some((g) => g.startsWith('~了 '))).toBe(false);
    const titled = new Map<string, number>();
    addWordGrams(titled, '小区路灯', 2, 1, '^');
    expect(titled.get('^~路灯')).toBe(2);
  });

  test('宏 F1 是各类 F1 的平均', () => {
    // 类 0：tp 2、fn 1 → F1 0.8；类 1：tp 1、fp 1 → F1 2/3
    const r = f1Report([0, 0, 0, 1], [0, 0, 1, 1], 2);
    expect(r.perClass[0]).toBeCloseTo(0.8);
    expect(r.perClass[1]).toBeCloseTo(2 / 3);
    expect(r.macroF1).toBeCloseTo((0.8 + 2 / 3) / 2);
    expect(r.accuracy).toBe(0.75);
  });
});
