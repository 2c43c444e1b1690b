/**
 * 时间的约定：库里存 UTC 的 ISO 字符串；给人看的日期（工单编号里的日期、界面上的时间、以后的工作日）一律按北京时间。
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DISPLAY_TZ = 'Asia/Shanghai';

export { dayjs };
