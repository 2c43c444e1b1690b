/**
 * 紧急程度：眼下存在的人身安全险情判为紧急，立刻推给召集人——燃气泄漏、起火冒烟、电线断落漏电、
 * 房屋墙体楼板挡墙开裂下沉、随时可能倒塌的东西、路面塌陷、井盖缺失破损、堤坝管涌渗水、落石滑坡、
 * 水漫进屋、电梯下坠夹人、老人孩子遇险。
 *
 * 规则而不是模型：数据里没有紧急标注，漏判的代价太高，而且每一条都要能用话说清楚。
 * 逐个小句判断（分句见 clauses.ts，不加标点的长句按空格切）：险情说法前面紧挨着否定（没有、冇得）、
 * 前面有假设或担心（万一、担心、一旦……只管它后面的话）、后面紧跟"隐患、风险"、是过去的事（去年、
 * 着过火）或已经处理（修好了、扑灭了），就不算；词形相近而意思不是险情的说法（燃气费、消防通道、
 * 生意滑坡、声音被淹没、火灾统计）先抹掉。
 */
import type { Urgency } from '../domain/vocabulary';
import { normalizeWidth } from './features';
import { moodOf, quoteAround, splitClauses } from './clauses';

interface Hazard {
  /** 险情类别，出现在理由里 */
  label: string;
  re: RegExp;
  /** 整句里出现这些词时，这类说法不是险情（例如排污的"浓烟"、粪水"淹"了房子） */
  unlessSentence?: RegExp;
  /** 每一处命中都必然含有其中至少一个字：小句里一个都没有就不用跑这条规则（单元测试核对这一点） */
  triggers: string;
  /** 整句里必须同时出现这些词（例如"头晕恶心"要和"刺鼻的味道"同句才算） */
  needsSentence?: RegExp;
  /** 全文里出现这些词时，这类说法都不算（粪水淹了房子，标题里的"被淹"也是这件事） */
  unlessText?: RegExp;
}

/** 同一小句内的任意几个字（小句已经按标点和空格切开） */
const GAS = '(?:煤气|燃气|天然气|液化气|沼气|瓦斯)';
/** 承重、挡土的构件：开裂就算险情 */
const STRUCT = '(?:楼板|顶板|现浇层|房基|椽子|檩条|房梁|屋梁|水塔|蓄水池|结构板|现浇板|预制板|承重墙|剪力墙|主体|楼体|大梁|横梁|梁|柱子|柱|地基|基脚|桥面|桥墩|桥梁|桥|堤|坝)';
/** 山坡、边坡和挡土的墙坎 */
const SLOPE = '(?:挡土墙|挡墙|堡坎|高坎|土坎|坎子|护坡|边坡|山坡|山体)';
const CRACK = '(?:开裂|裂缝|裂纹|裂痕|崩裂|崩坏|往下凹|凹陷|凹了|鼓出来|鼓出|贯穿缝|惯穿缝|断裂|断了|裂了|裂开|裂口|裂成|下沉|沉降|下陷|下垂|鼓下来|往下沉|往下塌|塌下去|陷下去|歪了|倾斜|移位|冲空|掏空|空洞|往下掉|掉水泥|掉渣|掉块|脱落)';
/** 一般的墙和房子：交房时墙面的细裂纹很常见，要写明严重（贯穿、越来越大、从上到下）或者变形了才算 */
const WALL = '(?:墙体|外墙|墙面|墙壁|墙身|墙|房子|房屋|楼房|整栋楼|这栋楼|老房子|房顶|屋顶|楼顶|天花板|顶棚|地面|地板)';
const SEVERE = '(?:严重|好宽|很宽|好长|好几道|好几条|大口子|咔咔响|贯穿|惯穿|越来越|愈来愈|一天比一天|一指宽|指头宽|手指宽|能塞|能伸|从上到下|从底到顶|从[一二三四五六七八九十\\d]+楼.{0,3}裂到|大裂缝|好大|很大|能伸进|加大|变宽|整体|整栋)';
const DEFORM = '(?:下沉|沉降|下陷|下垂|鼓下来|往下沉|往下塌|塌下去|歪了|倾斜|移位|往下掉|掉水泥|掉渣|掉块)';

