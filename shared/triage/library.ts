/**
 * 三库归属：问题库（有东西要修、要管、要查、要答复）还是建言库（提出一个想法或方案）。
 *
 * 结果：
 * - suggestion：理由写出提议的线索（"提示词后面是要改成什么样「建议增设」"……），也有问题描述时一并说明；
 * - problem：理由写出问题的线索（"投诉、举报、求助「投诉」"……），没有线索时说明只描述了现状。
 *
 * 线索：看"建议、希望、呼吁、能否……"后面跟的是什么：跟的是增设、开通、取消、调整、安装这类"要改成什么样"，
 * 是提议；跟的是解决、处理、查一查、管一管、来看看、修好这类"把这件事办了"，是礼貌地反映问题
 * （"建议领导来看看，我们小区垃圾堆了半个月"仍是问题）。没有提示词的提议也是提议：
 * "搞成个小广场多好""公交车要是能开到镇上就方便了""路口装个红绿灯吧""单独开一个窗口就不用排那么久"。
 * 标题和正文的线索分开计。每条线索的权重和一张小词表的权重在调参集上拟合（./linear-judge.ts），合计过 0 判为建言。
 * 居民自己的选择由调用方保留；这里只给出判断和理由，不一致时由 libraryDisagrees 提示召集人。
 */
import type { ReportKind } from '../domain/vocabulary';
import { normalizeWidth } from './features';
import { LIBRARY_WEIGHTS } from './judgement-weights';
import { describe, lexicon, scoreLinear, TITLE_PREFIX, wordsIn, type Cue } from './linear-judge';

/** 提示词：后面跟着的动作决定是建言还是反映问题（"什么时候能开通"问的也是要改成什么样，"什么时候能修好"是催办） */
const CUE = '(?:何时|什么时候|几时|建议|希望|期望|期待|呼吁|提议|倡议|请求|恳请|要求|盼望|期盼|能否|能不能|可否|是否可以|是否能|应该|应当|最好|不妨|可以考虑|考虑|尽快|早日|及早)';
/** "要改成什么样"：建言 */
const CHANGE =
  '(?:多搞|多办|多放|多设|多建|多装|多种|实现|增设|增加|增开|加开|多开|开通|开设|设置|设立|设个|安装|加装|装个|装上|修建|新建|建设|建立|建个|引进|引入|推广|推行|实行|实施|出台|制定|取消|调整|更名|改名|改为|改成|改建|延伸|延长|拓宽|提高|降低|减免|免费|禁止|限制|统一|划定|划出|开辟|搬迁|外迁|迁出|增强|暂缓|优化|完善|提供|纳入|放宽|允许|鼓励|扶持|开放|共享|试点|搞个|搞成|办个|加强|加大|加快建设|规划|打造|保留|列为|合并|合成|错开|对接|停靠|设站|改革|试行|先行|开到|延到|延至|新增|加密|缩短|改进|通公交|通公车|通车|通一趟|建(?=[^，。！？]{0,3}(?:学校|小学|中学|幼儿园|医院|公园|广场|市场|停车场|图书馆|公厕|厕所|车站|桥)))';
/** "把这件事办了"：反映问题 */
const FIX =
  '(?:解决|处理|查处|查一查|查查|调查|严查|严惩|打击|取缔|制止|整改|督促|管一管|管管|过问|重视|关注|来看看|来看一下|看一下|看看|来看|修复|修好|维修|修理|修缮|修膳|回复|答复|退还|赔偿|清理|清除|拆除|说法|主持公道|做主|落实|兑现|核查|彻查|帮忙|帮助|严打|整顿|整治|核实|关停|叫停|停止|恢复|追回|退款|退回|给个说法|给予答复|引起重视)';
