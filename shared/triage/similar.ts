/**
 * 相似留言（"我也遇到"）与热点话题。
 * 相似度：词的加权余弦。先按一张小同义词表把常见的不同说法归成同一个概念（电杆/电线杆子 → 电线杆，
 * 急救车 → 救护车，不亮/坏了 → 坏），其余文字用 Intl.Segmenter('zh') 切词（Node 20 和云函数运行时自带，
 * 不占包体积）；套话（希望、问题、小区……）和单字降权。再加上字二元组（权重低），照顾切词切错和字面重发。
 * 不依赖分类模型。运行环境没有 Intl.Segmenter 时只用字二元组。
 */
import { bigramSet, normalizeWidth, zhWordSegmenter } from './features';

/**
 * 同义词表：每行第一个是概念名，后面是居民常用的其他说法（含概念名本身）。按最长的说法优先匹配。
 * 只收"说的是同一样东西/同一种情况"的词；"灯"这类单字只在不会误会时收（路灯的"灯"）。
 */
const SYNONYMS: ReadonlyArray<string> = [
  '电线杆 电线杆子 电线杆 电杆 线杆 电线桩 水泥杆 杆子',
  '救护车 救护车 急救车 120急救车 120车',
  '消防车 消防车 救火车',
  '挡路 挡住 挡着 挡了 挡路 拦住 堵住路 占道 占了路 占用道路',
  '进不来 进不来 开不进来 进不去 开不进去 开不过去 过不去 进出困难 出不去',
  '路灯 路灯 街灯 照明灯 灯光 灯',
  '坏 坏了 不亮 损坏 故障 坏掉 失灵 不能用 用不了 没修',
  '黑 漆黑 黑乎乎 黑漆漆 黑咕隆咚 摸黑 看不见 很黑 太黑',
  '噪音 噪音 噪声 吵闹 太吵 很吵 吵得 吵 扰民 太响 声音太大 音响 音箱 喇叭',
  '广场舞 广场舞 跳舞 跳广场舞',
  '下水道 下水道 下水管道 下水管 排水沟 排水管 阴沟 排污管',
  '堵塞 堵塞 堵死 堵了 不通 淤堵',
  '污水 污水 脏水 粪水 臭水',
  '臭 臭气 臭气熏天 难闻 臭味 恶臭 很臭 臭得',
  '停车位 停车位 车位 停车场',
  '乱停车 乱停 乱停车 乱停乱放',
  '消防通道 消防通道 生命通道',
  '公交 公交车 公交线路 公交 班车 巴士 公共汽车',
  '看病 看病 就医 就诊 看医生',
  '诊所 诊所 卫生室 卫生院 社区医院 卫生服务中心 医务室',
  '垃圾桶 垃圾桶 垃圾箱 垃圾池 垃圾站',
  '清运 清运 拉走 清理 没人收 没人拉 收走',
  '蚊蝇 苍蝇 蚊子 蚊虫 蚊蝇',
  '校门 校门口 学校门口 校门',
  '交警 交警 警察 协警',
  '疏导 疏导 指挥 维持秩序',
  '拖欠 拖欠 欠 不给 不发 没发 没给',
  '工资 工资 工钱 薪水 薪资 血汗钱',
  '包工头 包工头 工头 老板',
  '电梯 电梯 升降梯',
  '困人 困人 困住 关在里面 卡住 卡在 停在半空',
  '停水 停水 没水 断水 停了水',
  '通知 通知 告知 打招呼',
  '狗 狗 犬 宠物狗 狗狗',
  '拴绳 拴绳 牵绳 拴绳子 牵绳子 拴狗绳',
  '粪便 粪便 大小便 拉屎 狗屎',
  '孩子 孩子 小孩 小朋友 儿童 娃',
  '烧烤 烧烤 烤串 撸串 烤肉',
  '油烟 油烟 烟雾 浓烟',
  '窗户 窗户 窗子 窗',
  '坑洼 坑洼 坑坑洼洼 坑 破损 烂路 路烂',
  '泥 泥水 泥泞 泥巴 烂泥',
  '电动车 电动车 电瓶车 电单车',
  '摔倒 摔倒 摔跤 摔伤 跌倒 摔',
  '水泥路 水泥路 硬化路',
  '菜市场 菜市场 菜场 农贸市场',
  '物业 物业 物业公司 物管',
  '施工 施工 装修 电钻',
  '社保 社保 社会保险 养老保险',
];

