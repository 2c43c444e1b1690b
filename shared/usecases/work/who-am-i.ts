/**
 * whoami：我是谁——居民，还是哪几个小组的委员、召集人，是不是政协办管理员。页面据此决定进哪个入口。
 * 结果：总是 ok。
 */
import { ok, type Result } from '../../domain/errors';
import type { WhoAmI } from '../../api/work.api';
import { resolveActor, type Actor, type Deps } from '../context';

export async function whoami(deps: Deps, openid: string): Promise<Result<WhoAmI>> {
  return ok(await describeActor(deps, await resolveActor(deps, openid)));
}

export async function describeActor(deps: Deps, actor: Actor): Promise<WhoAmI> {
  const m = actor.member;
  if (!m) return { openid: actor.openid, member: null, groups: [], isAdmin: false };
  const groups = await Promise.all(m.groups.map(async (g) => ({ groupId: g.groupId, groupName: (await deps.store.getGroup(g.groupId))?.name ?? g.groupId, role: g.role })));
  return { openid: actor.openid, member: { id: m.id, name: m.name, sector: m.sector }, groups, isAdmin: m.isAdmin };
}
