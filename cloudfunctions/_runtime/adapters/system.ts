/**
 * 时钟与编号的真实实现（domain 只拿到接口）。
 */
import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator, InviteCodes } from '../../../shared/ports/services.port';

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

/** 邀请码里不用易混的 0/O、1/I/L、U/V：念给委员听、手抄都不出错 */
const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

/** 8 位随机邀请码（29^8 ≈ 5×10^11 种，配合有效期与一次性绑定，猜不中） */
export const randomInviteCodes: InviteCodes = {
  next() {
    let code = '';
    for (const b of randomBytes(8)) code += INVITE_ALPHABET[b % INVITE_ALPHABET.length];
    return code;
  },
};
