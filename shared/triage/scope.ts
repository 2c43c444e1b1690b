/**
 * 范围（定单要准）：群体的共同利益进入协商；个人自身的诉求（自己的工资、自己的纠纷、自己的户口、
 * 养老金、赔偿……）建议转办职能部门，并说明理由。
 * 计分规则：个人诉求的事由 × 第一人称单数，对比群体主体（我们小区、业主们、村民、周边居民……）
 * 和公共事务话题；只有个人信号明显压过群体信号才判为个人诉求，拿不准时按群体处理，不把群众挡在协商之外。
 */
import type { Category, Scope } from '../domain/vocabulary';
import { normalizeWidth } from './features';

interface Cue {
  re: RegExp;
  weight: number;
  /** 理由里的说明 */
  note: string;
}

/** 个人诉求的事由：自己的钱、自己的身份手续、自己的纠纷。 */
const INDIVIDUAL_CUES: Cue[] = [
  { re: /(拖欠|克扣|欠|不发|不给|少发)[^，。；！？,;!?]{0,4}(我|本人|我老公|我爱人|我妻子|我丈夫|我父亲|我母亲|我爸|我妈)[^，。；！？们]{0,6}(工资|工钱|薪水|劳务费|报酬|血汗钱)|(我|本人)的?(工资|工钱|薪水|劳务费|血汗钱)/, weight: 3, note: '本人的工资报酬' },
  { re: /(我|本人|我家|我们家)[^，。；！？们]{0,6}(户口|户籍|落户|迁户|入户|身份证|准迁)|(户口|户籍)[^，。；！？,;!?]{0,6}(迁入|迁出|迁移|转入|办理)|落户/, weight: 2.5, note: '本人的户籍事项' },
  { re: /(我|本人|我父亲|我母亲|我爸|我妈|我爱人|我老公|我妻子|我丈夫|我家)[^，。；！？们]{0,8}(养老金|退休金|退休工资|社保|医保|公积金|低保|五保|补贴|抚恤|工龄|退休手续|档案)/, weight: 2.5, note: '本人的社保待遇' },
  { re: /(赔偿|补偿|赔付|理赔)[^，。；！？,;!?]{0,8}(我|本人|我家)|(我|本人|我家)[^，。；！？们]{0,8}(赔偿|补偿款|赔付|理赔)/, weight: 2, note: '本人的赔偿' },
  { re: /纠纷|离婚|遗产|继承|借款|欠款不还|借钱|债务|打官司|起诉|仲裁|工伤认定|工伤|被打|打人|殴打|诈骗|被骗/, weight: 1.5, note: '个人纠纷或个案' },
  { re: /(把我|将我|对我)[^，。；！？,;!?]{0,6}(辞退|开除|解雇|解除|调岗|处分)|(我|本人)[^，。；！？们]{0,4}(被辞退|被开除|被解雇)/, weight: 2.5, note: '本人的劳动关系' },
  { re: /(我|本人)[^，。；！？们]{0,6}(房产证|不动产证|产权证|购房合同|定金|首付|退房|退款)/, weight: 1.5, note: '本人的合同或产权手续' },
];

/** 第一人称单数（"我们"不算）。 */
const FIRST_SINGULAR = /(?:我(?!们)|本人|我家|俺)/g;

/** 群体主体和公共事务。 */
const GROUP_CUES: Cue[] = [
  { re: /我们(小区|村|社区|组|单位|这里|这边|这一带|片区|楼栋|学校|公司)|全体|广大|众多|联名|集体|大家|许多|很多人|多户|上百|几百|数百|上千|成千/, weight: 2, note: '诉求主体是一个群体' },
  { re: /(业主|居民|村民|住户|市民|群众|家长|学生|老人|职工|员工|工人|农民工|商户|乘客|司机|师生)(们|都|普遍|纷纷|反映|苦不堪言|意见很大)/, weight: 2, note: '多名居民共同受影响' },
  { re: /周边|周围|附近|沿线|片区|整个|全市|全县|全区|全镇|全村|每天|公共|公众/, weight: 1, note: '影响公共区域' },
  { re: /噪音|扰民|污染|停车|路灯|道路|公交|垃圾|绿化|排水|管网|交通|红绿灯|学位|校车|物业|电梯|供水|停水|停电|网络|信号|规划|拆迁|违建|油烟|臭|环境|安全隐患/, weight: 1, note: '公共事务话题' },
];

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

export function assessScope(text: string, category?: Category): ScopeDecision {
  const t = normalizeWidth(text);
  let individual = 0;
  let group = 0;
  const indNotes: string[] = [];
  const grpNotes: string[] = [];
  for (const c of INDIVIDUAL_CUES) {
    const m = c.re.exec(t);
    if (m) {
      individual += c.weight;
      indNotes.push(`${c.note}「${m[0]}」`);
    }
  }
  for (const c of GROUP_CUES) {
    const m = c.re.exec(t);
    if (m) {
      group += c.weight;
      grpNotes.push(`${c.note}「${m[0]}」`);
    }
  }
  const singular = (t.match(FIRST_SINGULAR) ?? []).length;
  const plural = (t.match(/我们|咱们|大家/g) ?? []).length;
  // 第一人称单数明显多于复数，加强"个人"判断；反之加强"群体"
  if (singular >= 2 && singular > plural * 2) individual += 1;
  if (plural >= 2 && plural >= singular) group += 1;
  if (individual >= 2 && individual > group) {
    const dept = category ? REFERRAL[category] : '对口职能部门';
    return {
      scope: 'individual',
      reasons: [`个人诉求：${indNotes.slice(0, 3).join('；')}`, `主要涉及本人利益，建议转办${dept}依法处理，而不是进入委员协商`],
    };
  }
  if (grpNotes.length > 0)
    return { scope: 'group', reasons: [`群体诉求：${grpNotes.slice(0, 3).join('；')}`, ...(indNotes.length ? [`虽提到${indNotes[0]}，但群体信号更强`] : [])] };
  return { scope: 'group', reasons: ['未发现只涉及本人利益的事由，按群体诉求进入协商'] };
}
