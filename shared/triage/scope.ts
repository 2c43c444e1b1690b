/**
 * 范围（定单要准）：群体的共同利益进入协商；个人自身的诉求——自己的房子和房产证、自己孩子的学位、
 * 自己或家人的医药费报销、自己的职称考试、自己的消费纠纷、欠自己（或欠"他"）的工钱、自己的户口社保——
 * 建议转办职能部门，并说明理由。
 *
 * 计分：
 * - 个人：说话人自己或家人（我、本人、我家、我儿子、我妈、作为家长……）后面紧跟着一件切身的事
 *   （房产证、学位、报销、工钱、户口、退款……），每一种算一次；以"咨询、请问"问自己的事；通篇第一人称单数。
 * - 群体：群体主体（我们小区、业主们、全体村民、联名、上百户……）；公共事务话题（噪音、道路、公交……）只算半分。
 * 个人分至少 1.5（一件切身的事）且高于群体分才判为个人诉求；拿不准按群体处理，不把群众挡在协商之外。
 */
import type { Category, ReportKind, Scope } from '../domain/vocabulary';
import { normalizeWidth } from './features';
import { assessLibrary } from './library';

/** 说话人自己（"我们"不算；"我市、我县"是机关口吻） */
const SELF = '(?:我家|我们家|本人|当事人|自己|俺|家父|家母|我(?!们|市|省|县|区|国|党|校|院|局|司|村|镇|乡|组|厂|单位|小区|社区|公司|部门))';
const KIN = '(?:儿子|女儿|孩子|小孩|娃|老公|爱人|丈夫|妻子|老婆|父亲|母亲|爸爸|妈妈|老爸|老妈|老娘|老头子|老伴|爸|妈|公公|婆婆|岳父|岳母|哥哥|弟弟|姐姐|妹妹|家人|亲属|全家)';
/** 切身的事：钱、证、学、病、工作、合同、纠纷 */
const AFFAIRS: Array<{ re: string; note: string }> = [
  { re: '房子|房产证|不动产证|产权证|购房|买房|收房|交房|商品房|住房|一套房|套房|房屋|楼盘|车位|商铺|门面|宅基地|私人建房|建房|(家里|屋里|房里|房间|卫生间|厨房|天花板|楼上|墙)[^，。]{0,6}(漏水|渗水|渗漏)', note: '自己的房产' },
  { re: '工资|工钱|薪水|血汗钱|报酬|劳务费|提成|押金', note: '自己的工钱' },
  { re: '社保|医保|养老保险|养老金|退休金|退休|公积金|低保|五保|扶贫|贫困户|补贴|补助|抚恤|危房改造', note: '自己的社保待遇或补助' },
  { re: '报销|医药费|医疗费|手术|住院|治疗|透析|看病|病情|误诊|医疗事故|确诊|化疗|打错|开错药|用错药|重症|烫伤|救命药', note: '自己或家人的看病和医疗费用' },
  { re: '户口|户籍|上户|落户|准生证|居住证|身份证|护照|签证|通行证|档案|残疾证|出生证|出生医学证明|结婚证|离婚证|驾驶证|驾照|营业执照|退伍证|军人证|老年证', note: '自己的证件手续' },
  { re: '学位|入学|小升初|拒收|上不了学|没学上|读不了书|不收|转学|借读|学籍|会考|毕业证|学历|休学|复学|招生|中考|高考|考试|招考|招聘|面试|报考|报名|职称|编制|录取|成绩|分数', note: '自己或孩子的升学、考试、职称' },
  { re: '合同|定金|首付|认筹金|退款|退钱|退费|不退|退货|发票|学费|驾校|旅行社|会所|4s店|商家|店里|网上买|买的|购买的|办卡|充值|会员卡|售后|保修|维修费|欺诈|被骗|受骗|贷款|契税|租房|租的房|房租|房东|押金', note: '自己的消费或合同纠纷' },
  { re: '辞退|开除|解聘|解雇|解除劳动|劳动合同|调岗|工伤|仲裁|入职|离职|上班|打工|试用期', note: '自己的劳动关系' },
  { re: '赔偿|补偿|拆迁|征收|安置', note: '自己的补偿' },
  { re: '纠纷|维权|离婚|遗产|继承|(跟|和|与)(邻居|楼上|楼下|隔壁|对门)|邻居(?!们)|隔壁(家|的|盖|占|把)|被打|打伤|摔伤|摔断|受伤|被盗|被偷|我投资|我的厂|我开的|我的店', note: '自己的纠纷、受伤或生意' },
];

