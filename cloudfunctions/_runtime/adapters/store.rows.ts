/**
 * 两个存储适配器（SQLite、CloudBase）共用的规矩，只写在这里：
 * - 读回来的文档一律过 zod（shared/domain/model 的 schema），不信任库里的数据；
 * - 列表按 (createdAt, id) 倒序，排序键与翻页游标都是 "createdAt|id"（CloudBase 文档的 sk 字段也是它）；
 * - 县级设置是一个文档 / 一行（id = county），只存县里改过的项；写入按 SettingsPatchSchema 校验（超出范围的写不进去），
 *   读回按下面的 CountySettingsReadSchema（坏了的项当作没改过）；
 * - 提交限流数的是这位居民 sinceIso 之后（不含）提交的工单；
 * - 管理后台的一次修改（applyDirectoryChange）先整体校验再开事务：任何一项不合规，什么都不写；
 * - 操作记录按 (at, id) 倒序，游标同样是 "at|id"。
 */
import * as z from 'zod/mini';
import { lazySchema } from '../../../shared/domain/lazy-schema';
import { AuditEntrySchema, MemberGroupSchema, MemberSchema, StationSchema, type AuditEntry, type Member, type MemberGroup, type Station } from '../../../shared/domain/model';
import { CountySettingsSchema, SettingsPatchSchema, type CountySettings } from '../../../shared/domain/settings';
import type { DirectoryChange, SubmitRateLimit } from '../../../shared/ports/store.port';

export function parseDoc<S extends z.ZodMiniType>(schema: S, doc: unknown): z.infer<S> {
  return schema.parse(doc) as z.infer<S>;
}

export function sortKey(createdAt: string, id: string): string {
  return `${createdAt}|${id}`;
}

/** 游标拆回 createdAt 与 id（游标来自客户端，缺了 id 的部分按空串处理） */
export function splitSortKey(key: string): { createdAt: string; id: string } {
  const [createdAt = '', id = ''] = key.split('|');
  return { createdAt, id };
}

/** 县级设置文档 / 行的 id（全县一份） */
export const COUNTY_SETTINGS_ID = 'county';

type SettingsShape = typeof CountySettingsSchema.shape;

/**
 * 读回县级设置：库里不合规的项（例如在控制台手改坏了）当作没改过、由 mergeSettings 用默认值，
 * 不认识的项丢掉——一条坏数据不拖垮提交。
 */
export const CountySettingsReadSchema = lazySchema(() => {
  /** 每一项：不合规时当作没有 */
  const lenientShape = Object.fromEntries(Object.entries(CountySettingsSchema.shape).map(([key, schema]) => [key, z.catch(z.optional(schema), undefined)])) as {
    [K in keyof SettingsShape]: z.ZodMiniCatch<z.ZodMiniOptional<SettingsShape[K]>>;
  };
  return z.pipe(
    z.object(lenientShape),
    z.transform((s): Partial<CountySettings> => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))),
  );
});

/** 限流：这一刻（提交时间）算不算在 sinceIso 之后 */
export function countsTowardsLimit(createdAt: string, limit: SubmitRateLimit): boolean {
  return createdAt > limit.sinceIso;
}

/** 校验过的一次目录修改：两个适配器在同一个事务里按这个顺序写（站点、小组、设置、委员、操作记录） */
export interface ParsedDirectoryChange {
  stations: Station[];
  groups: MemberGroup[];
  /** 整份替换县级设置；没给为 null（不动） */
  settings: Partial<CountySettings> | null;
  members: Member[];
  audit: AuditEntry[];
}

/** 写之前整体校验（与 putStation、putGroup、putMember、putCountySettings 同样的校验，操作记录按 AuditEntrySchema） */
export function parseDirectoryChange(change: DirectoryChange, audit: AuditEntry[]): ParsedDirectoryChange {
  return {
    stations: (change.stations ?? []).map((s) => StationSchema.parse(s)),
    groups: (change.groups ?? []).map((g) => MemberGroupSchema.parse(g)),
    settings: change.settings ? SettingsPatchSchema.parse(change.settings) : null,
    members: (change.members ?? []).map((m) => MemberSchema.parse(m)),
    audit: audit.map((a) => AuditEntrySchema.parse(a)),
  };
}

/**
 * 管理后台写委员时不动微信绑定：绑定只由委员本人用邀请码完成（bindMember）。后台读到委员、改了名字再写回之间，
 * 他可能刚绑定——以库里的 openid 为准；已绑定的委员不留邀请码。两个存储在写入的事务里都按这一条处理。
 */
export function keepBinding(m: Member, storedOpenid: string | null): Member {
  if (!storedOpenid) return { ...m, openid: null };
  return { ...m, openid: storedOpenid, inviteCode: null, ...(m.inviteExpiresAt !== undefined ? { inviteExpiresAt: null } : {}) };
}
