/**
 * getWorkTicket：工作台打开一张工单。
 * 结果：ok（工作台视图）；MEMBER.NOT_BOUND；TICKET.NOT_FOUND（不存在，或不是本组的——不透露它是否存在）。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { isStaff, relationsTo } from '../../domain/access';
import type { WorkTicketView } from '../../api/work.api';
import type { Deps } from '../context';
import { staffActor } from './staff-action';
import { buildWorkView } from './work-view';

export async function getWorkTicket(deps: Deps, openid: string, ticketId: string): Promise<Result<WorkTicketView>> {
  const a = await staffActor(deps, openid);
  if (!a.ok) return a;
  const t = await deps.store.getTicket(ticketId);
  if (!t || !isStaff(relationsTo(a.data, t))) return fail('TICKET.NOT_FOUND');
  return ok(await buildWorkView(deps, t, a.data));
}