const PARTY = `(?:${SELF}(?:的)?${KIN}?|作为家长|家长.{0,2}孩子)`;
const AFFAIR_RES = AFFAIRS.map((a) => ({
  ...a,
  re: new RegExp(`${PARTY}[^，。；！？,;!?\\n们]{0,20}?(${a.re})`),
  anywhere: new RegExp(a.re),
}));
/** 欠"他/她"的工钱：转述别人的个人诉求 */
const OWED_TO_ONE = /(欠|拖欠|克扣|不给|不发)[^，。；！？,;!?\n们]{0,4}(他|她|我|本人|我老公|我爱人|我爸|我妈|我父亲|我母亲|我儿子)[^，。；！？,;!?\n们]{0,8}(工资|工钱|薪水|报酬|血汗钱|\d+万?块?钱)/;
/** 消费纠纷：交了钱不退（不必提"我"） */
const CONSUMER = /(办了张?卡|充了|交了|付了|买了)[^，。；！？,;!?\n]{0,14}(不退|不给退|退不了|不还)|钱也不退|不给退|拒不退|退款不退|不愿退|不肯退|拒绝退还?|不予退还?|不退还|押金.{0,4}(不退|扣着)/;
/** 转述"他"的工钱 */
const OWED_TO_HIM = /(他|她)(?!们)[^。；！？;!?\n]{0,14}(不给钱|不给工钱|工钱不给|不发工资|拖欠|欠着)/;
/** 工钱没拿到、老板跑了（说话人或家人的） */
const UNPAID = /(一分钱|工钱|工资|血汗钱)(都|也)?(没|没有|还没)(拿到|给|发|结)|(包工头|老板)(跑了|跑路|失联|不见了)/;
/** "我是某小区的业主"又说到自己的房子 */
const OWNER = /(我|本人)(是|为|系)[^。；！？;!?\n]{0,24}(业主|房主|购房者|购房户|买房人)/;
const OWN_FLAT = /收房|交房|验房|我家|我的房|这套房|房子|房屋|房产|户型/;
/** 医院对自己或家人的诊治出了事（误诊、打错针、用药中毒）又推卸责任 */
const MEDICAL_DISPUTE = /(医院|医生|诊所|卫生院|护士)[^。；！？;!?\n]{0,24}(误诊|打错|开错|用错|中毒|医疗事故|推卸|不认账|无责任|无过错|推得一干二净|不关他们的事)/;
/** 问自己的事 */
const CONSULT = /咨询|请问|想问|想了解|想知道|怎么办理|如何办理|怎样办理|怎么申请|如何申请|需要哪些|需要什么|怎样|怎么|如何|多少|是否/;
const SINGULAR = new RegExp(SELF, 'g');

/** 群体主体 */
const GROUP_SUBJECTS = /我们(这个)?(小区|村|社区|组|单位|这里|这边|这一带|片区|楼栋|学校|公司|业主|村民|居民|住户|工人|职工|员工|家长|全体|大家|几|\d)|全体|广大|联名|集体|众多|大家|业主们|居民们|村民们|住户们|邻居们|公共(绿地|区域|部位|场所|设施|通道|面积|收益|空间)|家长们|工人们|职工们|员工们|村民的|居民的|业主的|许多(业主|居民|村民|人|家长)|很多(业主|居民|村民|人|家长|户)|多户|多名|多位|(上百|几百|数百|上千|成千)多?(户|人|名|位|家|号人|村民|居民|业主|住户|职工|工人|学生|家长|孩子)|几十户|\d+多?(户|名|人|位|家)|周边居民|附近居民|周围居民|沿线居民/g;
/** 举报别人的违法违规、提建议：为的是公共秩序（每种半分） */
const PUBLIC_INTEREST = /举报|揭发|检举|曝光|包庇|非法|违法|违规|不作为|建议|呼吁|倡议|提议/g;
/** 公共事务话题（半分） */
const PUBLIC_TOPICS = /噪音|扰民|污染|停车|路灯|道路|公交|垃圾|绿化|排水|管网|交通|红绿灯|校车|供水|停水|停电|信号|规划|违建|违章|油烟|环境|公园|广场|消防|电梯|物业/g;

