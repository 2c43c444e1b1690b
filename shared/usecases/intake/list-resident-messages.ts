/**
 * residentMessages（intake.myMessages）：居民的消息中心——她作为居民收到的站内消息（进展、办结请评价、重新办理……），
 * 最新的在前，一页 50 条；unread 是全部未读数；每条带工单此刻的状态。文字在发出时已按"谁看什么"的规则去掉个人信息。
 * 回头看的消息带上她还没答的那一句（followUp），在消息中心一点就答（intake.answerFollowUp）。
 * 只列居民身份（openid）的消息：她若也是委员，委员的消息在工作台的消息中心。
 * 结果：总是 ok。
 */
import { ok, type Result } from '../../domain/errors';
import { recipientOfResident } from '../../domain/model';
import type { MessagePage } from '../../api/intake.api';
import type { Deps } from '../context';
import { messagePage } from '../message-page';

export async function residentMessages(deps: Deps, openid: string, cursor?: string | null): Promise<Result<MessagePage>> {
  return ok(await messagePage(deps, [recipientOfResident(openid)], cursor, openid));
}
