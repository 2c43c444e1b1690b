/**
 * meToo（我也遇到了）：居民加入已有的反映，而不是重复提交；人数计入热度，进展和结果她也会收到。
 * 结果：ok（新的人数）；TICKET.NOT_FOUND / TICKET.OWN_TICKET / TICKET.ALREADY_JOINED（守卫）/ TICKET.TRANSITION_NOT_ALLOWED（已结束）/
 * TICKET.ME_TOO_RATE_LIMITED（这一小时点得太多，县里设置 meTooPerHourPerResident）。
 *
 * 每小时的上限是"软"的：在写入之前数，不在写入事务里。同一位居民同时点多张单，最多多进几次（并发数），
 * 而每张单对每个人最多算一次（ALREADY_JOINED 由带版本号的条件写入保证），所以刷不出无限的热度。
 */
import { fail, ok, type Result } from '../../domain/errors';
import type { Ticket } from '../../domain/model';
import { MAX_PAGE_SIZE } from '../../ports/store.port';
import { resolveActor, type Deps } from '../context';
import { mutateTicket } from '../mutate-ticket';

const HOUR_MS = 3_600_000;

/**
 * 她 sinceIso 之后点了几次"我也遇到了"（数到 max 就停）。每张单她最多点一次，点的时候工单的 updatedAt 会更新，
 * 所以"她在 meToo 里、且 sinceIso 之后改过"的单数是上限：不到 max 就不必读历史；到了才逐张看历史里她点的时间。
 */
async function joinsSince(deps: Deps, openid: string, sinceIso: string, max: number): Promise<number> {
  const { items } = await deps.store.listTickets({ involvingResident: openid }, { limit: MAX_PAGE_SIZE });
  const candidates = items.filter((t: Ticket) => t.residentOpenid !== openid && t.meToo.includes(openid) && t.updatedAt > sinceIso);
  if (candidates.length < max) return candidates.length;
  let joins = 0;
  for (let i = 0; i < candidates.length && joins < max; i += 10) {
    const histories = await Promise.all(candidates.slice(i, i + 10).map((t) => deps.store.listHistory(t.id)));
    for (const h of histories.flat()) if (h.action === 'meToo' && h.actorOpenid === openid && h.at > sinceIso) joins++;
  }
  return joins;
}

export async function meToo(deps: Deps, openid: string, ticketId: string): Promise<Result<{ ticketId: string; reporterCount: number }>> {
  const [actor, settings] = await Promise.all([resolveActor(deps, openid), deps.loadSettings()]);
  const sinceIso = new Date(deps.clock.now().getTime() - HOUR_MS).toISOString();
  if ((await joinsSince(deps, openid, sinceIso, settings.meTooPerHourPerResident)) >= settings.meTooPerHourPerResident) {
    return fail('TICKET.ME_TOO_RATE_LIMITED');
  }
  const r = await mutateTicket(
    deps,
    actor,
    ticketId,
    'meToo',
    ({ ticket }) => ok({ next: { ...ticket, meToo: [...ticket.meToo, openid] }, note: '又有一位居民反映了同样的问题', visibleToResident: true }),
    { visibleWithoutAccess: true },
  );
  if (!r.ok && r.error.code === 'AUTH.FORBIDDEN') {
    const t = await deps.store.getTicket(ticketId);
    if (t?.residentOpenid === openid) return fail('TICKET.OWN_TICKET');
  }
  if (!r.ok) return r;
  return ok({ ticketId: r.data.id, reporterCount: r.data.meToo.length + 1 });
}