export interface ScopeDecision {
  scope: Scope;
  reasons: string[];
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

/**
 * library：三库判断的结果（triage() 里已经算过就传进来）；不传时在这里算一遍。
 * 建言几乎总是为公共事务提的，按群体处理更稳。
 */
export function assessScope(text: string, category?: Category, library?: ReportKind): ScopeDecision {
  const t = normalizeWidth(text);
  const indNotes: string[] = [];
  let individual = 0;
  const singular = (t.match(SINGULAR) ?? []).length;
  // 短留言里"我"和切身的事隔着逗号也算数；长留言里顺带提到的词分量轻
  const short = t.length < 200;
  let loose = 0;
  for (const a of AFFAIR_RES) {
    const m = a.re.exec(t);
    if (m) {
      individual += 1.5;
      indNotes.push(`${a.note}「${m[1]}」`);
    } else if (singular > 0 && a.anywhere.test(t)) loose += short ? 0.75 : 0.5;
  }
  individual = Math.min(individual + Math.min(loose, short ? 1.5 : 1), 4.5);
  const owed = OWED_TO_ONE.exec(t) ?? OWED_TO_HIM.exec(t);
  if (owed) {
    individual += 2.5;
    indNotes.unshift(`欠一个人的工钱「${owed[0]}」`);
  }
  const owner = OWNER.exec(t);
  if (owner && OWN_FLAT.test(t) && indNotes.every((n) => !n.startsWith('自己的房产'))) {
    individual += 1;
    indNotes.push(`自己的房子「${owner[0]}」`);
  }
  const unpaid = UNPAID.exec(t);
  if (unpaid && !owed && (singular > 0 || new RegExp(KIN).test(t))) {
    individual += 1.5;
    indNotes.push(`自己或家人的工钱「${unpaid[0]}」`);
  }
  const medical = MEDICAL_DISPUTE.exec(t);
  if (medical && (singular > 0 || new RegExp(KIN).test(t)) && indNotes.every((n) => !n.startsWith('自己或家人的看病'))) {
    individual += 1.5;
    indNotes.push(`自己或家人的医疗纠纷「${medical[0]}」`);
  }
  const paid = CONSUMER.exec(t);
  if (paid) {
    individual += 1.5;
    indNotes.push(`自己的消费纠纷「${paid[0]}」`);
  }
  const plural = (t.match(/我们|咱们|大家/g) ?? []).length;
  if (singular >= 3) individual += 1;
  if (singular >= 6 && singular > plural * 2) individual += 1;
  // 短短几句问一件切身的事（"网上怎样能查询房屋补贴钱？"）
  const consult = CONSULT.exec(t);
  if (consult && t.length < 160 && (/[?？]/.test(t) || consult.index < 4 || /(我|本人)想(咨询|问|了解)/.test(t)) && AFFAIR_RES.some((a) => a.anywhere.test(t))) {
    individual += indNotes.length > 0 || singular > 0 ? 1 : 2;
    indNotes.push(`询问自己的事「${consult[0]}」`);
  }

  const ownFlat = !!owner && OWN_FLAT.test(t);
  // 讲的是自己孩子的事时，"我们家长"说的是自己一家
  const ownChild = new RegExp(`${SELF}的?(儿子|女儿|孩子|小孩|娃|孙子|孙女)`).test(t) && indNotes.some((n) => n.startsWith('自己或孩子的升学'));
  const subjects = distinct(GROUP_SUBJECTS, t, 3).filter((w) => !(ownFlat && /^我们(这个)?业主$/.test(w)) && !(ownChild && w === '我们家长'));
  const topics = distinct(PUBLIC_TOPICS, t, 3);
  const interest = distinct(PUBLIC_INTEREST, t, 3);
  const reporting = interest.filter((w) => /举报|揭发|检举/.test(w)).length;
  const proposal = (library ?? libraryOf(text)) === 'suggestion';
  let group = Math.min(subjects.length, 2) * 2 + Math.min(topics.length, 2) * 0.5 + interest.length * 0.5 + reporting * 0.5 + (proposal ? 2 : 0);
  if (plural >= 2 && plural >= singular) group += 1;
  const grpNotes = [
    ...(subjects.length ? [`诉求主体是一个群体「${subjects.slice(0, 2).join('」「')}」`] : []),
    ...(topics.length ? [`公共事务话题「${topics.slice(0, 2).join('」「')}」`] : []),
    ...(interest.length ? [`为公共秩序发声「${interest.slice(0, 2).join('」「')}」`] : []),
    ...(proposal ? ['这是一条建言，提的是公共事务'] : []),
  ];

  if (individual >= 1.5 && individual > group) {
    const dept = category ? REFERRAL[category] : '对口职能部门';
    return {
      scope: 'individual',
      reasons: [`个人诉求：${indNotes.slice(0, 3).join('；') || `通篇以第一人称讲自己的事（"我"${singular} 次）`}`, `主要涉及本人利益，建议转办${dept}依法处理，而不是进入委员协商`],
    };
  }
  if (grpNotes.length > 0)
    return { scope: 'group', reasons: [`群体诉求：${grpNotes.join('；')}`, ...(indNotes.length ? [`虽提到${indNotes[0]}，但群体信号更强`] : [])] };
  return { scope: 'group', reasons: ['未发现只涉及本人利益的事由，按群体诉求进入协商'] };
}
