/**
 * markMessagesRead：把自己的几条消息标为已读。别人的消息、已读的、不存在的 id 不算。
 * 结果：ok（marked：这次真正标为已读的条数）。
 */
import { ok, type Result } from '../../domain/errors';
import { resolveActor, type Deps } from '../context';
import { recipientsOf } from './list-my-messages';

export async function markMessagesRead(deps: Deps, openid: string, ids: string[]): Promise<Result<{ marked: number }>> {
  const actor = await resolveActor(deps, openid);
  const marked = await deps.store.markMessagesRead(recipientsOf(openid, actor.member), ids, deps.clock.now().toISOString());
  return ok({ marked });
}
