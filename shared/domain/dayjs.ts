/**
 * 装好 UTC 与时区插件的 dayjs：按北京时间（DISPLAY_TZ）格式化、算日期都从这里拿，插件只装一次。
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export { dayjs };
export { DISPLAY_TZ } from './time';
