/**
 * 工单编号：日期（北京时间）+ 5 位易读字符，电话里念得出来，不需要额外的计数器往返数据库。
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DISPLAY_TZ = 'Asia/Shanghai';

/** 去掉易混的 I、L、O、U、0、1 */
const READABLE = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export function ticketNumber(createdAtIso: string, id: string): string {
  const day = dayjs(createdAtIso).tz(DISPLAY_TZ).format('YYMMDD');
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  let suffix = '';
  for (let i = 0; i < 5; i++) {
    suffix += READABLE[h % READABLE.length];
    h = Math.floor(h / READABLE.length) ^ Math.imul(h, 2654435761) >>> 0;
  }
  return `${day}-${suffix}`;
}