/** 几乎每条反映都有、说明不了"是不是同一件事"的词（自己整理的套话）。 */
const GENERIC_WORDS_TEXT =
  (
    '我们 你们 他们 我 你 他 她 大家 居民 群众 百姓 老百姓 业主 小区 社区 村 村里 这里 那里 这个 那个 这些 那些 这样 那样 ' +
    '希望 建议 请求 恳请 请 麻烦 谢谢 感谢 您好 你好 领导 部门 相关 有关 政府 单位 问题 情况 反映 投诉 要求 解决 处理 ' +
    '现在 已经 一直 经常 总是 老是 每天 天天 每次 好几 几次 多次 很多 非常 特别 十分 严重 太 很 都 也 还 就 又 再 才 ' +
    '没有 没 不 不能 不会 能不能 可以 能 要 想 会 应该 必须 是否 怎么 为什么 什么 如何 到底 ' +
    '影响 生活 出行 方便 不便 安全 困难 时候 时间 今年 去年 最近 以前 以后 一个 一段 一些 有些 个 人 ' +
    '的 了 是 在 和 与 及 等 把 被 对 给 让 从 到 向 于 上 下 里 中 后 前 着 过 啊 呢 吗 吧 呀 哦 都 所 得 地 之'
  );

/** 字二元组里到处都是的套话（从前按留言数据的文档频次挑出的通用二元组）。 */
const GENERIC_BIGRAMS_TEXT =
  (
    '没有 部门 一个 问题 政府 现在 什么 希望 严重 工作 相关 可以 解决 情况 关部 不能 西地 地省 人员 要求 已经 时间 这样 进行 不是 影响 生活 百姓 ' +
    '一直 作为 有关 国家 但是 多次 请问 是一 人民 规定 为什 处理 还是 如果 有一 自己 因为 反映 无法 不知 这些 是否 的一 了一 知道 老百 存在 本人 ' +
    '怎么 的人 样的 任何 部分 通过 需要 还有 社会 开始 是不 造成 行为 个月 不到 导致 时候 也不 为了 其他 关于 很多 一下 大的 的情 书记 这种 得到 ' +
    '的问 应该 目前 人的 而且 到了 请求 的生 只有 区的 至今 给我 回复 今年 重视 合理 由于 所有 个人 恳请 都没 以上 也没 正常 这么 地方 建议 同时 ' +
    '根据 只能 年的 群众 通知 基本 非常 难道 一次 当时 都不 负责 一年 的事 的公 所以 来的 经过 成了 原因 或者 发生 看到 上级 发现 实际 一名 出现 ' +
    '作人 能够 甚至 按照 第一 根本 第二 属于 为我 让我 了解 市的 几个 如此 必须 答复 才能 不要 并且 事情 的地 尽快 不得 为何 关系 况下 的不 有人 ' +
    '多年 之前 期间 特别 完全 左右 就不 经常 可能 以及 提供 明确 两个 不了 这一 具体 其中 月份 关注 感谢 那么 考虑 一些 普通 理的 几年 给予 可是 ' +
    '告知 继续 强烈 还没 事实 此事 的小 各种 代表 如何 一样 在此 这里 提出 面的 今天 还要 一点 重的 不可 出来 家的 以后 我想 主要 真的 理由 们一 ' +
    '去了 到现 长期 以来 个小 到底 进入 一定 如下 方式 说是 不管 的大 年来 最后 带来 来了 及时 再次 领导 您好 尊敬 市政 有限 限公 公司'
  );

