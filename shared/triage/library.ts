/**
 * 三库归属：问题库（有东西要修、要管、要查、要答复）还是建言库（提出一个想法或方案）。
 *
 * 看"建议、希望、呼吁、能否……"后面跟的是什么：跟的是增设、开通、取消、调整、安装这类"要改成什么样"，
 * 是建言；跟的是解决、处理、查一查、管一管、来看看、修好这类"把这件事办了"，是礼貌地反映问题
 * （"建议领导来看看，我们小区垃圾堆了半个月"仍是问题）。没有提示词的提议也算建言：
 * "搞成个小广场多好""公交车要是能开到镇上就方便了""路口装个红绿灯吧"。
 * 标题里的信号权重加倍。居民自己的选择由调用方保留；这里只给出判断和理由，不一致时由 libraryDisagrees 提示召集人。
 */
import type { ReportKind } from '../domain/vocabulary';
import { normalizeWidth } from './features';

/** 提示词：后面跟着的动作决定是建言还是反映问题 */
const CUE = '(?:建议|希望|呼吁|提议|倡议|请求|恳请|要求|盼望|期盼|能否|能不能|可否|是否可以|是否能|应该|应当|最好|不妨|可以考虑|考虑|尽快|早日|及早)';
/** "要改成什么样"：建言 */
const CHANGE =
  '(?:多搞|多办|多放|多设|多建|多装|多种|实现|增设|增加|增开|加开|多开|开通|开设|设置|设立|设个|安装|加装|装个|装上|修建|新建|建设|建立|建个|引进|引入|推广|推行|实行|实施|出台|制定|取消|调整|更名|改名|改为|改成|改建|延伸|延长|拓宽|提高|降低|减免|免费|禁止|限制|统一|划定|划出|开辟|搬迁|外迁|迁出|增强|暂缓|优化|完善|提供|纳入|放宽|允许|鼓励|扶持|开放|共享|试点|搞个|搞成|办个|加强|加大|加快建设|规划)';
/** "把这件事办了"：反映问题 */
const FIX =
  '(?:解决|处理|查处|查一查|查查|调查|严查|严惩|打击|取缔|制止|整改|督促|管一管|管管|过问|重视|关注|来看看|来看一下|看一下|看看|来看|修复|修好|维修|修理|修缮|修膳|回复|答复|退还|赔偿|清理|清除|拆除|说法|主持公道|做主|落实|兑现|核查|彻查|帮忙|帮助)';
const CUE_THEN = new RegExp(`${CUE}[^，。；！？!?\\n]{0,16}?(${CHANGE}|${FIX})`, 'g');
const CHANGE_RE = new RegExp(`^${CHANGE}$`);
const CHANGE_ANY = new RegExp(CHANGE);
const FIX_RE = new RegExp(FIX);

/** 没有提示词的提议 */
const UNMARKED = /多好|就方便了|就好了|就不会|该多好|那就好|(装|搞|设|办|建|开|放|划|修|做|弄|加|种)个|(?<![不没])可以(在|把|给|搞|办|设|装|划|多|修|开|建|放|做|弄|改|种|加|挪|搬)|(能不能|能否|可不可以|可否)[^，。]{0,8}(早|晚|多|宽|长|大|快|近|便宜)一?点|(修|做|搞|弄|开|放|延)(长|宽|大|多|高|低|早|晚)一点|一点吧|吧$|吧(?=[，。！ \s])|我觉得[^，。]{0,10}(可以|应该)|(就|才)能(方便|解决)/g;

/** 反映问题的信号 */
const PROBLEM_CUES: Array<{ re: RegExp; weight: number }> = [
  { re: /投诉|举报|曝光|控告|维权|求助|求救|讨薪|追讨|反映/g, weight: 2 },
  {
    re: /扰民|拖欠|违规|违法|违建|乱收费|乱摆|乱停|乱倒|不作为|推诿|无人管|没人管|没人收|没人修|不管|坏了|损坏|破损|堵塞|漏水|污染|臭|噪音|至今|迟迟|一直(没|未|不)|严重|骗|欠薪|怎么办|为何|为什么|何时|咨询|请问|不合理|不公平|太差|太吵|太贵|难|不便/g,
    weight: 1,
  },
];

