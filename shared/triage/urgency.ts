/**
 * 紧急程度：正在发生或迫在眉睫的人身安全险情（燃气、火、电、坍塌、水淹、地质灾害、老人孩子遇险）
 * 判为紧急，立刻推给召集人。规则而不是模型：数据里没有紧急标注，而且漏判的代价太高，
 * 必须能逐条解释。近似但不紧急的说法（消防通道被占、燃气费、防火宣传、以前着过火已修好、
 * 建议装报警器、一旦发生火灾……）按分句识别假设、否定、已处理和非险情词义后排除。
 */
import type { Urgency } from '../domain/vocabulary';
import { normalizeWidth } from './features';

interface Hazard {
  /** 险情类别，出现在理由里 */
  label: string;
  re: RegExp;
}

const HAZARD_LIST: Hazard[] = [
  { label: '燃气泄漏', re: /(煤气|燃气|天然气|液化气|瓦斯)[^，。；！？,;!?]{0,6}(泄漏|泄露|漏气|外泄|味道?很?(大|重|浓|刺鼻))|闻到[^，。；！？,;!?]{0,4}(煤气|燃气|天然气|液化气)|(煤气|燃气|天然气)味|漏气|一氧化碳中毒|煤气中毒/ },
  { label: '火情', re: /着火|起火|失火|火灾发生|发生火灾|燃起|烧起来|火势|明火|浓烟|冒烟|冒火花?|爆炸|火情/ },
  { label: '触电危险', re: /漏电|触电|电线(裸露|外露|掉落|断落|垂落|拖地|脱落)|裸露的?电线|高压线[^，。；！？,;!?]{0,4}(断|掉|垂|落)|电箱[^，。；！？,;!?]{0,4}(打火|冒火)|打火花/ },
  { label: '坍塌危险', re: /坍塌|塌陷|倒塌|垮塌|塌方|危房|地陷|摇摇欲坠|随时(可能|会|都会|有可能)?(倒|塌|垮|掉|砸)|墙体?[^，。；！？,;!?]{0,4}(开裂|裂缝)[^，。；！？,;!?]{0,6}(严重|加大|倾斜)|外墙[^，。；！？,;!?]{0,4}(脱落|掉落)|高空坠物|砸伤|砸到人/ },
  { label: '水淹内涝', re: /洪水|内涝|倒灌|决堤|溃坝|溃堤|山洪|被淹|水淹|淹没|进水[^，。；！？,;!?]{0,4}(深|米|到膝)|积水[^，。；！？,;!?]{0,6}(进屋|入户|倒灌|齐腰|没过膝)/ },
  { label: '地质灾害', re: /山体滑坡|滑坡|泥石流|地质灾害|地面开裂|山体开裂|落石/ },
  { label: '人员遇险', re: /(老人|老太|老爷|奶奶|爷爷|孩子|小孩|儿童|婴儿|学生|孕妇|病人)[^，。；！？,;!?]{0,8}(摔倒|跌倒|摔伤|被困|困在|昏迷|晕倒|走失|失踪|溺水|落水|生命垂危|生命危险|中毒)|(被困|困人)[^，。；！？,;!?]{0,4}电梯|电梯[^，。；！？,;!?]{0,4}(困人|被困|坠落|下坠|夹人)|独居老人[^，。；！？,;!?]{0,10}(多日|几天|联系不上|无人应答|病倒|摔|晕|没人照|无人照)|溺水|危及生命|生命危险|人命关天/ },
  { label: '井盖缺失', re: /井盖[^，。；！？,;!?]{0,4}(丢失|缺失|被盗|没有了|不见|破损|塌)|(没有|缺)井盖/ },
  { label: '危险品', re: /(化学品|危化品|氨气|氯气|硫化氢)[^，。；！？,;!?]{0,4}(泄漏|泄露|外泄)|有毒气体/ },
];

const HAZARDS = HAZARD_LIST.map((h) => ({ ...h, global: new RegExp(h.re.source, 'g') }));

/** 词形相近、意思不是险情的说法：先从分句里抹掉，再找险情。 */
const NON_HAZARD_SENSES: Array<{ re: RegExp; note: string }> = [
  { re: /(燃气|煤气|天然气)(费|价|表|公司|开户|入户|报装|安装|管道安装|初装费|缴费|收费|涨价|改造|卡)/g, note: '燃气缴费、报装属于服务问题' },
  { re: /电费|电价|充电桩/g, note: '电费、充电桩不是险情' },
  { re: /危房(改造|补贴|补助|鉴定|拆迁|认定|申请|指标|政策)|危改|棚改/g, note: '危房改造、补贴是政策事项' },
  { re: /(烟囱|排放|排出|排|黑烟|油烟|工厂|厂|烧烤|秸秆|焚烧|锅炉|烟尘)[^，。；！？,;!?]{0,8}(冒烟|浓烟|有毒气体)|(冒烟|浓烟)[^，。；！？,;!?]{0,4}(排放|烟囱|滚滚)/g, note: '排烟排气属于污染问题，交环保处理' },
  { re: /(信息|人口|噪音|噪声|知识)爆炸|爆炸(性|式)/g, note: '' },
  { re: /消防(通道|车道|栓|设施|器材|检查|验收|宣传|演练)/g, note: '消防设施和通道属于管理问题' },
  { re: /防火|防汛|防灾|防溺水|防触电/g, note: '防范宣传不是正在发生的险情' },
  { re: /火车|火锅|火爆|火热|发火|上火|恼火|火化|火葬|鞭炮|烟花|烟草|香烟|吸烟|抽烟/g, note: '' },
  { re: /滑坡(式|性)?下降/g, note: '' },
  { re: /(轮胎|车胎|气球|充气)[^，。；！？,;!?]{0,3}漏气|禁止明火|严禁明火/g, note: '' },
];

