/**
 * 分类模型：随仓库发布的文件符合格式、能把自己写的典型留言分对；坏文件被拒绝且说清哪里坏了；
 * 量化（训练时写）与反量化（线上读）互为逆运算。
 */
import modelJson from '../../../shared/triage/model/triage-model.json';
import { CATEGORIES } from '../../../shared/domain/vocabulary';
import { createTriager, MODEL_FORMAT, parseTriageModel, TriageModelFileSchema, type TriageModelFile } from '../../../shared/triage';
import { defaultTriager, getDefaultModel } from '../../../shared/triage/default-model';
import { decodeBase64, encodeBase64 } from '../../../shared/triage/base64';
import { decodeVocabTrie } from '../../../shared/triage/model-codec';
import { seededRandom } from '../../../shared/triage/training/random';
import { serializeModel } from '../../../shared/triage/training/serialize-model';

const shipped = modelJson as unknown as TriageModelFile;
const K = CATEGORIES.length;
const shippedTerms = () => decodeVocabTrie(shipped.vocab.units, decodeBase64(shipped.vocab.trie)).split('\n');

describe('随仓库发布的模型文件', () => {
  test('符合模型文件的模式', () => {
    const r = TriageModelFileSchema.safeParse(modelJson);
    expect(r.success ? [] : r.error.issues).toEqual([]);
    expect(shipped.format).toBe(MODEL_FORMAT);
    expect(shipped.categories).toEqual([...CATEGORIES]);
  });

  test('base64 解出的 idf 和权重掩码个数与词表相符', () => {
    const F = shippedTerms().length;
    expect(decodeBase64(shipped.idf.data)).toHaveLength(F);
    expect(decodeBase64(shipped.weights.mask)).toHaveLength(F);
    const model = getDefaultModel();
    expect(model.vocab.size).toBe(F);
    expect(model.W).toHaveLength(F * K);
  });

  test('词表里的每个 n-gram 都查回自己的下标，词表外的查不到', () => {
    const model = getDefaultModel();
    const terms = shippedTerms();
    expect([...terms].sort()).toEqual(terms);
    terms.forEach((t, f) => {
      if (model.vocab.lookup(t) !== f) throw new Error(`「${t}」应查到 ${f}，实为 ${model.vocab.lookup(t)}`);
    });
    expect(model.vocab.lookup('词表里不会有的一串很长的字')).toBe(-1);
    expect(model.vocab.lookup('')).toBe(-1);
  });
});

describe('分类判断', () => {
  // 自己写的、不在训练数据里的典型留言
  const clear: Array<[string, string, string]> = [
    ['城乡建设', '小区物业不作为，房屋漏水开发商不维修', '我们小区交房三年，顶楼房屋漏水严重，开发商和物业互相推诿，至今没有维修。'],
    ['环境保护', '化工厂夜间偷排废气', '厂区附近的化工厂每天夜里排放刺鼻废气，河道里的污水发黑发臭，环保部门查一查。'],
    ['交通运输', '出租车司机拒载还绕路', '昨晚在火车站打出租车，司机拒载短途乘客，上车后又故意绕路多收费，请运管部门查处。'],
    ['教育文体', '孩子入学划片不合理', '我们小区的孩子被划到离家五公里的小学，家长接送困难，希望教育局重新划分学区。'],
    ['劳动和社会保障', '公司不给员工缴纳社保', '公司入职两年一直不给我们缴纳社会保险和住房公积金，还拖欠加班费。'],
    ['商贸旅游', '商家虚假宣传，退款难', '在商场买的保健品宣传能治病，实际毫无效果，商家拒绝退款，请市场监管部门处理。'],
    ['卫生计生', '医院乱收费', '在县人民医院住院三天，收费清单里有很多没做过的检查，医生态度也很差。'],
  ];
  test.each(clear)('判为%s：%s', (expected, title, body) => {
    const r = defaultTriager.triage({ title, body });
    expect(r.category).toBe(expected);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.reasons.category.join('')).toContain(expected);
  });

  test('理由里的依据是整词，不是字的残片', () => {
    const r = defaultTriager.triage({ body: '我们小区门口的人行道被电线杆子挡住了，推轮椅过不去' });
    const line = r.reasons.category.find((x) => x.startsWith('主要依据'))!;
    const words = [...line.matchAll(/「(.+?)」/g)].map((m) => m[1]);
    expect(words.length).toBeGreaterThan(0);
    expect(words).toContain('人行道');
    expect(words).not.toContain('行道');
  });

  test('只有标题、没有正文也能按标题判断', () => {
    expect(defaultTriager.triage({ title: '学校食堂饭菜不卫生', body: '' }).category).toBe('教育文体');
  });

  test('每个判断都带理由，个人信息被遮盖', () => {
    const r = defaultTriager.triage({ title: '闻到煤气味', body: '3栋2单元501室门口闻到煤气味，电话13812345678' });
    expect(r.urgency).toBe('urgent');
    for (const k of ['category', 'library', 'urgency', 'scope'] as const) expect(r.reasons[k].length).toBeGreaterThan(0);
    expect(r.redacted).not.toContain('13812345678');
    expect(r.redacted).not.toContain('501室');
    expect(r.pii.map((p) => p.kind)).toEqual(['address', 'phone']);
  });

  test('居民选择与分诊判断不一致时打上标记，一致时不打', () => {
    const body = '建议在社区增设老年人活动中心，丰富居民文化生活。';
    expect(defaultTriager.triage({ body, kind: 'problem' }).libraryDisagrees).toBe(true);
    expect(defaultTriager.triage({ body, kind: 'suggestion' }).libraryDisagrees).toBe(false);
    expect(defaultTriager.triage({ body }).libraryDisagrees).toBe(false);
  });

  test('空正文不抛错', () => {
    const r = defaultTriager.triage({ body: '' });
    expect(r.redacted).toBe('');
  });
});