const HAZARD_LIST: Hazard[] = [
  {
    label: '燃气泄漏',
    triggers: '气味毒斯蛋',
    re: new RegExp(
      `${GAS}.{0,6}(泄漏|泄露|漏气|漏了|在漏|外泄|喷气|往外喷|在喷|冒气|破了|挖破|挖断|撞断|断了)|${GAS}.{0,8}味|${GAS}.{0,8}(嗞嗞|嘶嘶|呲呲|滋滋)|闻到.{0,4}${GAS}|臭鸡蛋.{0,3}味|漏气|一氧化碳中毒|煤气中毒`,
    ),
  },
  { label: '火情',
    triggers: '火烟燃烧爆焦', re: /着过火|起过火|着火|起火|失火|燃起来|烧起来|火势|明火|浓烟|冒烟|冒黑烟|冒火花?|火花|冒火星|火星子|火星四溅|爆炸|火情|烧焦|焦糊味/, unlessSentence: /污染|排放|排烟|烟囱|环保|油烟|粉尘|烧烤|秸秆|焚烧|喷漆/ },
  {
    label: '触电危险',
    triggers: '电线杆压',
    re: /漏电|触电|被电(倒|到|伤)|电线.{0,6}(裸露|外露|掉在地上|掉下来|掉落|断落|断了|垂|拖地|搭在地上|脱落|露在外面|冒火)|裸露的?电线|电缆.{0,4}裸露|(高压线|电线杆|电杆|线杆|水泥杆|杆子).{0,6}(断|掉|垂|落|歪|斜|倾|倒|快倒)|(电箱|电表箱|配电箱|变压器|配电房|插座|电闸|电表).{0,6}(打火|冒火|冒烟|门开着|线都露|噼里啪啦|蓝光|火光|烧黑|烧焦)/,
  },
  {
    label: '房屋结构险情',
    triggers: '裂缝断沉陷垂鼓塌垮坍崩歪斜移空掉脱钢承摇倒砸危坠松晃凹即',
    re: new RegExp(
      `${STRUCT}.{0,12}${CRACK}|结构(性|问题的?)?.{0,2}(裂缝|开裂)|钢筋.{0,4}(裸露|外露)|${WALL}.{0,8}${DEFORM}|${WALL}.{0,10}(开裂|裂缝|裂了|裂开|裂口).{0,8}${SEVERE}|${WALL}.{0,6}${SEVERE}.{0,4}(开裂|裂缝|裂了|裂开)|${SEVERE}.{0,4}(开裂|裂缝)(?=.{0,12}(楼|墙|房|板|梁|柱))|(楼|墙|房|板|梁|柱).{0,12}${SEVERE}.{0,4}(开裂|裂缝)|(开裂|裂缝|破败|年久失修|偷工减料).{0,8}(有|存在)?.{0,2}(倒塌|坍塌|垮塌)的?(危险|可能|风险)|(楼梯|踏步|台阶|楼道).{0,4}(断了|断裂|塌|垮)|震裂|(缝|裂缝|裂口).{0,4}(越来越|一天比一天)(大|宽|长)|承重墙.{0,8}(打|凿|拆|砸|挖|掏)|(打|凿|拆|砸|挖)(掉|穿|了)?.{0,4}承重墙|摇摇欲坠|随时(都)?(可能|会|有可能|有)?.{0,3}(倒|塌|垮|掉|砸|坍)|坍塌|倒塌|垮塌|崩塌|垮了|塌了|塌方|危楼|即将(倒|塌|垮|崩)|(外墙|外墙瓷砖|外墙砖|墙皮|水泥块|砖头|砖瓦|瓦片|瓦|栏杆|护栏|扶手|阳台).{0,6}(脱落|掉落|往下掉|掉下来|松了|松动|晃得|一推就晃|断了)|(挖空|掏空|冲空)了?(地基|房基|路基|墙脚)|高空坠物|砸伤|砸到人|露出钢筋|钢筋都露`,
    ),
  },
  { label: '山体边坡险情', triggers: '裂缝断沉陷垂鼓塌垮坍崩歪斜移空掉脱凹', re: new RegExp(`${SLOPE}.{0,12}${CRACK}`) },
  { label: '路面塌陷',
    triggers: '陷塌悬洞窿坑', re: /塌陷|地陷|(路面|路中间|马路|人行道|路上|地面).{0,6}(陷|塌|悬空|大洞|窟窿)|(路|地面).{0,4}塌了?.{0,4}坑|(坑|洞).{0,4}(越来越大|底下都?空|下面是空的)|半边都?悬空/ },
  { label: '水淹内涝',
    triggers: '洪涝灌决溃淹漫涌屋户腰膝涨', re: /洪水|内涝|(倒灌|灌)进了?.{0,2}(屋|家|一楼|住户|房)|决堤|溃坝|溃堤|决口|山洪|被淹|水淹|淹没|水.{0,6}(漫进|灌进|淹进|涌进|进了?屋|漫到)|积水.{0,6}(进屋|入户|齐腰|没过膝)|(漫过|漫上|快漫|淹到|涨到).{0,3}(堤|坝|路面|桥面|屋|家|门口|膝盖|腰)/, unlessSentence: /粪水|污水|化粪池|反水|下水道|马桶|厕所|粪便/, unlessText: /粪水|化粪池|反水|粪便/ },
  { label: '堤坝险情',
    triggers: '涌沙堤坝', re: /管涌|翻沙|(堤|坝).{0,10}(渗水|冒水|冒浑水|冒沙|漏水|往外冒|垮|塌|决口|裂)/ },
  { label: '地质灾害',
    triggers: '滑泥灾裂石垮土', unlessSentence: /水落石出/, re: /山体滑坡|滑坡|泥石流|地质灾害|地面开裂|山体开裂|落石|滚石|(石头|碎石|石块|泥巴|泥土|土石|山泥|泥石).{0,4}(往下滚|滚下来|滚落|掉落|冲下来|垮下来|滑下来|掉下来|往下冲)|(往下|向下)(滚|掉)(石头|碎石|石块)|山.{0,2}(裂|垮)/ },
  {
    label: '电梯险情',
    triggers: '梯',
    re: /电梯.{0,10}(坠|掉层|掉楼层|溜层|卡人|门开着就|开着门就|(钢绳|钢丝绳|钢丝).{0,4}断|往下掉|往下溜|掉到|溜到|掉下|下滑|冲顶|蹲底|夹人|夹住|夹伤|困人|关人|被困|门没关就|开着门)|(被困|困人|困在|关在|被关).{0,4}电梯/,
  },
  {
    label: '电梯险情',
    triggers: '困关停铃卡',
    re: /困了.{0,3}(人|个)|困住了|关在里面|突然停了|卡住了|卡在半|按铃没人|呼叫没人/,
    needsSentence: /电梯/,
  },
  {
    label: '井盖缺失',
    triggers: '盖',
    re: /(井盖|窨井盖|下水道盖|(下水道|窨井|井)的?盖子).{0,6}(丢|缺|被盗|被偷|偷了|没了|没有了|不见|破|烂|翻|翘|撞飞|塌|碎|踩空|移位)|(盖板|水泥盖板|沟盖|沟盖板).{0,4}(断了|碎了|塌了|没了|不见)|(没有|缺|少了?)(井盖|窨井盖)|(井盖|窨井盖).{0,2}被人偷/ },
  { label: '树木招牌等坠落',
    triggers: '牌树箱机架吊挡棚', re: /(广告牌|招牌|大树|树|水箱|空调外机|外机|空调支架|支架|架子|塔吊|脚手架|围挡|棚子).{0,8}(要掉|掉下来|快倒|歪|倾斜|摇摇晃晃|晃得|吊在半空|吊在空中|吊着|吹松|翘起来|倒了|砸|锈断|断了)/ },
  {
    label: '人员遇险',
    triggers: '老婆公奶爷孩小儿婴学孕病独敲溺掉落跌滑',
    re: /(老人|老太|老爷|阿婆|阿公|奶奶|爷爷|孩子|小孩|儿童|婴儿|学生|孕妇|病人).{0,8}(摔倒.{0,4}(起不来|爬不起来|没人管)|被困|困在|昏迷|晕倒|走失|失踪|溺水|落水|生命垂危|中毒|出不来|联系不上|喊也喊不应|没出门)|(掉进|掉到|落入|跌进|跌入|滑进).{0,3}(河|塘|水|井|坑|沟|粪池|化粪池)|独居老人.{0,10}(多日|几天|联系不上|无人应答|病倒|摔|晕|没人照|无人照)|敲门也?没人应|溺水/,
  },
  { label: '危险品',
    triggers: '化氨氯硫毒刺晕恶吐喘呛睛', re: /(化学品|危化品|氨气|氯气|硫化氢)[^，。；！？,;!?]{0,4}(泄漏|泄露|外泄)|有毒气体|刺鼻的?(气|味).{0,8}(头晕|想吐|呕吐|喘不过气)|(头晕|头.{0,3}晕|恶心|想吐|呕吐|喘不过气|呛得|眼睛.{0,4}(睁不开|辣|疼))/,
    needsSentence: /刺鼻|毒气|有毒|化工|气味|臭味|怪味|异味|煤气|燃气|沼气|一氧化碳/, unlessSentence: /污染|排放|喷漆|环保|垃圾|甲醛|油烟|粪|脏乱/ },
];

