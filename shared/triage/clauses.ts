/**
 * 分句和分句里的语气：否定、过去/已处理、假设/担心。给紧急程度等规则用。
 *
 * 居民常常一整段不加标点（"楼道里煤气味好重我担心是管道漏了"），所以分句除了标点，还按空格切；
 * 语音输入每说几个字点的句号只当停顿；一个词一个空格的行先用 compactWordSpaced 去掉空格（空格在那里不是停顿）；
 * 假设类的词（担心、万一、如果……）只管它后面的话，不管前面的——"煤气味好重"在"担心"之前，
 * 说的是眼前的事；"管道漏了"在"担心"之后，才是猜测。
 *
 * moodOf 的结果（一处险情说法）：
 * - negated：前面紧挨着、或夹在主语和说法中间的否定（没有、冇得、莫得、冒得、不），管到并列几项的否定（未发现渗水、管涌），
 *   说完才跟的否定（一点缝都没有）；
 * - hypothetical：前面的假设或担心（万一、担心；较弱的"以后、可能"遇到"已经……了"让位）、夹在中间的"万一"、
 *   后面的"隐患、风险、地段"、比喻（像……一样、如浓烟）、误会或梦、别处或传闻的事、一般的例子、
 *   同一句里前面以"一旦、如果"开头的小句之后的后果；
 * - past：前面的过去时间、后面紧跟"过、后"、同一句句首的过去时间（后面没说"现在、还在"）；
 * - resolved：本小句或同一句后面说已经修好、补上、不影响安全；下一句以"事发后、后来、如题"开头说已经处理；
 * - present：其余，就是眼前的事。
 */
import { zhWordSegmenter } from './features';

/** 一句（句号、问号、叹号、分号、换行之间）里的小句（逗号、顿号、冒号、空格之间）。 */
export interface Clause {
  /** 小句文字 */
  text: string;
  /** 在原文里的起点 */
  start: number;
  /** 所在句子的编号，同一句里的小句编号相同 */
  sentence: number;
}

/** 分隔符：第 1 组是句末（句号、问号、叹号、分号、换行），否则是小句分隔（逗号、冒号、空白、省略号） */
const DELIMS = /([。！？!?；;\n]+)|[，,：:\s…]+/g;
/** 小句里的任意一个字（不跨小句）：给规则里的"中间隔几个字"用 */
export const IN_CLAUSE = '[^。！？!?；;\\n，,：:\\s…]';

/**
 * 语音转文字的句号：每说几个字就点一个句号（"水库那个坝脚下。今天早上湿了一大片。一直在渗水。"），
 * 这种句号只是停顿。全文至少三个句号、句号隔开的各段平均不到 VOICE_MEAN 个字时，句号当逗号用（仍分小句，不分句）。
 */
const VOICE_MEAN = 8;
function dictatedPeriods(text: string): boolean {
  const parts = text.split('。');
  if (parts.length < 4) return false;
  const pieces = parts.map((p) => p.trim()).filter(Boolean);
  return pieces.length > 0 && pieces.reduce((n, p) => n + p.length, 0) / pieces.length < VOICE_MEAN;
}

/**
 * 一个词一个空格的写法（"我们 楼 电梯 今天 掉下去 两层 里面 有人"：汉语不是母语、或者一个词一个词地点）：
 * 这样的一行里空格不是停顿，去掉空格再分句。一行至少三段、各段平均不到 WORD_SPACED_MEAN 个字才算；
 * 老人按说话停顿加的空格（"我屋后坎子垮了一截 泥巴堆到窗户边上了"）一段有七八个字，不受影响。
 */
const WORD_SPACED_MEAN = 3.2;
export function compactWordSpaced(text: string): string {
  if (!/[ \t]/.test(text)) return text;
  return text
    .split('\n')
    .map((line) => {
      const pieces = line.trim().split(/[ \t]+/).filter(Boolean);
      if (pieces.length < 3 || pieces.reduce((n, p) => n + p.length, 0) / pieces.length >= WORD_SPACED_MEAN) return line;
      return pieces.join('');
    })
    .join('\n');
}

