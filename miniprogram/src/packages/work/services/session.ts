/**
 * 委员端的"我是谁"：whoami 的结果在分包内缓存，页面据此决定显示什么、未绑定时去绑定页。
 * 权限仍由服务端对每个动作重新判断，这里只影响界面。
 */
import type { Result } from '@shared/domain/errors';
import type { WhoAmI } from '@shared/api/work.api';
import { ROLE_LABELS } from '@shared/domain/vocabulary';
import { work } from '../../../services/api';

let cached: WhoAmI | null = null;

export async function whoami(refresh = false): Promise<Result<WhoAmI>> {
  if (cached && !refresh) return { ok: true, data: cached };
  const r = await work.whoami();
  if (r.ok) cached = r.data;
  return r;
}

export function rememberWhoami(who: WhoAmI): void {
  cached = who;
}

export function isBound(who: WhoAmI): boolean {
  return Boolean(who.member) || who.isAdmin;
}

export function isConvener(who: WhoAmI): boolean {
  return who.isAdmin || who.groups.some((g) => g.role === 'convener');
}

/** 李委员 · 下陆区第三委员小组 召集人 */
export function describe(who: WhoAmI): string {
  const name = who.member?.name ?? who.openid;
  const roles = who.groups.map((g) => `${g.groupName} ${ROLE_LABELS[g.role]}`);
  if (who.isAdmin) roles.push(ROLE_LABELS.admin);
  return roles.length ? `${name} · ${roles.join('、')}` : name;
}
