/**
 * 工单编号：日期（北京时间）+ 5 位易读字符，电话里念得出来，不需要额外的计数器往返数据库。
 */
import { shanghaiDate } from './calendar';
import { fnv1a } from './hash';

/** 去掉易混的 I、L、O、U、0、1 */
const READABLE = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export function ticketNumber(createdAtIso: string, id: string): string {
  // 北京时间的 YYMMDD。用日历的换算（与 dayjs().tz() 同一份 ICU 时区数据）：intake 因此不必在冷启动时加载日期库
  const day = shanghaiDate(createdAtIso).slice(2).replace(/-/g, '');
  let suffix = '';
  // 每一位用不同种子（即位置）的 FNV-1a 散列
  for (let pos = 0; pos < 5; pos++) suffix += READABLE[fnv1a(id, pos) % READABLE.length];
  return `${day}-${suffix}`;
}
