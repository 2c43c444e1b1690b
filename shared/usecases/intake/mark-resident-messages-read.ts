/**
 * markResidentMessagesRead（intake.markMessagesRead）：居民把自己的几条消息标为已读。别人的、已读的、不存在的 id 不算。
 * 结果：ok（marked：这次真正标为已读的条数）。
 */
import { ok, type Result } from '../../domain/errors';
import { recipientOfResident } from '../../domain/model';
import type { Deps } from '../context';

export async function markResidentMessagesRead(deps: Deps, openid: string, ids: string[]): Promise<Result<{ marked: number }>> {
  const marked = await deps.store.markMessagesRead([recipientOfResident(openid)], ids, deps.clock.now().toISOString());
  return ok({ marked });
}