const CUE_THEN = new RegExp(`${CUE}[^，。；！？!?\\n]{0,16}?(${CHANGE}|${FIX})`, 'g');
/** 标题短，提示词和动作隔得远一点也算（"请求某路公交车在某某路与某某路交叉路口站停靠"） */
const CUE_THEN_TITLE = new RegExp(`${CUE}[^，。；！？!?\\n]{0,30}?(${CHANGE}|${FIX})`, 'g');
const CHANGE_RE = new RegExp(`^${CHANGE}$`);
const CHANGE_ANY = new RegExp(CHANGE);
const FIX_RE = new RegExp(FIX);
/** 没有提示词的提议：盼头（多好、就方便了）、提出做一件具体的事（装个、开一个窗口、加一趟） */
const UNMARKED =
  /多好|就方便了|就好了|就不会|该多好|那就好|(就|也|才)(不用|省得|方便|有个|好卖|好走|松多了|省事|省心)|(装|搞|设|办|建|开|放|划|修|做|弄|加|种|留|配|送)(个|一个|几个|一趟|一条|一块|一片|一排|一处|一间)|(?<![不没])可以(在|把|给|搞|办|设|装|划|多|修|开|建|放|做|弄|改|种|加|挪|搬)|(能不能|能否|可不可以|可否)[^，。]{0,8}(早|晚|多|宽|长|大|快|近|便宜)一?点|(修|做|搞|弄|开|放|延)(长|宽|大|多|高|低|早|晚)一点|一点吧|(?<![了的是呢]|不会.{0,3}|过去)吧(?:$|(?=[，。！ \s]))|我觉得[^，。]{0,10}(可以|应该)|(就|才)能(方便|解决)|要是[^，。]{0,16}(就|该)/g;

/** 说出自己的看法：提议的人常这样起头（"我的建议是……""我有个想法""提几点建议"）；"我觉得""有必要"在投诉里也常见，不算 */
const OPINION = /我的建议|我有个想法|有个建议|提几点|几点建议|一点建议|建议如下|几点意见|几点想法|我的想法|我想建议/g;
/** "何时开通？""什么时候开通"：多半在问一件已定下的事的进度，和"建议开通"分开计；"什么时候能开通""何时可以开通"是在盼，仍算要改成什么样 */
const ASK_WHEN = /^(何时|什么时候|几时)(?![^，。]*(能|可以|可|会不会))/;
/** 讲的是发生过的一件事：日期、金额、打过电话、报过警、至今没办——投诉的样子 */
const INCIDENT = /\d{1,2}月\d{1,2}[日号]|\d+(多)?元|[多几]次|至今|到现在|打电话|打了电话|报警|热线|12345|拨打|找过|找了|去了[^，。]{0,6}(次|趟)/g;
/** 分句：句号、问号、叹号、分号、换行 */
const SENTENCE = /[^。！？!?；;\n]+/g;

/** 投诉、举报、求助：明摆着要办事 */
const COMPLAINT = /投诉|举报|曝光|控告|维权|求助|求救|讨薪|追讨|反映|质疑|揭发/g;
/** 问题描述 */
const TROUBLE =
  /扰民|拖欠|违规|违法|违建|乱收费|乱摆|乱停|乱倒|不作为|推诿|无人管|没人管|没人收|没人修|不管|坏了|损坏|破损|堵塞|漏水|污染|臭|噪音|至今|迟迟|一直(没|未|不)|严重|骗|欠薪|不合理|不公平|太差|太吵|太贵|难|不便/g;
/** 问怎么办一件事（手续、材料、去哪里办）：要的是答复，是问题库的事，和"可以在……设个……"的提议分开 */
const PROCEDURE =
  /咨询|请问|流程|手续|(需要|要)(准备|提供|带)?(哪些|什么)(材料|资料|证明|证件)|(如何|怎么|怎样)(办理|申请|领取|报销|缴纳|开具|转移|更换)|(去|到|在)哪里?(办理?|开具?|申请|领取)|(能否|能不能|可否|可不可以|是否可以|是否能)(办理|申请|领取|报销|享受|转回|补办)/g;
/** 问一件事 */
const QUESTION = /怎么办|为何|为什么|何时|咨询|请问|什么时候|是否合法|[?？]/g;

export interface LibraryDecision {
  library: ReportKind;
  reasons: string[];
  /** 合计分数：过 0 判为建言 */
  score: number;
}

function count(re: RegExp, t: string): { n: number; first?: string } {
  re.lastIndex = 0;
  let n = 0;
  let first: string | undefined;
  for (const m of t.matchAll(re)) {
    n++;
    first ??= m[0];
  }
  return { n, first };
}

const cue = (name: string, value: number, quote?: string): Cue => ({ name, value, quote });
/** 计数做饱和：长篇里顺带的"希望尽快解决"和长篇建言里描述的现状都不应一边倒 */
const sat = (n: number, cap: number) => Math.min(n, cap);

/** 去掉带"吗"的问句（"我买的商铺契税可以减免吗"） */
function withoutYesNoQuestions(text: string): string {
  if (!text.includes('吗')) return text;
  return text.replace(/[^。！？!?；;\n]+[。！？!?；;\n]?/g, (x) => (x.includes('吗') ? '。' : x));
}

