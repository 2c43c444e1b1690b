/**
 * 两个存储适配器（SQLite、CloudBase）共用的两条规矩，只写在这里：
 * - 读回来的文档一律过 zod（shared/domain/model 的 schema），不信任库里的数据；
 * - 列表按 (createdAt, id) 倒序，排序键与翻页游标都是 "createdAt|id"（CloudBase 文档的 sk 字段也是它）。
 */
import type * as z from 'zod/mini';

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