/** 险情词所在小句（逗号分隔）出现这些词时，是假设、预防、建议或宣传。 */
const HYPOTHETICAL: Array<{ re: RegExp; note: string }> = [
  { re: /一旦|万一|如果|假如|倘若|若是|若发生|要是|防止|预防|以防|避免|谨防|以免|否则|隐患|可能(会|引发|导致|造成)|容易(引发|导致|造成)|存在[^，,]{0,4}(风险|危险)|担心|害怕|恐怕|不堪设想/, note: '是假设或隐患提醒，不是正在发生的险情' },
  { re: /建议|希望|呼吁|提议|能否|报警器|宣传|演练|培训|知识|讲座|应急预案/, note: '是建议或宣传，不是正在发生的险情' },
];
/** 险情词所在整句出现这些词时，说的是已经处理过的事。 */
const RESOLVED = /(以前|之前|曾经|去年|前年|上个?月|那年|过去|当年)[^。；！？]*(修好|修复|处理|解决|排除|恢复|整改)|(已经|已|都已)(修好|修复|处理好?|解决|排除|恢复|整改|扑灭)|现在(没事|正常|好了)/;
/** 紧挨着险情词前面的否定。 */
const NEGATION = /(没有|没|未|无|并未|不是|并非|不会|不存在)(发生|出现|过)?.{0,1}$/;

/** 紧急程度的额外信号：只和险情一起出现时才加强理由，单独出现不算（居民常把"紧急"写进普通诉求）。 */
const BOOSTERS = /紧急|危急|十万火急|刻不容缓|马上|立即|赶紧|随时|正在|现在/;

export interface UrgencyDecision {
  urgency: Urgency;
  reasons: string[];
}

function clauses(text: string): string[] {
  return text.split(/[。！？!?；;\n]+/).filter((c) => c.trim().length > 0);
}

export function assessUrgency(text: string): UrgencyDecision {
  const t = normalizeWidth(text);
  // 每类险情只列一次：第一次命中的原词，加上"是否描述为正在发生"
  const hits = new Map<string, { term: string; now: boolean }>();
  const dismissed: string[] = [];
  for (const raw of clauses(t)) {
    let sentence = raw;
    for (const n of NON_HAZARD_SENSES) {
      sentence = sentence.replace(n.re, (m) => {
        if (n.note) dismissed.push(`「${m}」：${n.note}`);
        return '＿'.repeat(m.length);
      });
    }
    for (const h of HAZARDS) {
      if (!h.re.test(sentence)) continue;
      for (const m of sentence.matchAll(h.global)) {
        const at = m.index ?? 0;
        const from = Math.max(sentence.lastIndexOf('，', at), sentence.lastIndexOf(',', at)) + 1;
        let to = sentence.slice(at).search(/[，,]/);
        to = to < 0 ? sentence.length : at + to;
        const sub = sentence.slice(from, to);
        let why: string | null = null;
        if (NEGATION.test(sentence.slice(from, at))) why = '前面是否定说法';
        else if (RESOLVED.test(sentence)) why = '险情已经处理过';
        else
          for (const hy of HYPOTHETICAL)
            if (hy.re.test(sub)) {
              why = hy.note;
              break;
            }
        if (why) dismissed.push(`「${m[0]}」${why}`);
        else {
          const prev = hits.get(h.label);
          const now = BOOSTERS.test(sentence);
          if (!prev) hits.set(h.label, { term: m[0], now });
          else prev.now ||= now;
        }
      }
    }
  }
  if (hits.size > 0) {
    const lines = [...hits.entries()].slice(0, 3).map(([label, h]) => `命中险情「${h.term}」（${label}）${h.now ? '，且描述为正在发生' : ''}`);
    return { urgency: 'urgent', reasons: [...lines, '涉及人身安全，应立即通知召集人处置'] };
  }
  if (dismissed.length > 0) return { urgency: 'normal', reasons: ['未发现正在发生的险情', ...dedupe(dismissed).slice(0, 3)] };
  return { urgency: 'normal', reasons: ['未发现燃气、火、电、坍塌、水淹、地质灾害或老人孩子遇险等险情'] };
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}