describe('坏模型文件被拒绝，错误说出哪个字段、坏在哪里', () => {
  const m = modelJson as unknown as Record<string, unknown> & TriageModelFile;
  const broken: Array<[string, unknown, RegExp]> = [
    ['不是对象', 42, /（整个文件）：应为 object，实为 number/],
    ['空对象', {}, /format：.*categories：缺少/],
    ['格式版本不对', { ...m, format: 'other/9' }, /format：应为 mashangti-triage-model\/2/],
    ['未知分类', { ...m, categories: ['城乡建设', '不存在的分类'] }, /categories\.1：不是一级分类名/],
    ['分类重复', { ...m, categories: [...CATEGORIES.slice(0, 6), '城乡建设'] }, /categories：分类重复/],
    ['缺温度', { ...m, temperature: undefined }, /temperature：缺少（应为 number）/],
    ['温度为零', { ...m, temperature: 0 }, /temperature：应 > 0/],
    ['偏置不是数', { ...m, bias: [Number.NaN, 0, 0, 0, 0, 0, 0] }, /bias\.0：应为 number，实为 NaN/],
    ['偏置个数与分类数不符', { ...m, bias: [0, 0] }, /bias：长度应与 categories 相同/],
    ['权重缩放个数与分类数不符', { ...m, weights: { ...m.weights, scale: [1] } }, /weights\.scale：长度应与 categories 相同/],
    ['n-gram 范围颠倒', { ...m, features: { ...m.features, minN: 3, maxN: 1 } }, /features\.maxN：maxN 不能小于 minN/],
    ['第 1 版的词表（字符串）', { ...m, vocab: 'a\nb' }, /vocab：应为 object，实为 string/],
    ['字典树缺字表', { ...m, vocab: { trie: m.vocab.trie } }, /vocab\.units：缺少（应为 string）/],
    ['字典树截断在变长整数中间', { ...m, vocab: { ...m.vocab, trie: 'gA==' } }, /vocab\.trie：字典树在变长整数中间截断/],
    ['字典树的字序号超出字表', { ...m, vocab: { units: '路灯', trie: 'RA==' } }, /vocab\.trie：字典树的字序号 8 超出字表（2 个字）/],
    ['权重掩码被截断', { ...m, weights: { ...m.weights, mask: m.weights.mask.slice(0, 400) } }, /weights：mask：解出 300 字节，应为 特征数 90000 × 1 = 90000/],
    ['非零权重被截断', { ...m, weights: { ...m.weights, nibbles: m.weights.nibbles.slice(0, 400) } }, /weights：nibbles：非零值比掩码标出的少/],
    ['宽权重多了一截', { ...m, weights: { ...m.weights, wide: encodeBase64(Uint8Array.from([...decodeBase64(m.weights.wide), 1, 2, 3])) } }, /weights：wide：多出 3 个值/],
    ['idf 多了一截', { ...m, idf: { ...m.idf, data: m.idf.data + 'AAAA' } }, /idf\.data：解出 90003 个值，词表有 90000 个特征/],
    ['base64 里混进非法字符', { ...m, idf: { ...m.idf, data: '!' + m.idf.data.slice(1) } }, /idf\.data：base64 含非法字符（位置 0）/],
  ];
  test.each(broken)('%s', (_name, json, message) => {
    expect(() => parseTriageModel(json)).toThrow(/^分类模型文件无效：/);
    expect(() => parseTriageModel(json)).toThrow(message);
  });
});

