/**
 * 范围（定单要准）：群体的共同利益进入协商；个人自身的诉求——自己的房子和房产证、自己孩子的学位、
 * 自己或家人的医药费报销、自己的职称考试、自己的消费纠纷、欠自己（或欠"他"）的工钱、自己的户口社保——
 * 建议转办职能部门，并说明理由。
 *
 * 结果：
 * - individual：理由写出是哪几条线索（"自己的工钱「工钱」"……）和建议转办的部门；
 * - group：理由写出群体线索（"诉求主体是一个群体「我们小区」"……），没有任何线索时说明按群体处理。
 *
 * 做法：规则找线索——说话人自己或家人（我、本人、我家、我儿子、作为家长……）后面跟着一件切身的事
 * （房产证、学位、报销、工钱、户口、退款……，每一种是一条线索）、欠一个人的工钱、消费纠纷、询问自己的事、
 * 第一人称单数和复数的多少；群体主体（我们小区、业主们、上百户……）、一类人（老师们、所有员工、我们这些……）、
 * 公共事务话题、举报、建言。每条线索的权重和一张小词表的权重在调参集上拟合（./linear-judge.ts），
 * 合计过 0、并且至少有一件具体的切身的事（只有"我"和篇幅不算），才判为个人诉求；拿不准按群体处理，
 * 不把群众挡在协商之外。
 */
import type { Category, ReportKind, Scope } from '../domain/vocabulary';
import { normalizeWidth } from './features';
import { assessLibrary } from './library';
import { SCOPE_WEIGHTS } from './judgement-weights';
import { describe, lexicon, scoreLinear, wordsIn, type Cue } from './linear-judge';

/** 说话人自己（"我们"不算；"我市、我县"是机关口吻） */
const SELF = '(?:我家|我们家|本人|当事人|自己|俺|家父|家母|咱(?!们)|我(?!们|市|省|县|区|国|党|校|院|局|司|村|镇|乡|组|厂|单位|小区|社区|公司|部门))';
const KIN =
  '(?:儿子|女儿|孩子|小孩|娃|孙子|孙女|外孙|老公|爱人|丈夫|妻子|老婆|媳妇|儿媳|女婿|男人|父亲|母亲|爸爸|妈妈|老爸|老妈|老娘|老头子|老伴|爸|妈|公公|婆婆|岳父|岳母|哥哥|弟弟|姐姐|妹妹|哥|弟|姐|妹|家人|亲属|全家|老二|老大)';
/** 切身的事：钱、证、学、病、工作、合同、纠纷 */
const AFFAIRS: Array<{ re: string; note: string }> = [
  { re: '房子|房产证|不动产证|产权证|购房|买房|收房|交房|商品房|住房|一套房|房屋|楼盘|(?<!停)车位|商铺|门面|宅基地|私人建房|建房|自留地|(家里|屋里|房里|房间|卫生间|厨房|天花板|楼上|墙)[^，。]{0,6}(漏水|渗水|渗漏)', note: '自己的房产' },
  { re: '工资|工钱|薪水|血汗钱|报酬|劳务费|提成|押金|欠条', note: '自己的工钱' },
  { re: '社保|医保|养老保险|养老金|退休金|退休|公积金|低保|五保|扶贫|贫困户|补贴|补助|抚恤|危房改造', note: '自己的社保待遇或补助' },
  { re: '报销|医药费|医疗费|手术|住院|治疗|透析|看病|病情|误诊|医疗事故|确诊|化疗|打错|开错药|用错药|重症|烫伤|救命药|搭桥|剖腹产|生孩子', note: '自己或家人的看病和医疗费用' },
  { re: '户口|户籍|上户|落户|准生证|居住证|身份证|护照|签证|通行证|档案|残疾证|出生证|出生医学证明|结婚证|离婚证|驾驶证|驾照|营业执照|退伍证|军人证|老年证', note: '自己的证件手续' },
  { re: '学位|入学|小升初|拒收|上不了学|没学上|读不了书|不收|转学|借读|学籍|会考|毕业证|学历|休学|复学|招生|中考|高考|考试|招考|招聘|面试|报考|报名|职称|副高|正高|评职称|晋升|编制|录取|成绩|分数', note: '自己或孩子的升学、考试、职称' },
  { re: '合同|定金|首付|认筹金|退款|退钱|退费|不退|退货|发票|学费|驾校|旅行社|会所|4s店|商家|店里|网上买|买的|购买的|办卡|充值|会员卡|售后|保修|维修费|欺诈|被骗|受骗|贷款|房贷|月供|契税|租房|租的房|房租|房东|培训班|辅导班|补习班|机票|订的|水费|电费|水表|电表', note: '自己的消费或合同纠纷' },
  { re: '辞退|开除|解聘|解雇|解除劳动|劳动合同|调岗|调动|转正|工伤|仲裁|入职|离职|上班|打工|试用期', note: '自己的劳动关系' },
  { re: '赔偿|补偿|拆迁|征收|安置', note: '自己的补偿' },
  { re: '纠纷|维权|离婚|遗产|继承|(跟|和|与)(邻居|楼上|楼下|隔壁|对门)|邻居(?!们)|隔壁(家|的|盖|占|把)|被打|打伤|摔伤|摔断|受伤|被盗|被偷|我投资|我的厂|我开的|我的店', note: '自己的纠纷、受伤或生意' },
];