/**
 * 同义词归并表与套话表：第一次比对时才建，建一次。放在模块加载时建要半毫秒多，
 * 算进每次云函数冷启动，而多数调用不比对（issue 13）。
 */
let tablesCache: { synonyms: Map<string, string>; synonymRe: RegExp; genericWords: Set<string>; genericBigrams: Set<string>; labelStop: Set<string> } | undefined;
function tables(): NonNullable<typeof tablesCache> {
  if (tablesCache) return tablesCache;
  const synonyms = new Map<string, string>();
  for (const line of SYNONYMS) {
    const [concept, ...variants] = line.split(' ');
    for (const v of variants) synonyms.set(v, concept);
  }
  const synonymRe = new RegExp(
    [...synonyms.keys()]
      .sort((a, b) => b.length - a.length)
      .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|'),
    'g',
  );
  const genericWords = new Set(GENERIC_WORDS_TEXT.split(' '));
  tablesCache = { synonyms, synonymRe, genericWords, genericBigrams: new Set(GENERIC_BIGRAMS_TEXT.split(' ')), labelStop: new Set([...genericWords, ...LABEL_STOP_EXTRA]) };
  return tablesCache;
}

export interface TextVector {
  weights: Map<string, number>;
  norm: number;
}

/** 一条留言里的词（同义词已归并为概念名，按出现顺序，可重复）。没有切词器时返回空数组。 */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  // 切词器第一次用到时才建（建一个要二十来毫秒，放在模块加载时会算进云函数的冷启动），与分类理由共用一个
  const segmenter = zhWordSegmenter();
  if (!segmenter) return out;
  const { synonyms, synonymRe } = tables();
  const t = normalizeWidth(text);
  let last = 0;
  const plain = (s: string) => {
    for (const seg of segmenter.segment(s)) {
      if (seg.isWordLike === false) continue;
      const w = seg.segment;
      if (!/[\u4e00-\u9fff]/.test(w)) continue; // 数字、字母（门牌、日期、脱敏地名）说明不了是不是同一件事
      out.push(synonyms.get(w) ?? w);
    }
  };
  for (const m of t.matchAll(synonymRe)) {
    plain(t.slice(last, m.index));
    out.push(synonyms.get(m[0])!);
    last = m.index! + m[0].length;
  }
  plain(t.slice(last));
  return out;
}

const WORD_PREFIX = '\u0001';
const BIGRAM_WEIGHT = 0.35;

/** 把一条留言变成带权的词（及字二元组）集合；标题可以用 "标题。正文" 拼接传入，也可以只传正文。 */
export function textVector(text: string, title?: string | null): TextVector {
  const full = title ? `${title}。${text}` : text;
  return vectorOf(full, contentWords(full));
}

/** 已经切好词时直接建向量（热点里词还要拿来作标签，不切两遍）。 */
function vectorOf(full: string, words: readonly string[]): TextVector {
  const { genericWords, genericBigrams } = tables();
  const weights = new Map<string, number>();
  for (const w of words) {
    if (genericWords.has(w)) continue;
    const weight = w.length === 1 ? 0.5 : 1;
    const key = WORD_PREFIX + w;
    weights.set(key, Math.max(weights.get(key) ?? 0, weight));
  }
  const bigramWeight = weights.size ? BIGRAM_WEIGHT : 1;
  for (const g of bigramSet(full)) {
    if (g.length < 2 || genericBigrams.has(g)) continue;
    weights.set(g, bigramWeight);
  }
  let norm = 0;
  for (const w of weights.values()) norm += w * w;
  return { weights, norm: Math.sqrt(norm) };
}

export function cosine(a: TextVector, b: TextVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, big] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [g, w] of small.weights) {
    const v = big.weights.get(g);
    if (v !== undefined) dot += w * v;
  }
  return dot / (a.norm * b.norm);
}