export function splitClauses(text: string): Clause[] {
  const voice = dictatedPeriods(text);
  const out: Clause[] = [];
  let sentence = 0;
  let start = 0;
  let endedSentence = false;
  const push = (end: number) => {
    if (end > start) {
      if (endedSentence && out.length > 0) sentence++;
      endedSentence = false;
      out.push({ text: text.slice(start, end), start, sentence });
    }
  };
  DELIMS.lastIndex = 0;
  for (let m = DELIMS.exec(text); m; m = DELIMS.exec(text)) {
    push(m.index);
    // 连续的分隔符里只要有句末标点，就算句末
    if ((m[1] || /[。！？!?；;\n]/.test(m[0])) && !(voice && /^[。\s]+$/.test(m[0]))) endedSentence = true;
    start = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

/** 否定：紧挨在险情前面（中间最多隔"发现、出现、什么"这类词）。包括方言"冇得、冇、没得"。 */
const NEGATION_BEFORE = /(没有|没得|冇得|莫得|冒得|冇|木有|没|未|无|不|并未|不是|并非|不存在|不会|不用|排除了?)(发现|出现|发生|看到|闻到|什么|任何|有)?(的)?$/;
/** 否定在后面、说完就结束："一点缝都没有""味道也没有了"（"裂缝都没有人管"不算） */
const NEGATION_AFTER = /^(都|也)(没有|没得|冇得|冇|没)(了|啊|呀|的)?(?=$|[，。！？!?；;\s])/;
/** 否定管到并列的几项："未发现渗水、管涌和裂缝"里的管涌、裂缝也是否定的 */
const NEGATED_LIST = /(没有|未|无|并未|没)(发现|出现|发生|看到|看见|见)[^，。；！？,;!?]{0,14}(、|和|及|或|以及)$/;
/**
 * 命中的一段里面的否定："楼板没有裂缝""坝莫得渗水"——规则是"主语……说法"，否定夹在中间，管的是后面的说法。
 * "门没关就走""没人管""无法"里的否定不是否定险情。
 */
const NEGATION_INSIDE = /(没有|没得|冇得|莫得|冒得|冇|木有|没|未|无|并未|不是|不存在)(发现|出现|发生|看到|看见|闻到|什么|任何|有|见)?(?![关人法办事用出开露应见动反了咗过有故])[^没未无冇莫冒]{1,4}$/;

/** 在险情之前出现时，表示后面是假设、担心、预防或提议（只看同一小句里险情之前的一段）。 */
const HYPOTHETICAL_BEFORE: Array<{ re: RegExp; note: string; weak?: boolean; wide?: boolean }> = [
  { re: /新闻|报道|电视上|网上|听说|据说|谈及|谈到|说起|外地(?!打工|务工|人|来|的|工)|外省|国内|全国|国外|海外|日本|美国|江苏|浙江|广东|重庆|北京|上海|天津|四川|河南|湖北|福建|山东|别的地方|其他地方|某省|某市|某县|某地|某山区|邻镇|邻村|隔壁村|隔壁省|隔壁县|邻县|抖音|快手|视频号|(?<!另)外村|听[^，。；！？,;!?说]{1,6}说|群里|群内|朋友圈/, note: '说的是别处或传闻的事', wide: true },
  { re: /一旦|万一|如果|假如|倘若|要是|若是|若有|若发生|若不|真要|真的要|如遇|担心|害怕|提心吊胆|恐怕|生怕|怕|就怕|是否|防止|预防|以防|谨防|避免|以免|否则|不然/, note: '是假设或担心会发生' },
  // 较弱的"以后、容易、可能"：险情说法前面是"已经"、后面是"了"时，说的是已经发生的事（"以后怎么住墙都已经裂开了"）
  { re: /哪天|哪一天|迟早|早晚|终有一天|总有一天|(?<![完好成])以后(?!就?(一直|再也|始终))|将来|将会|会不会|是否会|什么时候会|可能会?|容易|极易|易|到时候?会|(会|将|易)(引起|引发|导致|造成|酿成)|(会|将)(发生|出现)/, note: '是假设或担心会发生', weak: true },
  { re: /宣传|演练|演习|假装|模拟|培训|讲座|预案|报警器|检测|排查|普查|防范|拍电视剧|拍戏|剧组|拍电影/, note: '是宣传、演练、拍戏、检查或防范' },
];

/** 夹在命中的一段中间时，说明后面的说法是假设或担心 */
const IF_INSIDE = /一旦|万一|如果|假如|倘若|要是|若是|哪天|迟早|早晚|以后|将来|会不会|担心|害怕|恐怕|生怕|就怕|怕是要|以防|以免/;

/** 紧跟在险情后面时，表示说的是风险而不是已经发生（"火灾隐患""坍塌的风险""倒塌的危险"）。 */
const HYPOTHETICAL_AFTER =
  /^[^，。]{0,8}(疏散)?(演练|演习)|^的?[^存有在，。]{0,3}(隐患|风险|危险(?!情况)|可能|之虞|之忧)|^[^存有在，。]{0,6}的(隐患|风险|危险(?!情况)|可能)|^[^，]{0,3}(恐惧|担忧|害怕)|^(怎么办|谁负责|谁来负责|后果不堪设想|不堪设想)|^[^，。]{0,3}(谁会负责|谁来担责|谁承担|谁负责)|^的?[^，。]{0,6}(重灾区|易发区|隐患点|灾害点|地段|危险区)|^的?(搬迁|避让|补助|补贴|防治|治理|评估|整治)/;

/** 险情后面紧跟着"而恐惧、的担忧"：说的是怕会发生 */
const FEAR_AFTER = /^[^，,]{0,3}(恐惧|担忧|害怕)/;
/** 同一句里说的是一般的例子或别处的教训（"这类漏电起火的案例不少"） */
const GENERAL_CASES = /案例|事例|先例|教训|不胜枚举/;

/** "随时"压过"危险、可能"：随时可能倒塌是眼前的险情。 */
const IMMINENT = /随时|马上就?要|眼看|快要|就要|摇摇欲坠/;

/** 跟在年份、"几年前"后面时，那说的是房子的年纪（哪年建的、买的），不是险情发生的时间 */
const BUILT = '(?![^，。]{0,2}(修建|建成|建的|建造|盖的|修的|竣工|交房|交付|入住|买的|购买|购置|投入使用|建设的))';
/** 一下子就过去的险情（倒塌、着火、被淹），它们的年月（不写到日）和"过了多久" */
const EVENT = /倒塌|垮塌|坍塌|塌方|塌了|垮了|倒了|着火|起火|失火|火灾|火情|爆炸|被淹|淹了|水淹/;
// 写到哪一天的（"2019年7月9日塘坑倒塌"）多是刚报上来的事，不算
const EVENT_DATE_BEFORE = /(19|20)\d\d年\d{1,2}月(?![\d一二三四五六七八九十]{1,3}[日号])|(19|20)\d\d年前后/;
const EVENT_AGO_AFTER = /^了?(已经|已)?有?大?[\d一二三四五六七八九十两几多半]+多?(年|个多?月)/;
/** 过去的时间：同一小句里出现在险情前面（"比上周宽了"是拿过去比，不算）。 */
const PAST_BEFORE = new RegExp(
  `(?<!比)(?:经历了?|上周|上星期|上礼拜|上个月|小时候|年轻时|以前|之前|从前|曾经|曾|去年|前年|那年|当年|那时|早年|早几年|几年前|多年前|年前${BUILT}|上世纪|过去|上次|那次|(19|20)\\d\\d年(?![\\d一二三四五六七八九十]{1,2}月)${BUILT}|\\d\\d年(?!代|[\\d一二三四五六七八九十]{1,2}月)${BUILT}|历史上|(出现|发生)过|(出现|发生)了?(多|几|两|三|数|\\d+)(名|次|起|回))`,
);
/** 险情后面紧跟"过"（着过火、塌过；"翻过去、砸到过路的"里的"过"是方向和过路，不算），或紧跟"后、之后"（"祠堂倒塌后村里没地方办酒"：拿那件事当时间点，说的是以后的事）。 */
const PAST_AFTER = /^(过(?![去来路往])|后(?!果|面|头|边|山|院|墙|门|来)|之后|以后|之前)/;
/** 险情已经处理完（同一小句或后面两个小句里）。 */
const RESOLVED = /谣言|虚惊|加固处理|已由.{0,10}(处理|加固|修复|维修)|不实|修好|修复了|已修复|已经修|修补了|已修补|补好|补上|不影响(结构|主体)?安全|没有安全问题|填好|填上了|填平了|铺好了|铺了新|换了新的|换新了|换过了|修复后|放出来|运行都?正常|一切正常|抢修回填|回填了|处理完毕|处理完了|恢复运行|检验合格|铲除|铲掉了|把[^，。；！？,;!?]{0,10}换了|(冇得|没得|没有|莫得|没)(味道|味|气味)了|换成新的?|换了新|已更换|加固过|加固了|已加固|扑灭|灭了|救出来|救出|排除了|已排除|处理好了|已处理|已整改|整改完|恢复正常|没事了|现在正常|现在好了|都好了|就好了|清理完|清理干净了|加固好了?|重新浇|重新砌|拆了重建|已经重建|重建了|没变过|没有?变化|一直就?那么宽|没有?变宽|没再变宽|扶正|扶起来了|接好了|已经接好|来电了|装了(防护|护|拦石|防落石)?网/;
/** 处理过以后说"现在一点事没有、这几天都正常"：后面的"现在"说的是好了 */
const FINE_NOW = /(现在|目前|这几天|这两天)[^，。；！？,;!?]{0,6}(一点事(都|也)?没有|没事|好好的|都?正常|不漏了|好了)/;
/** 下一句开头说的是那以后 */
const AFTERWARDS = /^(事发后|事后|后来|第二天|次日|当天|随后|之后|见标题|如题)/;
/** 修了好几次：说明修了又坏 */
const REPAIRED_AGAIN = /^[^，。]{0,4}(不下|好几|好多|多|[\d一二三四五六七八九十几]+)次/;
/** 说明事情还在继续，压过过去和已处理。 */
const STILL = /以来|[年月日号天周](开始|起)(?![火来])|现在|目前|至今|到现在|还在|仍在|仍然|依然|一直|又|越来越|一天比一天|再次|天天|每天|经常|老是|总是|还是|这几天|这两天|今天|今早|今晚|刚才|刚刚/;

/**
 * 比喻和误会：险情说法在"像……一样""好比"里，或前面是"以为、还以为、当成"——说的不是真的险情
 * （"人心散了像房子塌了一样""吓得我以为着火了"）。
 */
const SIMILE_BEFORE = /(像|好像|就像|跟|和|如同|仿佛|好比|犹如|似)[^，。]{0,8}$/;
/** "就像一栋地基下沉、四处漏风的老房子"：像"一栋、一座……"什么，是比喻 */
const SIMILE_A = /(像|好像|就像|如同|好比|犹如)(是)?一(栋|座|间|个|幢|艘|条)[^，。]{0,4}$/;
const SIMILE_AFTER = /^[^，。]{0,3}(一样|一般|似的|样的)/;
/** 紧挨在险情前面的"如、宛如"："扬起的土如浓烟"是比喻 */
const SIMILE_TIGHT = /(?<![例比假譬诸])(如|宛如|犹如|好似|恰似)$/;
const MISTAKEN_BEFORE = /(以为|还以为|当成|当是|误以为|错当|梦到|梦见|做梦)/;

/** 条件句："一旦、万一、如果"开头的小句之后，同一句里接着说的是假设的后果（"一旦停了电，电梯就停在半中间，被困的人只能干等"）。 */
const SENTENCE_IF = /^[^，。]{0,6}(一旦|万一|如果|假如|倘若|要是|若是|假设)/;
/** 假设的后果的标记 */
const CONSEQUENCE = /就|会|将|便|可能|则|势必|必然|难免|容易/;
/** 明说是眼下：压过句首的时间和条件 */
const NOW = /现在|目前|至今|还在|仍在|正在|这几天|这两天|今天|今早|今晚|刚才|刚刚/;
/**
 * 句首的时间管整句：句子第一个小句说的是过去（"1998年发大水，河边的土房子泡软了，垮了一大半"），
 * 同一句后面小句里的险情也是那时候的事——除非后面又说了"现在、还在、一直"。
 */
const SENTENCE_PAST = new RegExp(`(?<!比)(?:小时候|年轻时|上个?月|上周|上星期|上礼拜|以前|之前|从前|曾经|去年|前年|那年|当年|那时|早年|早几年|几年前|多年前|上世纪|过去|上次|那次|(19|20)\\d\\d年(?![\\d一二三四五六七八九十]{1,2}月)${BUILT}|历史上)`);

export type Mood = { kind: 'present' } | { kind: 'negated' | 'hypothetical' | 'past' | 'resolved'; why: string };

/** 反复发生 */
const RECURRING = /频繁|频发|多次|多起|多名|(?<![这那])([2-9]|\d\d|两|三|四|五|六|七|八|九|十|几)次|屡次|屡屡|一再|陆续|反复|经常|时常|常常|老是|总是|三天两头|接二连三|隔三差五/;
/** 写明是以前的事：反复发生也只是那时候的事 */
const EARLIER_TIME = /(19|20)\d\d年|去年|前年|以前|之前|当年|那年|那时|早年|几年前|多年前|上世纪|后来/;

/** 某类险情说法自己带的读法（由 urgency.ts 的规则表给出） */
export interface MoodOptions {
  /** 否定词是说法本身的一部分（"井口没有盖子"）：说法里面的否定不算否定 */
  negationInMatch?: boolean;
  /**
   * 还在用的设备、还在那里的房子和边坡：同一句说"频繁、多次、陆续"而没写明是以前时，"发生过"算眼前的事
   * （"频繁故障，经常停机，发生过多次掉层、困人事故"）
   */
  recurringIsPresent?: boolean;
}

/** 第 n 句的小句用 sep 接起来 */
function sentenceText(clauses: readonly Clause[], n: number, sep: string): string {
  return clauses
    .filter((x) => x.sentence === n)
    .map((x) => x.text)
    .join(sep);
}

/**
 * 判断一处险情说法（小句 clauses[i] 里从 at 开始、长 len 的那段）是不是在说眼前的事。
 * text 是调用方处理过的小句文字（例如抹掉了非险情说法，长度与原小句相同），或者"上一小句，本小句"接起来的文字
 * （跨小句的命中，at 按接起来的文字算）；不给时用原小句。
 */
export function moodOf(clauses: Clause[], i: number, at: number, len: number, text = clauses[i]!.text, opts: MoodOptions = {}): Mood {
  const c = text;
  const before = c.slice(0, at);
  const after = c.slice(at + len);
  const neg = NEGATION_BEFORE.exec(before.slice(-6)) ?? NEGATED_LIST.exec(before.slice(-20)) ?? NEGATION_INSIDE.exec(c.slice(at + 1, at + len)) ?? NEGATION_AFTER.exec(after);
  if (neg) return opts.negationInMatch && c.slice(at, at + len).includes(neg[0]) ? { kind: 'present' } : { kind: 'negated', why: `是否定说法「${neg[0]}」` };
  const mistaken = MISTAKEN_BEFORE.exec(before.slice(-8));
  if (mistaken) return { kind: 'hypothetical', why: `是误会（「${mistaken[0]}」），不是真的险情` };
  const simile = SIMILE_BEFORE.exec(before);
  const tight = SIMILE_TIGHT.exec(before);
  if (tight) return { kind: 'hypothetical', why: `是比喻（「${tight[1]}」）` };
  const likeA = SIMILE_A.exec(before);
  if (likeA) return { kind: 'hypothetical', why: `是比喻（「${likeA[0]}」）` };
  if (simile && SIMILE_AFTER.test(after)) return { kind: 'hypothetical', why: `是比喻（「${simile[1]}……${SIMILE_AFTER.exec(after)![1]}」）` };
  const near = before.slice(-14);
  // "生活在随时会被关在电梯里的恐惧中"：怕的是会发生，"随时"也不改变这一点
  const fear = FEAR_AFTER.exec(after);
  if (fear) return { kind: 'hypothetical', why: `说的是「${fear[0].replace(/^[^恐担害]*/, '')}」，不是已经发生` };
  // "现实中漏电起火的案例不少"：同一句说的是一般的例子
  for (let k = i; k < clauses.length && clauses[k]!.sentence === clauses[i]!.sentence; k++) {
    const g = GENERAL_CASES.exec(k === i ? after : clauses[k]!.text);
    if (g) return { kind: 'hypothetical', why: `说的是一般的例子（「${g[0]}」）` };
  }
  const imminent = IMMINENT.test(c);
  const realised = /(已经|已)$/.test(before) || /^(了|着|开了|下去了|下来了)/.test(after);
  for (const h of HYPOTHETICAL_BEFORE) {
    // 别处、传闻（wide）：整个小句里险情前面说到的都算（"谈及日本最近因为海啸引起福岛核电站爆炸"）
    const m = h.re.exec(h.wide ? before : near);
    if (m && !imminent && !(h.weak && realised)) return { kind: 'hypothetical', why: `${h.note}（「${m[0]}」）` };
  }
  // 主语和说法中间夹着"万一、担心"（"燃气，万一漏了"）：假设管的是后面的说法
  const inside = IF_INSIDE.exec(c.slice(at + 1, at + len));
  if (inside && !imminent) return { kind: 'hypothetical', why: `是假设或担心会发生（「${inside[0]}」）` };
  // "交通、火灾、触电、噪音的隐患"：跳过后面并列的几项再看
  const ha = HYPOTHETICAL_AFTER.exec(after.replace(/^(、[^、，的]{1,6})+/, ''));
  if (ha && !imminent) return { kind: 'hypothetical', why: `说的是「${ha[0].replace(/^(的|等)/, '')}」，不是已经发生` };
  // "极易导致伤亡事故，如摔伤、坠楼、高空坠物"：举例说明会导致什么
  if (/^(如|例如|比如|诸如)/.test(c) && i > 0 && /导致|引发|造成|隐患|风险|危险/.test(clauses[i - 1]!.text))
    return { kind: 'hypothetical', why: '是举例说明可能导致的后果' };
  const still = STILL.test(c);
  // 反复发生的（见 MoodOptions）：下面两处"过去"都不算
  const recurring = (): boolean => {
    if (!opts.recurringIsPresent) return false;
    const sentence = sentenceText(clauses, clauses[i]!.sentence, ' ');
    return RECURRING.test(sentence) && !EARLIER_TIME.test(sentence);
  };
  // 倒塌、着火、被淹这类一下子就过去的事：前面写着年月（"2012年3月围墙倒塌"）或后面写着过了多久（"倒塌六年多"），是那时候的事
  if (EVENT.test(c.slice(at, at + len)) && !NOW.test(c)) {
    const when = EVENT_DATE_BEFORE.exec(before) ?? EVENT_AGO_AFTER.exec(after);
    if (when) return { kind: 'past', why: `是过去的事（「${when[0]}」）` };
  }
  const pastBefore = PAST_BEFORE.exec(before);
  const past = pastBefore ?? (PAST_AFTER.test(after) || /(着|起|塌|垮|漏|裂|淹|困|烧|掉|滑|坠)过/.test(c.slice(at, at + len)) ? ['过'] : null);
  // "楼塌了以后一直没人清理"：拿险情当时间点时，后面的"一直、现在"说的是那以后的事，不让险情变回眼前
  const stillHere = PAST_AFTER.test(after) ? STILL.test(c.slice(0, at + len)) : still;
  if (past && !stillHere) return recurring() ? { kind: 'present' } : { kind: 'past', why: `是过去的事（「${past[0]}」）` };
  // 句首小句的时间管到同一句后面的小句（中间和本小句都没说"现在、还在"）
  if (!still && i > 0) {
    let first = i;
    while (first > 0 && clauses[first - 1]!.sentence === clauses[i]!.sentence) first--;
    if (first < i) {
      const head = clauses[first]!.text;
      const sp = STILL.test(head) || imminent ? null : SENTENCE_PAST.exec(head);
      // 中间或后面的小句说了"现在、至今、还在"（"今年6月护坡垮塌，影响到几栋住宅，至今没人处理"），就不是那时候的事
      let later = false;
      for (let k = first + 1; k < clauses.length && clauses[k]!.sentence === clauses[i]!.sentence && !later; k++) if (k !== i) later = STILL.test(clauses[k]!.text);
      if (sp && !later) return recurring() ? { kind: 'present' } : { kind: 'past', why: `是过去的事（句首「${sp[0]}」）` };
    }
  }
  // 同一句前面的小句以"一旦、万一、如果"开头，后面的小句说的是假设的后果
  if (!imminent && !NOW.test(c))
    for (let k = i - 1; k >= 0 && clauses[k]!.sentence === clauses[i]!.sentence; k--) {
      if (NOW.test(clauses[k]!.text)) break;
      const cond = SENTENCE_IF.exec(clauses[k]!.text);
      // "如果不建房，那个危房不能住，墙面一侧都倾斜"：条件后面的小句没有"就、会"一类的后果标记，而险情小句写着"都、已经"，说的是眼下的样子
      if (cond && /[都已]/.test(c) && !clauses.slice(k + 1, i + 1).some((x) => CONSEQUENCE.test(x.text))) break;
      if (cond) return { kind: 'hypothetical', why: `是假设的后果（前面说「${cond[1]}」）` };
    }
  for (let k = i; k < Math.min(clauses.length, i + 5); k++) {
    // 下一个小句总算；再往后的只在同一句里才算
    if (k >= i + 2 && clauses[k]!.sentence !== clauses[i]!.sentence) break;
    const text = k === i ? after : clauses[k]!.text;
    const r = RESOLVED.exec(text);
    // "已经修补了不下五次"：修了又坏，不算处理完
    const rest = r ? text.slice(r.index + r[0].length) : '';
    // "多次无故急停……困住一名老人，刚刚才救出来"：人救出来了，反复出事的设备还在用
    if (r && /救出|放出来/.test(r[0]) && recurring()) continue;
    if (r && (!STILL.test(rest) || FINE_NOW.test(rest)) && !REPAIRED_AGAIN.test(rest)) return { kind: 'resolved', why: `已经处理过（「${r[0]}」）` };
  }
  // 下一句以"事发后、后来、第二天"开头、说已经处理（"……掉进没有井盖的窨井，住院二十天。事发后第二天市政就把井盖补上了"）
  const next = clauses.findIndex((x) => x.sentence === clauses[i]!.sentence + 1);
  if (next >= 0 && AFTERWARDS.test(clauses[next]!.text)) {
    const sentence = sentenceText(clauses, clauses[next]!.sentence, '，');
    const r = RESOLVED.exec(sentence);
    if (r && !STILL.test(sentence.slice(r.index + r[0].length).split('，')[0]!)) return { kind: 'resolved', why: `已经处理过（「${r[0]}」）` };
  }
  return { kind: 'present' };
}

/** 词的切分（与分类理由、查重共用一个切词器）；运行环境没有时返回 null，退回按字 */
function words(text: string): Array<{ at: number; end: number }> | null {
  const segmenter = zhWordSegmenter();
  if (!segmenter) return null;
  return [...segmenter.segment(text)].map((s) => ({ at: s.index, end: s.index + s.segment.length }));
}

/**
 * 理由里引用的原话：整个小句（不长时），否则是命中处前后按词对齐的一段，不会从一个词的中间断开。
 */
export function quoteAround(clause: string, at: number, len: number, max = 24): string {
  if (clause.length <= max) return clause;
  const ws = words(clause);
  if (!ws) return clause.slice(at, at + len);
  let from = ws.findIndex((w) => w.end > at);
  let to = ws.findIndex((w) => w.end >= at + len);
  if (from < 0) from = 0;
  if (to < 0) to = ws.length - 1;
  // 两边交替各加一个词，直到再加就超长
  for (let grew = true; grew; ) {
    grew = false;
    if (from > 0 && ws[to]!.end - ws[from - 1]!.at <= max) {
      from--;
      grew = true;
    }
    if (to < ws.length - 1 && ws[to + 1]!.end - ws[from]!.at <= max) {
      to++;
      grew = true;
    }
  }
  const s = clause.slice(ws[from]!.at, ws[to]!.end);
  return `${from > 0 ? '…' : ''}${s}${to < ws.length - 1 ? '…' : ''}`;
}