const PARTY = `(?:${SELF}(?:的)?${KIN}?|作为家长|家长.{0,2}孩子)`;
const AFFAIR_RES = AFFAIRS.map((a) => ({
  ...a,
  re: new RegExp(`${PARTY}[^，。；！？,;!?\\n们]{0,28}?(${a.re})`),
  anywhere: new RegExp(a.re),
}));
/** 一笔钱：阿拉伯数字或汉字数字（"两万三""一万六""六千八"） */
const MONEY = '(?:\\d+(?:\\.\\d+)?\\s*万?\\s*(?:块|元)?钱?|[一二两三四五六七八九十百千万几]{2,}(?:块|元)?钱?)';
/** 欠"他/她/我"的工钱或一笔钱：一个人的账 */
const OWED_TO_ONE = new RegExp(
  `(欠|拖欠|克扣|不给|不发|还差)[^，。；！？,;!?\\n们]{0,4}(他|她|我|本人|俺|咱|我老公|我爱人|我男人|我爸|我妈|我父亲|我母亲|我儿子)(?!们)[^，。；！？,;!?\\n们]{0,8}(工资|工钱|薪水|报酬|血汗钱|${MONEY})`,
);
/** 转述"他"的工钱 */
const OWED_TO_HIM = /(他|她)(?!们)[^。；！？;!?\n]{0,14}(不给钱|不给工钱|工钱不给|不发工资|拖欠|欠着)/;
/** 消费纠纷：交了钱不退（不必提"我"） */
const CONSUMER =
  /(办了张?卡|充了|交了|付了|买了|报了)[^，。；！？,;!?\n]{0,14}(不退|不给退|退不了|不还|关门|跑了|打不通)|钱也不退|不给退|拒不退|退款不退|不愿退|不肯退|拒绝退还?|不予退还?|不退还|押金.{0,4}(不退|扣着)|钱找谁要|(买的|购买的|订的|订购的)[^，。；！？,;!?\n]{0,12}(坏了|不制冷|不能用|用不了|质量问题|故障|退货|换货|不给换)|(店里|厂家|商家|客服|售后)(说|不管|推)/;
/** 工钱没拿到、老板跑了（说话人或家人的） */
const UNPAID = /(一分钱|工钱|工资|血汗钱)(都|也)?(没|没有|还没)(拿到|给|发|结)|(包工头|老板)[^，。；！？,;!?\n]{0,4}(跑了|跑路|失联|不见了|找不到)/;
/** "我是某小区的业主"又说到自己的房子 */
const OWNER = /(我|本人)(是|为|系)[^。；！？;!?\n]{0,24}(业主|房主|购房者|购房户|买房人|户主|住户)/;
const OWN_FLAT = /收房|交房|验房|我家|我的房|这套房|房子|房屋|房产|户型/;
/** 医院对自己或家人的诊治出了事（误诊、打错针、用药中毒）又推卸责任 */
const MEDICAL_DISPUTE = /(医院|医生|诊所|卫生院|护士)[^。；！？;!?\n]{0,24}(误诊|打错|开错|用错|中毒|医疗事故|推卸|不认账|无责任|无过错|推得一干二净|不关他们的事|没缝好|感染)/;
/** 问自己的事 */
const CONSULT = /咨询|请问|想问|想了解|想知道|怎么办理|如何办理|怎样办理|怎么申请|如何申请|需要哪些|需要什么|需要那些|什么时候|怎样|怎么|如何|多少|是否|能否|可以吗|吗[?？]?$/;
/** 数"我"的次数时不算"自己、当事人"（"他们自己""当事人双方"不是说话人） */
const SINGULAR = new RegExp(SELF.replace('|当事人|自己', ''), 'g');
const KIN_RE = new RegExp(KIN);

