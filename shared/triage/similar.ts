/**
 * 相似留言（"我也遇到"）与热点话题。
 * 相似度：字二元组集合的加权余弦（Ochiai），信访套话里的高频二元组（"没有""部门""希望"…）降权，
 * 标题的二元组再计一次。不依赖分类模型，小程序端也能用。
 */
import { bigramSet, normalizeWidth } from './features';

/** 在留言里到处都是、说明不了"是不是同一件事"的二元组（从留言数据的文档频次里挑出的通用词）。 */
const GENERIC_BIGRAMS = new Set(
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
  ).split(' '),
);
const GENERIC_WEIGHT = 0.15;

export interface TextVector {
  weights: Map<string, number>;
  norm: number;
}

/** 把一条留言变成带权的二元组集合；标题可以用 "标题。正文" 拼接传入，也可以只传正文。 */
export function textVector(text: string, title?: string | null): TextVector {
  const weights = new Map<string, number>();
  for (const g of bigramSet(text)) weights.set(g, g.length === 1 ? 0.3 : GENERIC_BIGRAMS.has(g) ? GENERIC_WEIGHT : 1);
  if (title) for (const g of bigramSet(title)) weights.set(g, (weights.get(g) ?? 0) + (GENERIC_BIGRAMS.has(g) ? GENERIC_WEIGHT : 1));
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
  /** 相似度下限，默认 0.45（在 hot 数据上让重复对的精确率约九成） */
  threshold?: number;
  /** 最多返回几条，默认 5 */
  limit?: number;
}

export const DEFAULT_SIMILAR_THRESHOLD = 0.45;

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
  const norms = new Float64Array(candidates.length);
  const postings = new Map<string, { docs: number[]; weights: number[] }>();
  candidates.forEach((c, i) => {
    const v = textVector(c.text);
    norms[i] = v.norm;
    for (const [g, w] of v.weights) {
      let p = postings.get(g);
      if (!p) postings.set(g, (p = { docs: [], weights: [] }));
      p.docs.push(i);
      p.weights.push(w);
    }
  });
  return {
    size: candidates.length,
    query(text: string, opts: SimilarOptions = {}) {
      const threshold = opts.threshold ?? DEFAULT_SIMILAR_THRESHOLD;
      const limit = opts.limit ?? 5;
      const q = textVector(text);
      if (q.norm === 0) return [];
      const dot = new Float64Array(candidates.length);
      for (const [g, w] of q.weights) {
        const p = postings.get(g);
        if (!p) continue;
        for (let j = 0; j < p.docs.length; j++) dot[p.docs[j]] += w * p.weights[j];
      }
      const out: Array<{ id: string; score: number }> = [];
      for (let i = 0; i < dot.length; i++) {
        if (dot[i] === 0 || norms[i] === 0) continue;
        const score = dot[i] / (q.norm * norms[i]);
        if (score >= threshold) out.push({ id: ids[i], score: Math.round(score * 1000) / 1000 });
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
  count: number;
  ids: string[];
  terms: string[];
}

/**
 * 把一批近期留言归成话题：先按常见话题词表归类（标签可读，如"停车难""噪音扰民"），
 * 词表没覆盖的再按相似度贪心聚类，以簇内最常见的实词二元组作标签。按条数从多到少。
 */
export function hotTopics(items: ReadonlyArray<{ id: string; text: string }>, opts: { minCount?: number; limit?: number } = {}): HotTopic[] {
  const minCount = opts.minCount ?? 2;
  const limit = opts.limit ?? 10;
  const byTopic = new Map<string, { ids: string[]; terms: Map<string, number> }>();
  const rest: Array<{ id: string; v: TextVector }> = [];
  for (const it of items) {
    const t = normalizeWidth(it.text);
    let best: { label: string; n: number; terms: string[] } | null = null;
    for (const topic of TOPICS) {
      const ms = [...t.matchAll(topic.re)].map((m) => m[0]);
      if (ms.length > 0 && (!best || ms.length > best.n)) best = { label: topic.label, n: ms.length, terms: ms };
    }
    if (!best) {
      rest.push({ id: it.id, v: textVector(it.text) });
      continue;
    }
    const g = byTopic.get(best.label) ?? { ids: [], terms: new Map<string, number>() };
    g.ids.push(it.id);
    for (const term of new Set(best.terms)) g.terms.set(term, (g.terms.get(term) ?? 0) + 1);
    byTopic.set(best.label, g);
  }
  const out: HotTopic[] = [...byTopic.entries()].map(([label, g]) => ({
    label,
    count: g.ids.length,
    ids: g.ids,
    terms: topTerms(g.terms, 5),
  }));
  // 词表之外：贪心聚类（与簇首的相似度 ≥ 0.3 即并入）
  const clusters: Array<{ head: TextVector; ids: string[]; vecs: TextVector[] }> = [];
  for (const r of rest) {
    const c = clusters.find((cl) => cosine(cl.head, r.v) >= 0.3);
    if (c) {
      c.ids.push(r.id);
      c.vecs.push(r.v);
    } else clusters.push({ head: r.v, ids: [r.id], vecs: [r.v] });
  }
  for (const c of clusters) {
    if (c.ids.length < minCount) continue;
    const df = new Map<string, number>();
    for (const v of c.vecs) for (const [g, w] of v.weights) if (w === 1 && !/[0-9a-z]/.test(g)) df.set(g, (df.get(g) ?? 0) + 1);
    const terms = topTerms(df, 3);
    out.push({ label: terms.length ? terms.join('·') : '其他', count: c.ids.length, ids: c.ids, terms });
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