export interface SimilarOptions {
  /** 相似度下限；不给时按两条里较短的那条的长度取（见 similarThreshold） */
  threshold?: number;
  /** 最多返回几条，默认 5 */
  limit?: number;
}

/** 长文（≥ 100 字）的阈值：在 hot 数据上让同作者重复对的精确率约九成 */
export const DEFAULT_SIMILAR_THRESHOLD = 0.5;
/** 短文（≤ 40 字，小程序里居民打的多半是这样）的阈值：换了说法的同一件事也能找到 */
export const SHORT_SIMILAR_THRESHOLD = 0.25;

/**
 * 默认阈值随两条里较短那条的字数变化：短文共享的词少，同一件事的相似度也低；长文即使说的不是一件事，
 * 也会共享不少同话题的词。40 字以下取 0.25，100 字以上取 0.5，中间线性过渡。
 */
export function similarThreshold(lenA: number, lenB: number): number {
  const m = Math.min(lenA, lenB);
  if (m <= 40) return SHORT_SIMILAR_THRESHOLD;
  if (m >= 100) return DEFAULT_SIMILAR_THRESHOLD;
  return SHORT_SIMILAR_THRESHOLD + ((DEFAULT_SIMILAR_THRESHOLD - SHORT_SIMILAR_THRESHOLD) * (m - 40)) / 60;
}

export interface SimilarityIndex {
  /** 与已建索引的候选比较，按相似度从高到低 */
  query(text: string, opts?: SimilarOptions): Array<{ id: string; score: number }>;
  size: number;
}

/**
 * 为一批候选建倒排索引（二元组 → 候选及权重），一次查询只碰与查询共享二元组的候选。
 * 站点的未办结留言可以建一次索引、反复查询；findSimilar 是一次性的便捷写法。
 */
