/**
 * 用例的依赖与调用人。用例只认这里的端口；调用人的身份由平台注入（生产：OPENID；本地：请求头），
 * 不从请求内容里读。
 */
import type { Member, Ticket } from '../domain/model';
import type { Relation } from '../domain/lifecycle';
import type { CountySettings, ReportKind } from '../domain/vocabulary';
import type { Store } from '../ports/store.port';
import type { Clock, ContentChecker, FileStore, IdGenerator } from '../ports/services.port';
import type { TriageResult } from '../triage';

export interface Triager {
  triage(input: { title?: string | null; body: string; kind?: ReportKind }): TriageResult;
}

export interface Deps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  triager: Triager;
  content: ContentChecker;
  files: FileStore;
  settings: CountySettings;
  /** 本县配置的订阅消息模板 id（生产环境从环境变量读入；本地为空） */
  subscribeTemplates?: string[];
}

/** 已识别的调用人：openid 一定有；绑定了委员身份的带上委员记录。 */
export interface Actor {
  openid: string;
  member: Member | null;
}

export async function resolveActor(deps: Deps, openid: string): Promise<Actor> {
  const member = await deps.store.findMemberByOpenid(openid);
  return { openid, member: member && member.active ? member : null };
}

/** 调用人相对这张工单的全部身份（一个人可能同时是本组召集人和管理员，也可能自己就是提交人）。 */
export function relationsTo(actor: Actor, ticket: Pick<Ticket, 'residentOpenid' | 'groupId' | 'claimants'>): Relation[] {
  const rels: Relation[] = [actor.openid === ticket.residentOpenid ? 'owner' : 'resident'];
  const m = actor.member;
  if (!m) return rels;
  if (m.isAdmin) rels.push('admin');
  const inGroup = m.groups.filter((g) => g.groupId === ticket.groupId);
  if (inGroup.some((g) => g.role === 'convener')) rels.push('convener');
  if (inGroup.length > 0) {
    rels.push(ticket.claimants.some((c) => c.memberId === m.id) ? 'claimant' : 'member');
  } else if (m.groups.length > 0 && !m.isAdmin) {
    rels.push('outsider');
  }
  return rels;
}

/** 一个人有多重身份时，记录和展示用最具体的那个 */
export const RELATION_PRIORITY: Relation[] = ['convener', 'claimant', 'member', 'admin', 'owner', 'resident', 'outsider', 'system'];

export function primaryRelation(rels: readonly Relation[]): Relation {
  return RELATION_PRIORITY.find((r) => rels.includes(r)) ?? 'resident';
}

/** 本组召集人（通知"待办结""不满意"等要找的人） */
export async function convenersOf(deps: Pick<Deps, 'store'>, groupId: string): Promise<Member[]> {
  return (await deps.store.listMembersOfGroup(groupId)).filter((m) => m.active && m.groups.some((g) => g.groupId === groupId && g.role === 'convener'));
}

/** 能看到小组工作台的身份 */
export function isStaffRelation(rels: readonly Relation[]): boolean {
  return rels.some((r) => r === 'member' || r === 'claimant' || r === 'convener' || r === 'admin');
}

export function groupIdsOf(member: Member | null, role?: 'member' | 'convener'): string[] {
  if (!member) return [];
  return member.groups.filter((g) => !role || g.role === role).map((g) => g.groupId);
}