const HAZARDS = HAZARD_LIST.map((h) => ({ ...h, global: new RegExp(h.re.source, 'g') }));
/** 供测试核对"每一处命中都含触发字"（跳过规则的前提） */
export const HAZARD_RULES: ReadonlyArray<Readonly<Pick<Hazard, 'label' | 're' | 'triggers'>>> = HAZARD_LIST;
/** 字 → 含这个字的险情规则（位掩码） */
const TRIGGER_MASK = new Map<string, number>();
HAZARDS.forEach((h, k) => {
  for (const ch of h.triggers) TRIGGER_MASK.set(ch, (TRIGGER_MASK.get(ch) ?? 0) | (1 << k));
});

/** 词形相近、意思不是险情的说法：先从小句里抹掉，再找险情。 */
const NON_HAZARD_SENSES: Array<{ re: RegExp; note: string }> = [
  { re: /(燃气|煤气|天然气)(费|价|公司|开户|入户|报装|安装|管道安装|初装费|缴费|收费|涨价|改造|卡|站|报警器)/g, note: '燃气缴费、报装属于服务问题' },
  { re: /电费|电价|充电桩/g, note: '电费、充电桩不是险情' },
  { re: /危房(改造|补贴|补助|鉴定|拆迁|认定|申请|指标|政策|户|翻建)|危改|棚改/g, note: '危房改造、补贴是政策事项' },
  { re: /(烟囱|排放|排出|排|黑烟|油烟|工厂|厂|烧烤|秸秆|焚烧|锅炉|烟尘|浓烟滚滚)[^，。；！？,;!?]{0,8}(冒烟|冒黑烟|浓烟|有毒气体)|(冒烟|冒黑烟|浓烟)[^，。；！？,;!?]{0,4}(排放|烟囱|滚滚)|烟囱/g, note: '排烟排气属于污染问题，交环保处理' },
  { re: /(信息|人口|噪音|噪声|知识)爆炸|爆炸(性|式)/g, note: '' },
  { re: /消防(通道|车道|栓|设施|器材|检查|验收|宣传|演练|门|水源|安全)|火灾(事故)?(认定|调查|统计|高发|隐患)|防火门/g, note: '消防设施和通道属于管理问题' },
  { re: /防火|防汛|防灾|防溺水|防触电|防滑坡|防汛抗旱/g, note: '防范宣传不是正在发生的险情' },
  { re: /火车|火锅|火爆|火热|发火|上火|恼火|挑起火头?|起火头|车外起火|火化|火葬|鞭炮|烟花|烟草|香烟|吸烟|抽烟|火箭|火星(镇|村|路|街|乡|区|社区)|火力|打火机|灶头打不着火|打不着火/g, note: '' },
  // 统计：发生火灾一百多起、每年 2-3 起火灾、三次火灾
  { re: /(发生|出现)?(了)?(火灾|事故|坍塌)[^，。；！？,;!?]{0,4}\d+[^，。；！？,;!?]{0,3}(起|次|场|宗)|[\d一二三四五六七八九十百几多]+(起|次|场|宗)(火灾|事故)|火灾(率|数|案件|发生率)/g, note: '是统计数字，不是眼前的险情' },
  // 比喻：生意滑坡、声音被淹没、淹没于红尘、防线垮塌
  { re: /(生意|业绩|成绩|经济|收入|效益|销量|信誉|口碑|质量|实体店|人气|客流|形象|服务|道德|诚信|水平|指标|增速)[^，。；！？,;!?]{0,8}滑坡|滑坡(式|性)?(下降|下滑)|滑坡得/g, note: '"滑坡"在这里指下降' },
  { re: /(声音|声|话|呼声|意见|诉求|人海|红尘|历史|浪潮|信息|车流|人流|热情)[^，。；！？,;!?]{0,6}淹没|淹没(于|在)?[^，。；！？,;!?]{0,3}(人海|红尘|声|浪潮|历史|信息)/g, note: '"淹没"在这里是比喻' },
  { re: /防线[^，。；！？,;!?]{0,2}(垮塌|崩塌|坍塌)|(信任|信心|心理|精神|制度|体系|形象)[^，。；！？,;!?]{0,2}(垮塌|崩塌|坍塌|倒塌)/g, note: '"垮塌"在这里是比喻' },
  { re: /(轮胎|车胎|气球|充气)[^，。；！？,;!?]{0,3}漏气|禁止明火|严禁明火/g, note: '' },
  { re: /(污水|粪水|雨水管|下水道)[^，。；！？,;!?]{0,4}倒灌|(污水|排水|下水|化粪池|陶土|水)?(主?管|管道|管网|水管)[^，。；！？,;!?]{0,3}(已经?)?(坍塌|塌了|垮塌|破裂|开裂)/g, note: '管道破损、污水倒灌属于排水问题' },
  { re: /(路面|道路|马路|水泥路|地砖|瓷砖|墙漆|墙皮|保温层|保温墙|腻子|抹灰|防水层|垫层|地坪|踢脚线)[^，。；！？,;!?]{0,4}(龟裂|开裂|裂缝|裂纹|空鼓|起拱|断裂|滑坡)+/g, note: '路面、装饰面层的裂纹不是结构险情' },
];