export interface LibraryDecision {
  library: ReportKind;
  reasons: string[];
  suggestionScore: number;
  problemScore: number;
}

interface Tally {
  score: number;
  hits: Map<string, number>;
}

function add(t: Tally, term: string, w: number): void {
  t.score += w;
  t.hits.set(term, (t.hits.get(term) ?? 0) + 1);
}

/** 一段文字（标题或正文）的两种信号；mult 是标题加倍 */
function tally(text: string, mult: number, s: Tally, p: Tally): void {
  CUE_THEN.lastIndex = 0;
  for (const m of text.matchAll(CUE_THEN)) {
    // 标题里的"希望……禁止鸣笛"就是这条留言的主旨，比正文里描述的现状更说明问题
    if (CHANGE_RE.test(m[1]!)) add(s, m[0], (mult > 1 ? 3 : 2) * mult);
    else add(p, m[0], 1 * mult);
  }
  UNMARKED.lastIndex = 0;
  for (const m of text.matchAll(UNMARKED)) add(s, m[0] || '吧', 2 * mult);
  for (const c of PROBLEM_CUES) {
    c.re.lastIndex = 0;
    for (const m of text.matchAll(c.re)) add(p, m[0], c.weight * mult);
  }
}

export function assessLibrary(title: string | null | undefined, body: string): LibraryDecision {
  const tt = normalizeWidth(title ?? '');
  const bt = normalizeWidth(body);
  const ts: Tally = { score: 0, hits: new Map() };
  const tp: Tally = { score: 0, hits: new Map() };
  const bs: Tally = { score: 0, hits: new Map() };
  const bp: Tally = { score: 0, hits: new Map() };
  tally(tt, 2, ts, tp);
  tally(bt, 1, bs, bp);
  // 标题本身就是"关于……的建议"
  const titleProposal =
    /(建议|提议|倡议|金点子)(及意见|和意见|及建议|和建议)?[!！。？?]?$|(意见|疑问)(和|及)建议[!！。？?]?$/.test(tt) ||
    // 标题以"建议/呼吁/倡议/提议"开头，后面不是"解决、处理、查处"这类要求办事的话；或"关于开通……的请求"
    (tt.length > 4 && /^(强烈)?(建议|呼吁|倡议|提议)/.test(tt) && !FIX_RE.test(tt)) ||
    (/(请求|申请)$/.test(tt) && CHANGE_ANY.test(tt));
  // 正文计分做饱和：长篇投诉里顺带的"希望尽快解决"和长篇建言里描述的现状都不应一边倒
  const sat = (x: number) => Math.min(x, 6);
  const s = (titleProposal ? 6 : 0) + ts.score + sat(bs.score);
  const p = tp.score + sat(bp.score);
  const top = (a: Tally, b: Tally) => {
    const m = new Map(a.hits);
    for (const [k, v] of b.hits) m.set(k, (m.get(k) ?? 0) + v);
    return [...m.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 3)
      .map(([k]) => `「${k}」`)
      .join('');
  };
  if (s > p) {
    return {
      library: 'suggestion',
      reasons: [`建言：${titleProposal ? '标题即为提议，' : ''}提出要改成什么样${top(ts, bs)}`, ...(p > 0 ? [`也有问题描述${top(tp, bp)}，但以提议为主`] : [])],
      suggestionScore: s,
      problemScore: p,
    };
  }
  const reasons = p > 0 ? [`问题：反映需要解决的情况${top(tp, bp)}`] : ['问题：描述了现状但没有明确的提议'];
  if (s > 0) reasons.push(`虽有${top(ts, bs)}等提议，但以反映问题为主`);
  return { library: 'problem', reasons, suggestionScore: s, problemScore: p };
}
