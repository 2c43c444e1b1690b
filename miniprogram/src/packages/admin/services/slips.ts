/**
 * 要打印的邀请条：导入页把刚发的邀请码记在本机（一页页跳过去不丢），邀请条页读出来排版打印。
 * 邀请码是一次性的绑定凭证，只留最近一批，打印完也可以清掉。
 */
import Taro from '@tarojs/taro';
import type { MemberRow } from '@shared/api/admin.api';

export interface Slip {
  name: string;
  groups: string[];
  code: string;
  expiresAt: string | null;
}

const KEY = 'mst.admin.slips';

export function rememberSlips(slips: Slip[]): void {
  Taro.setStorageSync(KEY, JSON.stringify(slips));
}

export function rememberedSlips(): Slip[] {
  try {
    const raw = Taro.getStorageSync(KEY);
    const list = typeof raw === 'string' && raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? (list as Slip[]).filter((s) => s && typeof s.code === 'string' && typeof s.name === 'string') : [];
  } catch {
    return [];
  }
}

export function forgetSlips(): void {
  Taro.removeStorageSync(KEY);
}

export function slipOf(m: MemberRow): Slip | null {
  if (!m.invite || m.invite.expired || m.bound) return null;
  return { name: m.name, groups: m.groups.map((g) => g.groupName), code: m.invite.code, expiresAt: m.invite.expiresAt };
}
