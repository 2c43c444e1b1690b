/**
 * 个人信息识别与遮盖：手机号、座机、身份证号、银行卡号、车牌、电子邮箱、精确到户的门牌。
 * 委员和公众看到的都是遮盖后的文本；居民自己看原文。宁可多遮一点，也不能把别人的号码公开出去。
 * 数据里数字常与汉字粘连（"电话13812345678身份证…"），所以用"前后不是数字"而不是 \b 定界。
 */

import { maskPhone } from '../domain/personal-data';

export type PiiKind = 'phone' | 'idcard' | 'bankcard' | 'plate' | 'email' | 'address';
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

interface Rule {
  kind: PiiKind;
  re: RegExp;
  /** 返回 false 表示这次匹配不算（例如校验不通过、上下文不像） */
  accept?: (m: string, text: string, start: number) => boolean;
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
      ].join('|'),
      'gi',
    ),
    priority: 1,
  },
];

/** 找出文本里的个人信息，按位置排序，互不重叠（重叠时取优先级高、再取更长的）。 */
export function findPersonalData(text: string): PiiFinding[] {
  const t = toHalfWidth(text);
  const cands: Array<PiiFinding & { priority: number }> = [];
  for (const rule of RULES) {
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
