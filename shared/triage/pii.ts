/**
 * 个人信息识别与遮盖：手机号、座机、身份证号、银行卡号、车牌、电子邮箱、微信号、QQ 号、人名、精确到户的门牌。
 * 委员和公众看到的都是遮盖后的文本；居民自己看原文。宁可多遮一点，也不能把别人的号码公开出去。
 * 数据里数字常与汉字粘连（"电话13812345678身份证…"），所以用"前后不是数字"而不是 \b 定界。
 */

import { maskAccount, maskName, maskPhone } from '../domain/personal-data';

export type PiiKind = 'phone' | 'idcard' | 'bankcard' | 'plate' | 'email' | 'wechat' | 'qq' | 'name' | 'address';
export interface PiiFinding {
  kind: PiiKind;
  start: number;
  end: number;
}

export const PII_LABELS: Record<PiiKind, string> = {
  phone: '电话号码',
  idcard: '身份证号',
  bankcard: '银行卡号',
  plate: '车牌号',
  email: '电子邮箱',
  wechat: '微信号',
  qq: 'QQ 号',
  name: '姓名',
  address: '门牌号',
};

/** 全角数字字母转半角，长度不变，下标可与原文对应。 */
function toHalfWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? ' ' : text[i];
  }
  return out;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isValidIdChecksum(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const NUM = '[0-9一二三四五六七八九十零〇两]';
const BLD = `(?:[0-9a-z]{1,4}|[一二三四五六七八九十]{1,3})`;
/** 房号或楼层：后面不能紧跟"多、余、户、人、元……"（"14栋300多户"说的是户数不是门牌） */
const ROOM = `(?:[0-9]{1,4}(?:室|房|号|楼|层|户)|[0-9]{2,4})(?![0-9多余户人元米平万个年天名位单栋幢座楼层室房号间])`;

/** 中文数字逐位念的房号：六零一、一二零三（不含十、百，"三百六十户"是数量） */
const CROOM = `[一二三四五六七八九零〇幺]{3,4}(?:室|房|号)?(?![一二三四五六七八九十零〇百千万多余户人元米个层楼])`;
/** 常见姓氏（单字）。只在"我叫/我是/姓名："之后或"先生/女士/阿姨/大爷"之前认作姓。 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝';
/** 称呼前的姓：去掉常作虚词的几个（"先生和女士们"的"和"、"对于"的"于"） */
const HONORIFIC_SURNAMES = [...SURNAMES].filter((c) => !'和于向时全成应'.includes(c)).join('');
/** "我是X"之后像名字的两三个字后面该有的东西：标点、句末，或"住/家/今年/电话"这类接着介绍自己的话 */
const AFTER_NAME = `(?=[，,。.；;！!？?、\s（(]|$|住|家住|家在|今年|电话|手机|联系|男|女|是|在)`;
const HONORIFIC = '(?:先生|女士|阿姨|大爷|大妈|大娘|大叔|奶奶|爷爷|师傅|老师傅|老人家)';
/** "我是X"之后不是名字的常见说法（高三学生、于是、一名……以常见姓开头） */
const NOT_NAME = /^(高[一二三中龄级]|于是|万一|时候|向来|全体|全家|全村|成员|和平|文明|宁愿|安全|常年|明年|明天|司机|党员|华侨|房东|房主|柏油|师生|管理|金融|江边|路人|农民|农户|商户|商家|车主|应届|曾经|关心|程序|古[镇城]|龙头|连续|党支)/;

interface Rule {
  kind: PiiKind;
  re: RegExp;
  /** 返回 false 表示这次匹配不算（例如校验不通过、上下文不像） */
  accept?: (m: string, text: string, start: number) => boolean;
  /** 文本里有这些字样才跑这条规则（省掉大多数留言上的逐位置尝试） */
  when?: RegExp;
  priority: number;
}

const CARD_CONTEXT = /(卡号|银行卡|账号|帐号|储蓄卡|信用卡|工资卡|社保卡|银行)[^。，,；;]{0,8}$/;
const PHONE_CONTEXT = /(电话|座机|手机|号码|联系|致电|拨打|热线|tel|TEL|Tel)[^。；;]{0,6}$/;

const RULES: Rule[] = [
  {
    kind: 'idcard',
    // 6 位地区码 + 出生日期 + 3 位顺序码 + 校验位；日期结构对上即认定（居民手误时校验位常不对）
    re: /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9])/g,
    priority: 6,
  },
  {
    kind: 'bankcard',
    re: /(?<![0-9])(?:\d{4}[ -]){3,4}\d{1,4}(?![0-9])|(?<![0-9])\d{16,19}(?![0-9])/g,
    accept: (m, text, start) => {
      const digits = m.replace(/[ -]/g, '');
      if (digits.length < 16 || digits.length > 19) return false;
      return luhnValid(digits) || CARD_CONTEXT.test(text.slice(Math.max(0, start - 16), start)) || /^62/.test(digits);
    },
    priority: 5,
  },
  {
    kind: 'phone',
    // 手机：可带 +86，可用空格或短横分成 3-4-4
    re: /(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9])/g,
    priority: 4,
  },
  {
    kind: 'phone',
    // 座机：区号 + 号码（有分隔符或括号），或无分隔但前面有"电话"之类的字样
    re: /(?<![0-9])(?:\(0\d{2,3}\)|0\d{2,3}-)\d{7,8}(?:-\d{1,4})?(?![0-9])|(?<![0-9])0\d{9,11}(?![0-9])|(?<![0-9])[2-8]\d{6,7}(?![0-9])/g,
    accept: (m, text, start) => {
      if (/^\(|-/.test(m)) return true;
      return PHONE_CONTEXT.test(text.slice(Math.max(0, start - 10), start));
    },
    priority: 3,
  },
  {
    kind: 'phone',
    // 座机写成带空格的：0731 84567890、021 6451 2378、(0755) 26789012
    when: /0\d{2,3}\)? \d/,
    re: /(?<![0-9])(?:\(0\d{2,3}\) ?|0\d{2,3} )(?:\d{7,8}|\d{3,4} \d{4})(?![0-9])/g,
    priority: 3,
  },
  {
    kind: 'idcard',
    // 中间夹了空格的身份证号（430124 19780612 4417，或逐位隔开）：去掉空格后日期结构对上才算
    when: /\d \d/,
    re: /(?<![0-9])[1-9](?: ?\d){16} ?[\dXx](?![0-9])/g,
    accept: (m) => / /.test(m) && /^[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]$/.test(m.replace(/ /g, '')),
    priority: 6,
  },
  {
    kind: 'wechat',
    // 微信号：wxid_ 开头的原始号，或"微信/微信号/vx/v信"之后的字母开头账号（手机号作微信号时由手机号规则遮）
    when: /微信|威信|v信|vx|wx|weixin/i,
    re: /wxid_[a-z0-9_-]{4,30}|(?<=(?:微信|威信|v信|vx|wx|weixin)号?(?:码)?\s*(?:是|为|[:：])?\s*)[a-z][-_a-z0-9]{5,19}(?![-_a-z0-9])/gi,
    priority: 4,
  },
  {
    kind: 'qq',
    when: /qq|扣扣/i,
    re: /(?<=(?:qq|扣扣)号?(?:码)?\s*(?:是|为|[:：])?\s*)[1-9]\d{4,11}(?![0-9])/gi,
    priority: 4,
  },
  {
    kind: 'name',
    // "我叫刘桂兰""姓名：赵小燕""联系人：黄志强"：姓 + 一两个字
    when: /我叫|名叫|本人叫|姓名|联系人/,
    re: new RegExp(`(?<=(?:我叫|我的名字叫|名叫|本人叫|姓名|联系人)\\s*[:：]?\\s*)[${SURNAMES}][\\u4e00-\\u9fa5]{1,2}`, 'g'),
    priority: 2,
  },
  {
    kind: 'name',
    // "我是陈建华，……"：后面得像是介绍完了名字（标点、住在、今年……），且不是"我是高三学生"这类说法
    when: /我是|本人/,
    re: new RegExp(`(?<=(?:我是|本人是|本人)\\s*)[${SURNAMES}][\\u4e00-\\u9fa5]{1,2}?${AFTER_NAME}`, 'g'),
    accept: (m) => !NOT_NAME.test(m),
    priority: 2,
  },
  {
    kind: 'name',
    // 孙阿姨、何先生、马大爷、王建国先生：姓（+ 名）+ 称呼；"先生和女士们"前面没有姓不算
    when: new RegExp(HONORIFIC),
    re: new RegExp(`[${HONORIFIC_SURNAMES}](?:[\\u4e00-\\u9fa5]{1,2}(?=${HONORIFIC}))?(?=${HONORIFIC})`, 'g'),
    priority: 2,
  },
  {
    kind: 'email',
    re: /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi,
    priority: 4,
  },
  {
    kind: 'plate',
    // 普通车牌 省份+字母+5 位；新能源 省份+字母+6 位（D/F 开头或结尾）；末位可为 挂/学/警
    re: new RegExp(`[${PROVINCES}][A-HJ-NP-Z][·• ]?(?:[A-HJ-NP-Z0-9]{6}|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警])(?![A-Za-z0-9])`, 'gi'),
    accept: (m) => /\d/.test(m.slice(2)) && /^.[A-Za-z]/.test(m),
    priority: 2,
  },
  {
    kind: 'address',
    // 楼栋 + 房号/楼层、单元 + 房号/楼层、12-3-401、501室；只到楼栋或单元（3栋、五栋四单元）不遮，那是公共位置
    re: new RegExp(
      [
        `${BLD}(?:栋|幢|号楼|座)(?:${NUM}{1,3}单元)?(?:[0-9]{1,2}(?:楼|层))?${ROOM}`,
        `${NUM}{1,3}单元${ROOM}`,
        `(?<![0-9-])[0-9]{1,3}-[0-9]{1,2}-[0-9]{3,4}(?![0-9-])`,
        `(?<![0-9])[0-9]{3,4}(?:室|房)`,
        // 中文数字的门牌：三栋二单元六零一、十二栋四零一、二单元六零一
        `${BLD}(?:栋|幢|号楼|座)(?:${NUM}{1,3}单元)?${CROOM}`,
        `${NUM}{1,3}单元${CROOM}`,
        // 不带楼栋的房号：楼上1401、隔壁2103、对门2403、家住2404、楼下502
        `(?<=(?:楼上|楼下|隔壁|对门|对面|家住|我住|住在|我家|邻居)(?:的|是)?)[0-9]{3,4}(?:室|房|号)?(?![0-9.．多余户人元米平万个年名位层楼路线次]|天(?!天))`,
      ].join('|'),
      'gi',
    ),
    priority: 1,
  },
  {
    kind: 'address',
    // 街巷门牌只遮号：解放路[门牌号已隐藏]；"路口""11路公交"不是门牌
    re: /(?<=[\u4e00-\u9fa5](?:路|街|大街|大道|巷|弄|胡同|里))[0-9]{1,5}(?:-[0-9]{1,4})?号(?:院)?(?![线楼地]|门(?!口))/g,
    priority: 1,
  },
  {
    kind: 'address',
    // 村组门牌：江北村3组46号、杨柳村二组15号 → 遮组和号
    re: /(?<=村)(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})组[0-9]{1,4}号|(?<=村(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})组)[0-9]{1,4}号/g,
    priority: 1,
  },
];