export function createSimilarityIndex(candidates: ReadonlyArray<{ id: string; text: string }>): SimilarityIndex {
  const ids = candidates.map((c) => c.id);
  const lens = candidates.map((c) => c.text.length);
  const N = candidates.length;
  const vecs = candidates.map((c) => textVector(c.text));
  // 候选之间的文档频次：候选里处处都有的词（这一批都在说物业，"物业"就说明不了是同一件事）降权
  const df = new Map<string, number>();
  for (const v of vecs) for (const g of v.weights.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const idf = (g: string) => Math.log((N + 1) / ((df.get(g) ?? 0) + 1)) + 1;
  const norms = new Float64Array(N);
  const postings = new Map<string, { docs: number[]; weights: number[] }>();
  vecs.forEach((v, i) => {
    let norm = 0;
    for (const [g, w0] of v.weights) {
      const w = w0 * idf(g);
      norm += w * w;
      let p = postings.get(g);
      if (!p) postings.set(g, (p = { docs: [], weights: [] }));
      p.docs.push(i);
      p.weights.push(w);
    }
    norms[i] = Math.sqrt(norm);
  });
  return {
    size: N,
    query(text: string, opts: SimilarOptions = {}) {
      const limit = opts.limit ?? 5;
      const q = textVector(text);
      let qNorm = 0;
      const dot = new Float64Array(N);
      for (const [g, w0] of q.weights) {
        const w = w0 * idf(g);
        qNorm += w * w;
        const p = postings.get(g);
        if (!p) continue;
        for (let j = 0; j < p.docs.length; j++) dot[p.docs[j]] += w * p.weights[j];
      }
      qNorm = Math.sqrt(qNorm);
      if (qNorm === 0) return [];
      const out: Array<{ id: string; score: number }> = [];
      for (let i = 0; i < N; i++) {
        if (dot[i] === 0 || norms[i] === 0) continue;
        const score = dot[i] / (qNorm * norms[i]);
        if (score >= (opts.threshold ?? similarThreshold(text.length, lens[i]))) out.push({ id: ids[i], score: Math.round(score * 1000) / 1000 });
      }
      out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return out.slice(0, limit);
    },
  };
}

/**
 * 提交前找"可能是同一件事"的已有留言，按相似度从高到低。
 * 候选由调用方按站点（及相邻站点）、未办结、时间窗筛好再传进来。
 */
export function findSimilar(
  query: string,
  candidates: ReadonlyArray<{ id: string; text: string }>,
  opts: SimilarOptions = {},
): Array<{ id: string; score: number }> {
  return createSimilarityIndex(candidates).query(query, opts);
}

/** 常见诉求话题：标签可直接上看板。按顺序匹配，命中次数多的话题胜出。 */
export const TOPICS: ReadonlyArray<{ label: string; re: RegExp }> = [
  { label: '停车难', re: /停车难|车位|乱停|停车|占道停/g },
  { label: '噪音扰民', re: /噪音|噪声|扰民|吵闹|施工声|广场舞/g },
  { label: '油烟污染', re: /油烟|烧烤|餐饮[^，。,]{0,4}排/g },
  { label: '环境污染', re: /污染|排污|废气|污水|异味|臭气|粉尘|扬尘|化工厂|搅拌站/g },
  { label: '垃圾清运', re: /垃圾|保洁|环卫/g },
  { label: '违章建筑', re: /违建|违章建筑|违法建筑|私搭乱建|加层|乱搭/g },
  { label: '物业服务', re: /物业|业委会|维修基金|物业费/g },
  { label: '拖欠工资', re: /拖欠[^，。,]{0,6}工资|欠薪|讨薪|工资[^，。,]{0,4}(拖欠|未发|不发)|农民工/g },
  { label: '社保医保', re: /社保|养老保险|医保|养老金|退休|失业保险|公积金/g },
  { label: '入学学位', re: /入学|学位|划片|学区|招生|小学|幼儿园|初中/g },
  { label: '教育培训', re: /培训|补课|教师|老师|学校/g },
  { label: '交通拥堵', re: /拥堵|堵车|红绿灯|信号灯|塞车/g },
  { label: '公交地铁', re: /公交|地铁|站台|线路|班次/g },
  { label: '道路破损', re: /路面|坑洼|道路[^，。,]{0,4}(破|烂|坏)|修路|人行道/g },
  { label: '路灯照明', re: /路灯|照明/g },
  { label: '供水排水', re: /停水|供水|自来水|水压|排水|下水道|管网|内涝|积水/g },
  { label: '供电燃气', re: /停电|供电|电压|燃气|天然气|煤气/g },
  { label: '电梯安全', re: /电梯/g },
  { label: '房产办证', re: /房产证|不动产证|产权证|办证|网签/g },
  { label: '拆迁安置', re: /拆迁|征收|安置|征地|补偿/g },
  { label: '房屋质量', re: /开裂|渗水|漏水|房屋质量|墙体/g },
  { label: '商家消费', re: /虚假宣传|消费者|退款|商家|欺诈|价格/g },
  { label: '医疗卫生', re: /医院|医疗|看病|医生|卫生院|疫苗/g },
  { label: '户籍办理', re: /户口|户籍|落户/g },
  { label: '出租车网约车', re: /出租车|的士|网约车|滴滴/g },
  { label: '渣土车货车', re: /渣土车|货车|大车/g },
  { label: '网络信号', re: /网络|信号|宽带|5g/g },
  { label: '养犬管理', re: /狗|犬/g },
];

export interface HotTopic {
  label: string;
  /** 条数；条目带 weight 时是权重之和（1 + "我也遇到"的人数） */
  count: number;
  ids: string[];
  terms: string[];
}

/** 话题标签里不用的词（tables().labelStop）：套话，以及"反映""希望"这类说明不了话题的动词 */
const LABEL_STOP_EXTRA = ['国家', '社会', '工作', '人员', '市民', '街道', '出现', '发生', '进行', '存在', '导致', '造成', '开始', '没人', '一下', '有人', '时间', '原因'];

/**
 * 把一批近期留言归成话题：先按常见话题词表归类（标签可读，如"停车难""噪音扰民"），
 * 词表没覆盖的再按相似度贪心聚类，以簇内最多留言提到的词作标签（"电线杆·救护车"，不是字的残片）。
 * 条目可带 weight（1 + "我也遇到"的人数）：热度、排序和标签用词都按它加权。按热度从高到低。
 */
export function hotTopics(
  items: ReadonlyArray<{ id: string; text: string; weight?: number }>,
  opts: { minCount?: number; limit?: number } = {},
): HotTopic[] {
  const minCount = opts.minCount ?? 2;
  const limit = opts.limit ?? 10;
  const { labelStop } = tables();
  const byTopic = new Map<string, { ids: string[]; count: number; terms: Map<string, number> }>();
  const rest: Array<{ id: string; v: TextVector; words: string[]; weight: number }> = [];
  for (const it of items) {
    const weight = it.weight !== undefined && Number.isFinite(it.weight) && it.weight > 0 ? it.weight : 1;
    const t = normalizeWidth(it.text);
    let best: { label: string; n: number; terms: string[] } | null = null;
    for (const topic of TOPICS) {
      const ms = [...t.matchAll(topic.re)].map((m) => m[0]);
      if (ms.length > 0 && (!best || ms.length > best.n)) best = { label: topic.label, n: ms.length, terms: ms };
    }
    if (!best) {
      const all = contentWords(it.text);
      const words = [...new Set(all)].filter((w) => w.length >= 2 && !labelStop.has(w));
      rest.push({ id: it.id, v: vectorOf(it.text, all), words, weight });
      continue;
    }
    const g = byTopic.get(best.label) ?? { ids: [], count: 0, terms: new Map<string, number>() };
    g.ids.push(it.id);
    g.count += weight;
    for (const term of new Set(best.terms)) g.terms.set(term, (g.terms.get(term) ?? 0) + weight);
    byTopic.set(best.label, g);
  }
  const out: HotTopic[] = [...byTopic.entries()].map(([label, g]) => ({
    label,
    count: g.count,
    ids: g.ids,
    terms: topTerms(g.terms, 5),
  }));
  // 词表之外：贪心聚类（与簇首的相似度 ≥ 0.3 即并入）；热度高的留言先当簇首
  rest.sort((a, b) => b.weight - a.weight);
  const clusters: Array<{ head: TextVector; ids: string[]; members: typeof rest }> = [];
  for (const r of rest) {
    const c = clusters.find((cl) => cosine(cl.head, r.v) >= 0.3);
    if (c) {
      c.ids.push(r.id);
      c.members.push(r);
    } else clusters.push({ head: r.v, ids: [r.id], members: [r] });
  }
  for (const c of clusters) {
    const count = c.members.reduce((s, m) => s + m.weight, 0);
    if (count < minCount) continue;
    // 标签：簇里（按热度加权）最多留言提到的词；只有一条时取它最前面的几个实词
    const df = new Map<string, number>();
    for (const m of c.members) for (const w of m.words) df.set(w, (df.get(w) ?? 0) + m.weight);
    const shared = c.members.length > 1 ? [...df.entries()].filter(([, n]) => n > 1).map(([w]) => w) : c.members[0].words.slice(0, 3);
    const terms = c.members.length > 1 ? topTerms(new Map(shared.map((w) => [w, df.get(w)!])), 3) : shared;
    out.push({ label: terms.length ? terms.join('·') : '其他', count, ids: c.ids, terms });
  }
  return out
    .filter((t) => t.count >= minCount)
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1))
    .slice(0, limit);
}

function topTerms(m: Map<string, number>, n: number): string[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([k]) => k);
}
