/**
 * 个人信息的遮盖写法，全系统只此一份：分诊遮盖文本里的号码、视图遮盖联系方式、小程序显示打码电话，都用这里。
 * 号码保留头尾，本人核对得出来，别人拼不回去。
 */

/** 手机 138****5678；座机保留区号和末两位 0731-****90；认不出的只留末两位。 */
export function maskPhone(value: string | null | undefined): string {
  const raw = (value ?? '').trim();
  if (!raw) return '';
  const compact = raw.replace(/[ -]/g, '');
  const digits = raw.replace(/[^0-9]/g, '');
  if (/^(\+?86)?1[3-9]/.test(compact) && digits.length >= 11) {
    const d = digits.slice(-11);
    return `${d.slice(0, 3)}****${d.slice(7)}`;
  }
  const area = /^\(?(0\d{2,3})(?=[)\s-]|\d{7,8}$)/.exec(raw);
  const local = area ? digits.slice(area[1]!.length) : digits;
  return `${area ? `${area[1]}-` : ''}****${local.slice(-2)}`;
}

/** 姓名只留姓：张**、李* */
export function maskName(name: string): string {
  if (!name) return name;
  return `${name.slice(0, 1)}${'*'.repeat(Math.max(1, Math.min(2, name.length - 1)))}`;
}

/** 微信号、QQ 号这类账号：留头两位，其余打码（ab****）；太短的全部打码。 */
export function maskAccount(value: string): string {
  if (!value) return value;
  return value.length <= 5 ? '****' : `${value.slice(0, 2)}****`;
}
