/**
 * bindMember：委员用政协办发的邀请码把微信绑定到自己的委员记录。邀请码只能用一次。
 * 结果：ok（新的身份）；MEMBER.ALREADY_BOUND / MEMBER.INVITE_INVALID / MEMBER.INVITE_EXPIRED（过了政协办发码时定的有效期）。
 */
import { fail, ok, type Result } from '../../domain/errors';
import type { WhoAmI } from '../../api/work.api';
import type { Deps } from '../context';
import { describeActor } from './who-am-i';

export async function bindMember(deps: Deps, openid: string, inviteCode: string): Promise<Result<WhoAmI>> {
  if (await deps.store.findMemberByOpenid(openid)) return fail('MEMBER.ALREADY_BOUND');
  const code = inviteCode.trim().toUpperCase();
  const member = await deps.store.findMemberByInviteCode(code);
  if (!member || !member.active) return fail('MEMBER.INVITE_INVALID');
  if (member.inviteExpiresAt && member.inviteExpiresAt <= deps.clock.now().toISOString()) return fail('MEMBER.INVITE_EXPIRED');
  if (!(await deps.store.bindMember(member.id, openid, code))) return fail('MEMBER.INVITE_INVALID');
  return ok(await describeActor(deps, { openid, member: { ...member, openid, inviteCode: null } }));
}
