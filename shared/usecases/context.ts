/**
 * 用例的依赖与调用人。用例只认这里的端口；调用人的身份由平台注入（生产：OPENID；本地：请求头），
 * 不从请求内容里读。
 */
import type { Member, Ticket } from '../domain/model';
import { adminScopeOf, type Viewer } from '../domain/access';
import type { ReportKind } from '../domain/vocabulary';
import { mergeSettings, type CountySettings } from '../domain/settings';
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
  /** 本县的设置（存储里的与默认值合并）。用例需要时读一次，每次请求最多一次。 */
  loadSettings(): Promise<CountySettings>;
  /** 本县配置的订阅消息模板 id（生产环境从环境变量读入；本地为空） */
  subscribeTemplates?: string[];
}

/** 只改工单、发通知的用例（mutateTicket、定时任务）要的那几样：不带内容检查和文件，cron 函数不必为它们申请接口权限 */
export type CoreDeps = Pick<Deps, 'store' | 'clock' | 'ids' | 'loadSettings'>;

/** 已识别的调用人：openid 一定有；绑定了委员身份的带上委员记录。 */
export type Actor = Viewer;

export async function resolveActor(deps: Deps, openid: string): Promise<Actor> {
  const member = await deps.store.findMemberByOpenid(openid);
  return { openid, member: member && member.active ? member : null };
}

/** 本组召集人（通知"待办结""不满意"等要找的人） */
export async function convenersOf(deps: Pick<Deps, 'store'>, groupId: string): Promise<Member[]> {
  return (await deps.store.listMembersOfGroup(groupId)).filter((m) => m.active && m.groups.some((g) => g.groupId === groupId && g.role === 'convener'));
}

/** 工作台能看到哪些小组：自己所在的小组，加上作为管理员管的小组；undefined 表示全部（全县的政协办）。 */
export function workGroupIdsOf(member: Member): string[] | undefined {
  const scope = adminScopeOf(member);
  if (scope?.all) return undefined;
  return [...new Set([...groupIdsOf(member), ...(scope ? scope.groupIds : [])])];
}

export function groupIdsOf(member: Member | null, role?: 'member' | 'convener'): string[] {
  if (!member) return [];
  return member.groups.filter((g) => !role || g.role === role).map((g) => g.groupId);
}

/** 本县设置从存储读出、与默认值合并：本地和云端的组装都用它接 Deps.loadSettings */
export function settingsFrom(store: Pick<Store, 'getCountySettings'>): () => Promise<CountySettings> {
  return async () => mergeSettings(await store.getCountySettings());
}