/** 非险情说法里的字：小句里有这些字才需要抹一遍（好让理由里写出"消防通道属于管理问题"这类说明） */
const NON_TRIGGERS = new Set([...'燃煤气电危烟爆消防火滑淹垮崩塌漏灌管裂']);

/** 紧急程度的额外信号：只和险情一起出现时才加强理由，单独出现不算（居民常把"紧急"写进普通诉求）。 */
const BOOSTERS = /紧急|危急|十万火急|刻不容缓|马上|立即|赶紧|随时|正在|现在|还在|越来越/;

const NOTHING = '未发现燃气、火、电、坍塌、水淹、地质灾害、电梯、井盖或老人孩子遇险等险情';

export interface UrgencyDecision {
  urgency: Urgency;
  reasons: string[];
}

export function assessUrgency(text: string): UrgencyDecision {
  const whole = normalizeWidth(text);
  const clauses = splitClauses(whole);
  // 每类险情只列一次：第一次命中的原话，加上"是否描述为正在发生"
  const hits = new Map<string, { term: string; now: boolean; onlyFirst: boolean; clause: number }>();
  const dismissed: string[] = [];
  /** 在第一句以后被排除过的险情类别：标题（第一句）里的同类说法只是概括，跟着正文走 */
  const dismissedLater = new Set<string>();
  if (clauses.length === 0) return { urgency: 'normal', reasons: [NOTHING] };
  let sentences: string[] | null = null;
  const sentenceOf = (k: number): string => {
    if (!sentences) {
      sentences = [];
      for (const c of clauses) sentences[c.sentence] = (sentences[c.sentence] ?? '') + c.text + ' ';
    }
    return sentences[k] ?? '';
  };
  clauses.forEach((clause, i) => {
    // 小句里出现了哪些险情的关键字（一次扫过），没有就跳过
    let mask = 0;
    let nonHazardWords = false;
    for (const ch of clause.text) {
      mask |= TRIGGER_MASK.get(ch) ?? 0;
      nonHazardWords ||= NON_TRIGGERS.has(ch);
    }
    if (mask === 0 && !nonHazardWords) return;
    // 非险情说法先抹掉（等长替换，位置不变）
    let ctext = clause.text;
    for (const n of NON_HAZARD_SENSES) {
      n.re.lastIndex = 0;
      ctext = ctext.replace(n.re, (m) => {
        if (n.note) dismissed.push(`「${m}」：${n.note}`);
        return '＿'.repeat(m.length);
      });
    }
    HAZARDS.forEach((h, k) => {
      if (!(mask & (1 << k)) || !h.re.test(ctext)) return;
      if (h.unlessText && h.unlessText.test(whole)) return;
      if (h.needsSentence && !h.needsSentence.test(sentenceOf(clause.sentence))) return;
      h.global.lastIndex = 0;
      for (const m of ctext.matchAll(h.global)) {
        if (h.unlessSentence) {
          const u = h.unlessSentence.exec(sentenceOf(clause.sentence));
          if (u) {
            dismissed.push(`「${m[0]}」与「${u[0]}」同句，不是${h.label}`);
            if (clause.sentence > 0) dismissedLater.add(h.label);
            continue;
          }
        }
        const mood = moodOf(clauses, i, m.index ?? 0, m[0].length, ctext);
        if (mood.kind !== 'present') {
          dismissed.push(`「${m[0]}」${mood.why}`);
          if (clause.sentence > 0) dismissedLater.add(h.label);
          continue;
        }
        const now = BOOSTERS.test(clause.text);
        const prev = hits.get(h.label);
        if (!prev) hits.set(h.label, { term: quoteAround(clause.text, m.index ?? 0, m[0].length), now, onlyFirst: clause.sentence === 0, clause: i });
        else {
          prev.now ||= now;
          if (clause.sentence > 0) prev.onlyFirst = false;
        }
      }
    });
  });
  for (const [label, h] of hits)
    if (h.onlyFirst && dismissedLater.has(label)) {
      hits.delete(label);
      dismissed.push(`标题里的「${h.term}」在正文里说的不是眼前的险情`);
    }
  if (hits.size > 0) {
    // 同一小句命中几类时只引用一次原话，几类并列写出
    const byClause = new Map<number, { term: string; labels: string[]; now: boolean }>();
    for (const [label, h] of hits) {
      const c = byClause.get(h.clause);
      if (c) {
        c.labels.push(label);
        c.now ||= h.now;
      } else byClause.set(h.clause, { term: h.term, labels: [label], now: h.now });
    }
    const lines = [...byClause.values()].slice(0, 3).map((c) => `命中险情「${c.term}」（${c.labels.join('、')}）${c.now ? '，且描述为正在发生' : ''}`);
    return { urgency: 'urgent', reasons: [...lines, '涉及人身安全，应立即通知召集人处置'] };
  }
  if (dismissed.length > 0) return { urgency: 'normal', reasons: ['未发现正在发生的险情', ...[...new Set(dismissed)].slice(0, 3)] };
  return { urgency: 'normal', reasons: [NOTHING] };
}
