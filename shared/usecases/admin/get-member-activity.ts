/**
 * getMemberActivity（admin.memberActivity）：一个月里每位委员的履职积分和每一分的来历（哪张单、什么事、几点），
 * 规则在县级设置里（shared/domain/activity.ts）。政协办看范围内的全部委员，召集人看自己召集的小组（工单现在所属的小组）；
 * 委员看自己的走 work.myActivity。
 * 读积分汇总（随工单写入更新、定时核对，见 store.port.ts 的 ActivityStore）里这个月的事项，按规则算分，不读工单。
 * 结果：ok；FIGURES.NOT_ALLOWED；FIGURES.PERIOD_INVALID（月份写错由请求模式拦下）。
 */
import { ok, type Result } from '../../domain/errors';
import { scoreActivity, type MemberActivity } from '../../domain/activity';
import type { ActivityQuery } from '../../ports/store.port';
import type { MemberActivityView } from '../../api/admin.api';
import type { Deps } from '../context';
import type { AdminDeps } from './admin-context';
import { figureViewer } from './get-dashboard';

/** 这个月、这个范围（几个小组或一位委员）的积分，按总分从高到低 */
export async function collectActivity(deps: Deps, scope: Omit<ActivityQuery, 'period'>, month: string): Promise<MemberActivity[]> {
  const [items, settings] = await Promise.all([deps.store.listActivity({ ...scope, period: month }), deps.loadSettings()]);
  return scoreActivity(items, settings);
}

export async function getMemberActivity(deps: AdminDeps, openid: string, month: string): Promise<Result<MemberActivityView>> {
  const v = await figureViewer(deps, openid);
  if (!v.ok) return v;
  const scope = v.data.scope;
  const rows = await collectActivity(deps, scope.all ? {} : { groupIds: [...scope.groupIds] }, month);
  const names = new Map((await deps.store.listMembers()).map((m) => [m.id, m.name]));
  return ok({ month, rows: rows.map((r) => ({ ...r, name: names.get(r.memberId) ?? r.memberId })) });
}
