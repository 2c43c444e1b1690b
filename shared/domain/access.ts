/**
 * 谁看得到什么——唯一的一条规则，每个视图、每个页面、报告表单的隐私说明都问这里：
 * - 反映人看自己的原话和联系方式；
 * - 办理这张工单的人（已接单委员，以及为它负责的召集人和政协办）看原话和联系方式，因为要联系她；
 * - 其他人（本组其他委员、点了"我也遇到了"的居民、公众）只看隐去个人信息的文字，委员写的也一样；
 * - 公开的案例只有召集人编辑过的标题和写法，居民打的字不原样公开。
 */
import type { Member, Ticket } from './model';
import type { Relation } from './lifecycle';

export const RELATION_LABELS: Record<Relation, string> = {
  owner: '反映人',
  resident: '居民',
  claimant: '接单委员',
  member: '委员',
  convener: '召集人',
  outsider: '其他小组',
  admin: '政协办',
  system: '系统',
};

/** 调用人：openid 一定有；绑定了委员身份（且仍在任）的带上委员记录。 */
export interface Viewer {
  openid: string;
  member: Member | null;
}

/** 调用人相对这张工单的全部身份（一个人可能同时是本组召集人和管理员，也可能自己就是提交人）。 */
export function relationsTo(viewer: Viewer, ticket: Pick<Ticket, 'residentOpenid' | 'groupId' | 'claimants'>): Relation[] {
  const rels: Relation[] = [viewer.openid === ticket.residentOpenid ? 'owner' : 'resident'];
  const m = viewer.member;
  if (!m) return rels;
  const scope = adminScopeOf(m);
  const adminHere = !!scope && scopeCovers(scope, ticket.groupId);
  if (adminHere) rels.push('admin');
  const inGroup = m.groups.filter((g) => g.groupId === ticket.groupId);
  if (inGroup.some((g) => g.role === 'convener')) rels.push('convener');
  if (inGroup.length > 0) {
    rels.push(ticket.claimants.some((c) => c.memberId === m.id) ? 'claimant' : 'member');
  } else if (!adminHere && (m.groups.length > 0 || m.isAdmin)) {
    rels.push('outsider');
  }
  return rels;
}

/** 一个人有多重身份时，记录和展示用最具体的那个；查流转表也按这个顺序。 */
export const RELATION_PRIORITY: readonly Relation[] = ['convener', 'claimant', 'member', 'admin', 'owner', 'resident', 'outsider', 'system'];

export function primaryRelation(rels: readonly Relation[]): Relation {
  return RELATION_PRIORITY.find((r) => rels.includes(r)) ?? 'resident';
}

/** 本组工作人员：能在工作台看到这张工单的人 */
export function isStaff(rels: readonly Relation[]): boolean {
  return rels.some((r) => r === 'member' || r === 'claimant' || r === 'convener' || r === 'admin');
}

/** 办理这张工单的人：已接单委员、召集人、政协办。 */
export function isHandler(rels: readonly Relation[]): boolean {
  return rels.some((r) => r === 'claimant' || r === 'convener' || r === 'admin');
}

/** 看得到这张工单：反映人、点过"我也遇到了"的居民、本组工作人员。其余的人得到"未找到"，不透露它是否存在。 */
export function canSeeTicket(rels: readonly Relation[], ticket: Pick<Ticket, 'meToo'>, openid: string): boolean {
  return rels.includes('owner') || ticket.meToo.includes(openid) || isStaff(rels);
}

/** 看得到原话和联系方式：反映人本人，以及办理的人。其余的人只看隐去个人信息的文字。 */
export function seesPersonalData(rels: readonly Relation[]): boolean {
  return rels.includes('owner') || isHandler(rels);
}

/** 报告表单上的隐私说明：就是上面这条规则，换成居民的话。 */
export const PRIVACY_NOTICE =
  '您写的原话和联系方式，只有接单办理的委员、召集人和政协办看得到，用来联系您。' +
  '其他委员、也反映了同一问题的居民看到的，是隐去电话、身份证号、车牌号、门牌号后的文字；公开的案例由召集人另写，不会出现您的姓名和电话。';

/**
 * 管理员管到哪里：全县（市）的政协办管全部；区县政协办只管自己的几个小组。
 * 管理后台的每个动作都问它，范围外的对象一律答"未找到"。
 */
export type AdminScope = { all: true } | { all: false; groupIds: readonly string[] };

export function adminScopeOf(member: Member | null): AdminScope | null {
  if (!member || !member.active || !member.isAdmin) return null;
  return member.adminGroupIds ? { all: false, groupIds: member.adminGroupIds } : { all: true };
}

export function scopeCovers(scope: AdminScope, groupId: string): boolean {
  return scope.all || scope.groupIds.includes(groupId);
}

/**
 * 谁看得到统计（看板、每月通报、履职积分的全体名单）、看到哪里：政协办按管理范围；
 * 不是管理员的召集人看自己召集的小组（每月向政协办通报用）；其他人看不到。
 */
export function figureScopeOf(member: Member | null): AdminScope | null {
  const admin = adminScopeOf(member);
  if (admin) return admin;
  if (!member || !member.active) return null;
  const convened = member.groups.filter((g) => g.role === 'convener').map((g) => g.groupId);
  return convened.length ? { all: false, groupIds: convened } : null;
}

/** 一位管理员只能任命范围不大于自己的管理员 */
export function scopeWithin(inner: AdminScope, outer: AdminScope): boolean {
  if (outer.all) return true;
  return !inner.all && inner.groupIds.every((g) => outer.groupIds.includes(g));
}