/** 找出文本里的个人信息，按位置排序，互不重叠（重叠时取优先级高、再取更长的）。 */
export function findPersonalData(text: string): PiiFinding[] {
  const t = toHalfWidth(text);
  const cands: Array<PiiFinding & { priority: number }> = [];
  for (const rule of RULES) {
    if (rule.when && !rule.when.test(t)) continue;
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(t))) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      if (rule.accept && !rule.accept(m[0], t, m.index)) continue;
      cands.push({ kind: rule.kind, start: m.index, end: m.index + m[0].length, priority: rule.priority });
    }
  }
  cands.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: PiiFinding[] = [];
  for (const c of cands) {
    if (taken.some((x) => c.start < x.end && x.start < c.end)) continue;
    taken.push({ kind: c.kind, start: c.start, end: c.end });
  }
  return taken.sort((a, b) => a.start - b.start);
}

/** 一处个人信息的遮盖写法：号码保留头尾便于本人核对，门牌整段隐藏。 */
export function maskFinding(kind: PiiKind, value: string): string {
  const digits = value.replace(/[^0-9Xx]/g, '');
  switch (kind) {
    case 'phone':
      return maskPhone(value);
    case 'idcard':
      return `${digits.slice(0, 6)}********${digits.slice(-4)}`;
    case 'bankcard':
      return `${digits.slice(0, 4)}********${digits.slice(-4)}`;
    case 'plate':
      return `${value.slice(0, 2)}****${value.slice(-1)}`;
    case 'email': {
      const at = value.indexOf('@');
      return `${value[0]}***${value.slice(at)}`;
    }
    case 'wechat':
    case 'qq':
      return maskAccount(value);
    case 'name':
      // 只有姓（孙阿姨的"孙"）时整个换成"某"，有名时只留姓
      return value.length === 1 ? '某' : maskName(value);
    case 'address':
      return '[门牌号已隐藏]';
  }
}

/** 遮盖文本里的个人信息，返回遮盖后的文本和找到的位置（位置对应原文）。 */
export function redactPersonalData(text: string): { redacted: string; found: PiiFinding[] } {
  const found = findPersonalData(text);
  if (found.length === 0) return { redacted: text, found };
  let out = '';
  let pos = 0;
  for (const f of found) {
    out += text.slice(pos, f.start) + maskFinding(f.kind, toHalfWidth(text.slice(f.start, f.end)));
    pos = f.end;
  }
  out += text.slice(pos);
  return { redacted: out, found };
}
