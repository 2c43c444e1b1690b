/**
 * getTicket（居民）：本人提交或加入的工单详情与时间线。
 * 结果：ok；TICKET.NOT_FOUND（不存在，或与本人无关——不透露它是否存在）。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { canSeeTicket, relationsTo } from '../../domain/access';
import type { ResidentTicketView } from '../../api/intake.api';
import type { Deps } from '../context';
import { buildResidentView } from './resident-view';

export async function getResidentTicket(deps: Deps, openid: string, ticketId: string): Promise<Result<ResidentTicketView>> {
  const t = await deps.store.getTicket(ticketId);
  if (!t || !canSeeTicket(relationsTo({ openid, member: null }, t), t, openid)) return fail('TICKET.NOT_FOUND');
  return ok(await buildResidentView(deps, t, openid));
}
