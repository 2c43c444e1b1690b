/**
 * myMessages：本人的站内消息（居民身份和委员身份的都在），最新的在前，分页；unread 是全部未读数，不只这一页；
 * 每条带工单此刻的状态（不是发出时的）。
 * 结果：总是 ok。
 */
import { ok, type Result } from '../../domain/errors';
import { recipientOfMember, recipientOfResident, type Member } from '../../domain/model';
import type { MessagePage } from '../../api/intake.api';
import { resolveActor, type Deps } from '../context';
import { messagePage } from '../message-page';

/** 一个人收消息的全部地址：居民身份（openid）和委员身份 */
export function recipientsOf(openid: string, member: Member | null): string[] {
  return member ? [recipientOfResident(openid), recipientOfMember(member.id)] : [recipientOfResident(openid)];
}

export async function myMessages(deps: Deps, openid: string, cursor?: string | null): Promise<Result<MessagePage>> {
  const actor = await resolveActor(deps, openid);
  return ok(await messagePage(deps, recipientsOf(openid, actor.member), cursor));
}
