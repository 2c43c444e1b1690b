/**
 * 时钟与编号的真实实现（domain 只拿到接口）。
 */
import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from '../../../shared/ports/services.port';

export const systemClock: Clock = { now: () => new Date() };

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 时间前缀（按毫秒递增）+ 10 位随机：全局唯一，按创建时间大致有序。 */
export const randomIds: IdGenerator = {
  next() {
    const time = Date.now().toString(36).padStart(9, '0');
    const bytes = randomBytes(10);
    let rand = '';
    for (const b of bytes) rand += ALPHABET[b % 36];
    return `${time}${rand}`;
  },
};