/** 群体主体 */
const GROUP_SUBJECTS = /我们(这个|这|那个|那)?(小区|村|社区|组|单位|这里|这边|这一带|片区|楼栋|楼|栋|安置小区|家属区|学校|公司|业主|村民|居民|住户|工人|职工|员工|家长|全体|大家|几|\d)|我们住的|全体|广大|联名|集体|众多|大家|业主们|居民们|村民们|住户们|邻居们|公共(绿地|区域|部位|场所|设施|通道|面积|收益|空间)|家长们|工人们|职工们|员工们|村民的|居民的|业主的|许多(业主|居民|村民|人|家长)|很多(业主|居民|村民|人|家长|户)|多户|多名|多位|(上百|几百|数百|上千|成千)多?(户|人|名|位|家|号人|村民|居民|业主|住户|职工|工人|学生|家长|孩子)|几十户|\d+多?(户|名|人|位|家)|周边居民|附近居民|周围居民|沿线居民/g;
/** 一类人：受影响的不止说话人一家 */
const CLASS_OF_PEOPLE =
  /(老师|教师|员工|职工|工人|农民工|司机|学生|考生|家长|业主|居民|村民|商户|住户|群众|病人|患者|老人|会员|车主|代课教师|临时工)们|(所有|全部|一部分|部分|大部分|大批|一批|这些|那些|不少|许多|好多|很多|那么多|整栋楼|整个村|全村|全楼)的?[^，。；！？,;!?\s]{0,6}?(人|户|家庭|老师|教师|学生|工人|职工|员工|业主|居民|村民|考生|家长|司机|商户|群众|百姓|孩子|小孩|车主|会员|老人)|像我(这样|这种|一样)|我们这些|我们(都是|是)[^，。；！？,;!?\n]{0,16}(员工|职工|工人|老师|教师|学生|业主|村民|居民|家长|司机|农民工|购房者|考生)/g;
/** 一个单位欠一批人的工资（"公司拖欠工资近大半年""项目部不发工人工资"） */
const PAYROLL = /(公司|单位|厂里|工厂|项目部|工地|学校|医院|集团|企业)[^，。；！？,;!?\n]{0,10}(拖欠|克扣|不发|没发|未发|不给|欠|扣发)[^，。；！？,;!?\n]{0,8}(工资|薪|奖金|绩效)|(工人|员工|职工|农民工|教师|老师)的?(工资|薪)/;
/** 说的是一项政策、规定 */
const POLICY = /政策|制度|新政|规定|文件|条例|标准|细则|一刀切/g;
/** 标题里的举报、呼吁、倡议：为公共的事发声 */
const TITLE_PUBLIC = /举报|呼吁|倡议|联名|建议|揭发|曝光/;
/** 举报别人的违法违规、提建议：为的是公共秩序 */
const PUBLIC_INTEREST = /举报|揭发|检举|曝光|包庇|非法|违法|违规|不作为|建议|呼吁|倡议|提议/g;
/** 公共事务话题 */
const PUBLIC_TOPICS = /噪音|扰民|污染|停车|路灯|道路|公交|垃圾|绿化|排水|管网|交通|红绿灯|校车|供水|停水|停电|信号|规划|违建|违章|油烟|环境|公园|广场|消防|电梯|物业/g;

export interface ScopeDecision {
  scope: Scope;
  reasons: string[];
  /** 合计分数：过 0 判为个人诉求 */
  score: number;
}

/** 个人诉求建议转办的对口部门（按一级分类）。 */
const REFERRAL: Record<Category, string> = {
  城乡建设: '住建、自然资源或街道（乡镇）',
  环境保护: '生态环境部门',
  交通运输: '交通运输或公安交管部门',
  教育文体: '教育或文旅部门',
  劳动和社会保障: '人社部门（劳动监察、社保经办）',
  商贸旅游: '市场监管或商务部门',
  卫生计生: '卫生健康部门或医保部门',
};

/** 全文是"标题\n正文"时拆开再判断三库 */
function libraryOf(text: string): ReportKind {
  const nl = text.indexOf('\n');
  return nl > 0 && nl <= 60 ? assessLibrary(text.slice(0, nl), text.slice(nl + 1)).library : assessLibrary(null, text).library;
}

function distinct(re: RegExp, t: string, cap: number): string[] {
  re.lastIndex = 0;
  const seen = new Set<string>();
  for (const m of t.matchAll(re)) {
    seen.add(m[0]);
    if (seen.size >= cap) break;
  }
  return [...seen];
}

