/**
 * getMyActivity（work.myActivity）：委员看自己一个月的履职积分和每一分的来历。只读积分汇总里自己这个月的事项。
 * 结果：ok；MEMBER.NOT_BOUND。
 */
import { fail, ok, type Result } from '../../domain/errors';
import type { MemberActivityRow } from '../../api/admin.api';
import { resolveActor, type Deps } from '../context';
import { collectActivity } from '../admin/get-member-activity';

export async function getMyActivity(deps: Deps, openid: string, month: string): Promise<Result<MemberActivityRow>> {
  const { member } = await resolveActor(deps, openid);
  if (!member) return fail('MEMBER.NOT_BOUND');
  const [mine] = await collectActivity(deps, { memberId: member.id }, month);
  return ok({ memberId: member.id, name: member.name, points: mine?.points ?? 0, items: mine?.items ?? [] });
}