/** 一段文字（标题或正文）的线索；where 是"标题"或"" */
function partCues(text: string, where: '标题' | ''): Cue[] {
  const pre = where ? '标题：' : '';
  const out: Cue[] = [];
  let change = 0;
  let fix = 0;
  let changeQ: string | undefined;
  let fixQ: string | undefined;
  let askWhen = 0;
  let askWhenQ: string | undefined;
  const cueThen = where ? CUE_THEN_TITLE : CUE_THEN;
  cueThen.lastIndex = 0;
  for (const m of text.matchAll(cueThen)) {
    if (CHANGE_RE.test(m[1]!) && ASK_WHEN.test(m[0])) {
      askWhen++;
      askWhenQ ??= m[0];
    } else if (CHANGE_RE.test(m[1]!)) {
      change++;
      changeQ ??= m[0];
    } else {
      fix++;
      fixQ ??= m[0];
    }
  }
  if (change) out.push(cue(`${pre}提示词后面是要改成什么样`, sat(change, 3), changeQ));
  if (fix) out.push(cue(`${pre}提示词后面是把这件事办了`, sat(fix, 3), fixQ));
  if (askWhen) out.push(cue(`${pre}问什么时候改`, 1, askWhenQ));
  const o = count(OPINION, text);
  if (o.n) out.push(cue(`${pre}说出自己的看法`, sat(o.n, 2), o.first));
  // 短短几句里的"装个……吧""就方便了"是在提议；长篇陈情里的"就不会出事""可以做"多半是在数落，分开计
  // 问句里的"可以办……吗"是在问自己能不能办，不是提议：带"吗"的句子不数
  const u = count(UNMARKED, withoutYesNoQuestions(text));
  if (u.n) out.push(cue(`${pre}没有提示词的提议${!where && text.length > 200 ? '（长篇里）' : ''}`, sat(u.n, 3), u.first || '吧'));
  const c = count(COMPLAINT, text);
  if (c.n) out.push(cue(`${pre}投诉、举报、求助`, sat(c.n, 3), c.first));
  const tr = count(TROUBLE, text);
  if (tr.n) out.push(cue(`${pre}问题描述`, sat(tr.n, 6) / 2, tr.first));
  const q = count(QUESTION, text);
  if (q.n) out.push(cue(`${pre}提问`, sat(q.n, 3), q.first));
  const pr = count(PROCEDURE, text);
  if (pr.n) out.push(cue(`${pre}问怎么办事`, sat(pr.n, 3), pr.first));
  return out;
}

/** 一句话是不是在提议：提示词后面是要改成什么样、没有提示词的提议、说出自己的看法 */
function proposes(sentence: string): string | undefined {
  CUE_THEN.lastIndex = 0;
  for (const m of sentence.matchAll(CUE_THEN)) if (CHANGE_RE.test(m[1]!) && !ASK_WHEN.test(m[0])) return m[0];
  UNMARKED.lastIndex = 0;
  OPINION.lastIndex = 0;
  return UNMARKED.exec(withoutYesNoQuestions(sentence))?.[0] ?? OPINION.exec(sentence)?.[0];
}
/** 一句话是不是在诉苦、要求办事：问题描述、投诉、提示词后面是把这件事办了 */
function complains(sentence: string): boolean {
  TROUBLE.lastIndex = 0;
  COMPLAINT.lastIndex = 0;
  if (TROUBLE.test(sentence) || COMPLAINT.test(sentence)) return true;
  CUE_THEN.lastIndex = 0;
  for (const m of sentence.matchAll(CUE_THEN)) if (!CHANGE_RE.test(m[1]!)) return true;
  return false;
}

/**
 * 正文的结构：提议的句子和诉苦的句子各占多少、提议在哪里。
 * 建言多半开门见山或通篇在讲办法；投诉是一路数落下来，最后一句才"希望……"。
 * （也试过"数落了一路，最后才提要求"单独一条：交叉验证上没有差别，去掉了。）
 */
function structureCues(body: string): Cue[] {
  const sents = (body.match(SENTENCE) ?? []).map((x) => x.trim()).filter((x) => x.length >= 4);
  if (!sents.length) return [];
  const kinds = sents.map((x) => ({ p: proposes(x), c: complains(x) }));
  const props = kinds.map((k, i) => (k.p && !k.c ? i : -1)).filter((i) => i >= 0);
  const comps = kinds.filter((k) => k.c && !k.p).length;
  const out: Cue[] = [];
  if (props.length) {
    out.push(cue('提议的句子占的比例', Math.round((props.length / (props.length + comps)) * 100) / 100, sents[props[0]!]!.slice(0, 20)));
    if (props[0] === 0) out.push(cue('开头一句就是提议', 1, sents[0]!.slice(0, 20)));
  }
  return out;
}

