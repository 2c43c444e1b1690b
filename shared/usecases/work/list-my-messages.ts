/**
 * myMessages：本人的站内消息（居民身份和委员身份的都在），最新的在前，分页；unread 是全部未读数，不只这一页。
 * 结果：总是 ok。
 */
import { ok, type Result } from '../../domain/errors';
import { recipientOfMember, recipientOfResident, type Member } from '../../domain/model';
import type { MessageView } from '../../api/work.api';
import { resolveActor, type Deps } from '../context';

/** 一个人收消息的全部地址：居民身份（openid）和委员身份 */
export function recipientsOf(openid: string, member: Member | null): string[] {
  return member ? [recipientOfResident(openid), recipientOfMember(member.id)] : [recipientOfResident(openid)];
}

export async function myMessages(deps: Deps, openid: string, cursor?: string | null): Promise<Result<{ items: MessageView[]; unread: number; nextCursor: string | null }>> {
  const actor = await resolveActor(deps, openid);
  const recipients = recipientsOf(openid, actor.member);
  const [page, unread] = await Promise.all([deps.store.listMessages(recipients, { limit: 50, cursor }), deps.store.countUnreadMessages(recipients)]);
  const items = page.items.map((m) => ({ id: m.id, ticketId: m.ticketId, event: m.event, title: m.title, body: m.body, page: m.page, createdAt: m.createdAt, read: m.readAt !== null }));
  return ok({ items, unread, nextCursor: page.nextCursor });
}
