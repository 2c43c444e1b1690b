/**
 * 委员身份与消息中心：whoami、用邀请码绑定、站内消息。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { recipientOfMember, recipientOfResident, type Member } from '../../domain/model';
import type { MessageView, WhoAmI } from '../../api/work.api';
import { resolveActor, type Actor, type Deps } from '../context';

export async function whoami(deps: Deps, openid: string): Promise<Result<WhoAmI>> {
  const actor = await resolveActor(deps, openid);
  return ok(await describe(deps, actor));
}

async function describe(deps: Deps, actor: Actor): Promise<WhoAmI> {
  const m = actor.member;
  if (!m) return { openid: actor.openid, member: null, groups: [], isAdmin: false };
  const groups = await Promise.all(m.groups.map(async (g) => ({ groupId: g.groupId, groupName: (await deps.store.getGroup(g.groupId))?.name ?? g.groupId, role: g.role })));
  return { openid: actor.openid, member: { id: m.id, name: m.name, sector: m.sector }, groups, isAdmin: m.isAdmin };
}

/** bindMember：MEMBER.ALREADY_BOUND / MEMBER.INVITE_INVALID；成功后返回新的身份。邀请码只能用一次。 */
export async function bindMember(deps: Deps, openid: string, inviteCode: string): Promise<Result<WhoAmI>> {
  const current = await deps.store.findMemberByOpenid(openid);
  if (current) return fail('MEMBER.ALREADY_BOUND');
  const code = inviteCode.trim().toUpperCase();
  const member = await deps.store.findMemberByInviteCode(code);
  if (!member || !member.active) return fail('MEMBER.INVITE_INVALID');
  if (!(await deps.store.bindMember(member.id, openid, code))) return fail('MEMBER.INVITE_INVALID');
  return ok(await describe(deps, { openid, member: { ...member, openid, inviteCode: null } }));
}

export function recipientsOf(openid: string, member: Member | null): string[] {
  return member ? [recipientOfResident(openid), recipientOfMember(member.id)] : [recipientOfResident(openid)];
}

/** myMessages：本人（居民身份和委员身份）的站内消息，最新的在前。 */
export async function myMessages(deps: Deps, openid: string, cursor?: string | null): Promise<Result<{ items: MessageView[]; unread: number; nextCursor: string | null }>> {
  const actor = await resolveActor(deps, openid);
  const page = await deps.store.listMessages(recipientsOf(openid, actor.member), { limit: 50, cursor });
  const items = page.items.map((m) => ({ id: m.id, ticketId: m.ticketId, event: m.event, title: m.title, body: m.body, page: m.page, createdAt: m.createdAt, read: m.readAt !== null }));
  return ok({ items, unread: items.filter((i) => !i.read).length, nextCursor: page.nextCursor });
}

export async function markMessagesRead(deps: Deps, openid: string, ids: string[]): Promise<Result<{ marked: number }>> {
  const actor = await resolveActor(deps, openid);
  await deps.store.markMessagesRead(recipientsOf(openid, actor.member), ids, deps.clock.now().toISOString());
  return ok({ marked: ids.length });
}