/** 三库的线索（名字即权重表里的键）；训练脚本和 assessLibrary 用同一个函数 */
export function libraryCues(title: string | null | undefined, body: string): Cue[] {
  const bt = normalizeWidth(body);
  // 没有标题时，正文开头一句短话就是标题（"关于公务员户籍限制的建议！……"）
  const lead = title && title.trim() ? '' : (/^[^。！？!?\n]{4,40}[。！？!?\n]/.exec(bt)?.[0] ?? '');
  const tt = normalizeWidth(title ?? '') || lead.slice(0, -1);
  const cues = [...partCues(normalizeWidth(title ?? ''), '标题'), ...partCues(bt, '')];
  // 标题本身就是"关于……的建议"
  const titleProposal =
    /(建议|提议|倡议|金点子|意见|看法|想法)(及意见|和意见|及建议|和建议)?[!！。？?]?$|(意见|疑问)(和|及)建议[!！。？?]?$/.exec(tt) ??
    // 标题以"建议/呼吁/倡议/提议"开头，后面不是"解决、处理、查处"这类要求办事的话；或"关于开通……的请求"
    (tt.length > 4 && /^(强烈)?(建议|呼吁|倡议|提议)/.test(tt) && !FIX_RE.test(tt) ? /^(强烈)?(建议|呼吁|倡议|提议)/.exec(tt) : null) ??
    (/(请求|申请)$/.test(tt) && CHANGE_ANY.test(tt) ? /(请求|申请)$/.exec(tt) : null);
  if (titleProposal) cues.push(cue('标题即为提议', 1, titleProposal[0]));
  // 标题本身就是"关于……的投诉""举报……"
  const titleComplaint = /(投诉|举报|控告|曝光|质疑|反映|求助)(信|书)?[!！。？?]?$|^(实名)?(投诉|举报|控告|曝光|质疑|反映|求助)/.exec(tt);
  if (titleComplaint) cues.push(cue('标题即为投诉', 1, titleComplaint[0]));
  // 分条列出的几点办法（"一是……二是……""1、……2、……"）
  const points = count(/(^|[。；;\s])(一是|二是|三是|[1-9][、.．]|[（(][一二三四五][)）]|第[一二三四五][，、,])/g, bt);
  if (points.n >= 2) cues.push(cue('分条列出几点', 1));
  cues.push(...structureCues(bt));
  // 也试过"讲的是政策、规划、制度""拿别处作比（外地、参照某市）"两类：交叉验证上不升反降，没有留
  const inc = count(INCIDENT, `${tt}\n${bt}`);
  if (inc.n) cues.push(cue('讲的是发生过的一件事', sat(inc.n, 4) / 2, inc.first));
  return cues;
}

const LIBRARY_LEXICON = lexicon(Object.keys(LIBRARY_WEIGHTS.words));

/** 三库的词特征：正文里的词，标题里的词另计（带"题·"前缀） */
export function libraryWords(title: string | null | undefined, body: string): string[] {
  return [...wordsIn(normalizeWidth(title ?? ''), LIBRARY_LEXICON, TITLE_PREFIX), ...wordsIn(normalizeWidth(body), LIBRARY_LEXICON)];
}

export function assessLibrary(title: string | null | undefined, body: string): LibraryDecision {
  const { z, contributions } = scoreLinear(LIBRARY_WEIGHTS, libraryCues(title, body), libraryWords(title, body));
  const score = Math.round(z * 100) / 100;
  const forS = contributions.filter((c) => c.weight > 0);
  const forP = contributions.filter((c) => c.weight < 0);
  if (z > 0) {
    return {
      library: 'suggestion',
      reasons: [`建言：提出要改成什么样（${describe(forS)}）`, ...(forP.length ? [`也有问题描述（${describe(forP, 2)}），但以提议为主`] : [])],
      score,
    };
  }
  const reasons = forP.some((c) => c.name !== '用词') ? [`问题：反映需要解决的情况（${describe(forP)}）`] : ['问题：描述了现状但没有明确的提议'];
  if (forS.length) reasons.push(`虽有提议的迹象（${describe(forS, 2)}），但以反映问题为主`);
  return { library: 'problem', reasons, score };
}