describe('量化与反量化', () => {
  // 手造的小模型：几个词、随机但确定的权重，不依赖训练数据
  const terms = ['^公交', '停车', '噪音', '学校', '医院', '路灯', '工资'];
  const F = terms.length;
  const rand = seededRandom(7);
  const idf = Array.from({ length: F }, () => 1 + rand() * 8);
  const W = Array.from({ length: F * K }, () => (rand() - 0.5) * 3);
  const bias = Array.from({ length: K }, () => rand() - 0.5);
  const features = { minN: 1, maxN: 3, titleWeight: 2, titlePrefix: '^' };
  const file = serializeModel({ categories: CATEGORIES, features, terms, idf, W, bias, temperature: 0.5, meta: { note: 'test' } });
  const model = parseTriageModel(JSON.parse(JSON.stringify(file)));

  test('写出的文件符合模式，经过 JSON 文本后解析得回同样的结构', () => {
    expect(TriageModelFileSchema.safeParse(file).success).toBe(true);
    expect(model.categories).toEqual([...CATEGORIES]);
    expect(model.vocab.size).toBe(F);
    // 写出时词表按字典序排好（字典树的要求），权重跟着换行：按词查
    terms.forEach((t) => expect(model.vocab.term(model.vocab.lookup(t))).toBe(t));
    expect(model.temperature).toBe(0.5);
    expect(model.meta).toEqual({ note: 'test' });
  });

  test('反量化的权重与原值相差不超过半个量化步长', () => {
    terms.forEach((t, f) => {
      const g = model.vocab.lookup(t);
      for (let k = 0; k < K; k++) expect(Math.abs(model.W[g * K + k] - W[f * K + k])).toBeLessThanOrEqual(file.weights.scale[k] / 2 + 1e-6);
      expect(Math.abs(model.idf[g] - idf[f])).toBeLessThanOrEqual(file.idf.step / 2 + 1e-6);
    });
    for (let k = 0; k < K; k++) expect(model.bias[k]).toBeCloseTo(bias[k], 4);
  });

  test('反量化后再量化，得到逐字节相同的权重', () => {
    const sorted = Array.from({ length: F }, (_, f) => model.vocab.term(f));
    const again = serializeModel({ categories: CATEGORIES, features, terms: sorted, idf: model.idf, W: model.W, bias: model.bias, temperature: 0.5 });
    expect(again.weights).toEqual(file.weights);
    expect(again.idf.data).toBe(file.idf.data);
    expect(again.vocab).toEqual(file.vocab);
  });

  test('随仓库发布的模型反量化后再量化，权重逐字节不变', () => {
    const shippedModel = getDefaultModel();
    const again = serializeModel({
      categories: CATEGORIES,
      features: shipped.features,
      terms: shippedTerms(),
      idf: shippedModel.idf,
      W: shippedModel.W,
      bias: shippedModel.bias,
      temperature: shipped.temperature,
    });
    expect(again.weights).toEqual(shipped.weights);
    expect(again.vocab).toEqual(shipped.vocab);
    expect(again.bias).toEqual(shipped.bias);
  });

  test('打分用的是反量化的权重：只含某个词的留言判给该词权重最大的类别', () => {
    // 只出现"噪音"一个特征时，分数 = 偏置 + 该词各类权重 × 1（L2 归一化后值为 1）
    const f = model.vocab.lookup('噪音');
    const s = CATEGORIES.map((_, k) => model.bias[k] + model.W[f * K + k]);
    const expected = CATEGORIES[s.indexOf(Math.max(...s))];
    expect(createTriager(model).triage({ body: '噪音' }).category).toBe(expected);
  });
});