const cue = (name: string, value: number, quote?: string): Cue => ({ name, value, quote });

/** 群体一边的线索 */
const GROUP_SIDE = new Set([
  '诉求主体是一个群体',
  '受影响的是一类人',
  '公共事务话题',
  '为公共秩序发声',
  '举报他人',
  '这是一条建言，提的是公共事务',
  '第一人称复数',
  '长篇陈情',
  '一个单位欠一批人的工资',
  '说的是一项政策或规定',
  '标题是举报或呼吁',
]);
/** 只说明篇幅和人称、不指向任何一件事的线索 */
const NEUTRAL = new Set(['第一人称单数', '"我"说得密', '短短几句', '标题里说的是自己']);

/**
 * 判为个人诉求的前提：至少有一件具体的切身的事（自己的房产、工钱、消费纠纷、询问自己的事……）。
 * 只有"我"和篇幅不够——拿不准按群体处理。训练脚本用同一条规则。
 */
export function hasPersonalMatter(cues: Cue[]): boolean {
  return cues.some((c) => !GROUP_SIDE.has(c.name) && !NEUTRAL.has(c.name) && c.name !== '只有个人的线索');
}

/**
 * 范围的线索（名字即权重表里的键）。text 是"标题\n正文"；library 是三库判断的结果。
 * 训练脚本和 assessScope 用同一个函数，训练和线上看到的线索一致。
 */
export function scopeCues(text: string, library?: ReportKind): Cue[] {
  const t = normalizeWidth(text);
  const cues: Cue[] = [];
  const singular = (t.match(SINGULAR) ?? []).length;
  const plural = (t.match(/我们|咱们|大家/g) ?? []).length;
  const kin = KIN_RE.test(t);
  let loose = 0;
  let ownFlatNamed = false;
  let ownStudy = false;
  for (const a of AFFAIR_RES) {
    const m = a.re.exec(t);
    if (m) {
      cues.push(cue(a.note, 1, m[1]));
      if (a.note === '自己的房产') ownFlatNamed = true;
      if (a.note === '自己或孩子的升学、考试、职称') ownStudy = true;
    } else if (singular > 0 && a.anywhere.test(t)) loose++;
  }
  if (loose) cues.push(cue('顺带提到切身的事', Math.min(loose, 3)));
  const owed = OWED_TO_ONE.exec(t) ?? OWED_TO_HIM.exec(t);
  if (owed) cues.push(cue('欠一个人的工钱', 1, owed[0]));
  const owner = OWNER.exec(t);
  const ownFlat = !!owner && OWN_FLAT.test(t);
  if (ownFlat && !ownFlatNamed) cues.push(cue('自己的房子', 1, owner![0]));
  const unpaid = UNPAID.exec(t);
  if (unpaid && !owed && (singular > 0 || kin)) cues.push(cue('自己或家人的工钱没拿到', 1, unpaid[0]));
  const medical = MEDICAL_DISPUTE.exec(t);
  if (medical && (singular > 0 || kin)) cues.push(cue('自己或家人的医疗纠纷', 1, medical[0]));
  const paid = CONSUMER.exec(t);
  if (paid) cues.push(cue('自己的消费纠纷', 1, paid[0]));
  // 短短几句问一件切身的事（"网上怎样能查询房屋补贴钱？"）
  const consult = CONSULT.exec(t);
  if (consult && t.length < 200 && AFFAIR_RES.some((a) => a.anywhere.test(t))) cues.push(cue('询问自己的事', 1, consult[0]));
  if (singular) cues.push(cue('第一人称单数', Math.log2(1 + singular), `"我"${singular} 次`));
  // "我"说得密（每百字几次）：通篇讲自己的事
  if (singular) cues.push(cue('"我"说得密', Math.min((singular * 100) / Math.max(t.length, 150), 4)));
  if (plural) cues.push(cue('第一人称复数', Math.log2(1 + plural), `"我们"${plural} 次`));

  // 讲的是自己孩子的事时，"我们家长"说的是自己一家；说自己房子时，"我们业主"也是
  const ownChild = ownStudy && new RegExp(`${SELF}的?(儿子|女儿|孩子|小孩|娃|孙子|孙女)`).test(t);
  const subjects = distinct(GROUP_SUBJECTS, t, 3).filter((w) => !(ownFlat && /^我们(这个)?业主$/.test(w)) && !(ownChild && w === '我们家长'));
  if (subjects.length) cues.push(cue('诉求主体是一个群体', Math.min(subjects.length, 3), subjects.slice(0, 2).join('」「')));
  const people = distinct(CLASS_OF_PEOPLE, t, 3);
  if (people.length) cues.push(cue('受影响的是一类人', Math.min(people.length, 3), people.slice(0, 2).join('」「')));
  const topics = distinct(PUBLIC_TOPICS, t, 3);
  if (topics.length) cues.push(cue('公共事务话题', Math.min(topics.length, 3), topics.slice(0, 2).join('」「')));
  const interest = distinct(PUBLIC_INTEREST, t, 3);
  if (interest.length) cues.push(cue('为公共秩序发声', Math.min(interest.length, 3), interest.slice(0, 2).join('」「')));
  if (interest.some((w) => /举报|揭发|检举/.test(w))) cues.push(cue('举报他人', 1));
  if ((library ?? libraryOf(text)) === 'suggestion') cues.push(cue('这是一条建言，提的是公共事务', 1));
  const payroll = PAYROLL.exec(t);
  if (payroll) cues.push(cue('一个单位欠一批人的工资', 1, payroll[0]));
  const policy = distinct(POLICY, t, 3);
  if (policy.length) cues.push(cue('说的是一项政策或规定', Math.min(policy.length, 3), policy.slice(0, 2).join('」「')));
  // 标题（"标题\n正文"的第一行）：标题里就有"我"是在说自己的事；标题是举报、呼吁，是为公共的事
  const nl = t.indexOf('\n');
  const title = nl > 0 && nl <= 60 ? t.slice(0, nl) : '';
  if (title && new RegExp(SELF).test(title)) cues.push(cue('标题里说的是自己', 1, title));
  const titlePublic = title ? TITLE_PUBLIC.exec(title) : null;
  if (titlePublic) cues.push(cue('标题是举报或呼吁', 1, titlePublic[0]));
  if (t.length > 600) cues.push(cue('长篇陈情', 1));
  // 只有个人的线索、一点群体的迹象都没有（"包工头还欠他一万八的工钱"）；短短几句又是这样的，更像一个人的事
  if (hasPersonalMatter(cues) && !cues.some((c) => GROUP_SIDE.has(c.name))) {
    cues.push(cue('只有个人的线索', 1));
    if (t.length < 120) cues.push(cue('短短几句', 1));
  }
  return cues;
}

const SCOPE_LEXICON = lexicon(Object.keys(SCOPE_WEIGHTS.words));

/** 范围的词特征：标题和正文里出现的词表中的词 */
export function scopeWords(text: string): string[] {
  return wordsIn(normalizeWidth(text), SCOPE_LEXICON);
}

/**
 * library：三库判断的结果（triage() 里已经算过就传进来）；不传时在这里算一遍。
 */
export function assessScope(text: string, category?: Category, library?: ReportKind): ScopeDecision {
  const cues = scopeCues(text, library);
  const { z, contributions } = scoreLinear(SCOPE_WEIGHTS, cues, scopeWords(text));
  const score = Math.round(z * 100) / 100;
  if (z > 0 && hasPersonalMatter(cues)) {
    const dept = category ? REFERRAL[category] : '对口职能部门';
    const against = contributions.filter((c) => c.weight < 0);
    const matters = contributions.filter((c) => c.weight > 0 && !NEUTRAL.has(c.name));
    return {
      scope: 'individual',
      reasons: [
        `个人诉求：${describe(matters.length ? matters : contributions.filter((c) => c.weight > 0))}`,
        `主要涉及本人利益，建议转办${dept}依法处理，而不是进入委员协商`,
        ...(against.length ? [`也有群体的迹象（${describe(against, 2)}），但个人诉求的线索更强`] : []),
      ],
      score,
    };
  }
  const forGroup = contributions.filter((c) => c.weight < 0);
  const forInd = contributions.filter((c) => c.weight > 0 && c.name !== '用词' && !NEUTRAL.has(c.name));
  if (forGroup.some((c) => c.name !== '用词'))
    return {
      scope: 'group',
      reasons: [`群体诉求：${describe(forGroup)}`, ...(forInd.length ? [`虽提到${describe(forInd, 1)}，但群体信号更强`] : [])],
      score,
    };
  return {
    scope: 'group',
    reasons: [forInd.length ? `线索不足以判为个人诉求（${describe(forInd, 2)}），按群体诉求进入协商` : '未发现只涉及本人利益的事由，按群体诉求进入协商'],
    score,
  };
}
