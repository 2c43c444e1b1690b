/**
 * 32 位 FNV-1a 散列：工单编号、分类模型的词表查找表、近重复 shingle 都用它。
 * 只写这一份：工单编号已经印在居民手里、模型查找表要与训练时一致，算法一变这些值全都会变。
 * 按 UTF-16 码元（charCodeAt）散列，不做 UTF-8 编码：快，且 ASCII 文本与标准 FNV-1a 的值相同。
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * s[start, end) 这一段的 FNV-1a，不切出子串（模型词表在一条百万字的长串上逐段散列，切子串就要分配内存）。
 * seed 与初始值异或，得到互相独立的一组散列（工单编号的每一位用一个种子）。
 */
export function fnv1aRange(s: string, start: number, end: number, seed = 0): number {
  let h = (FNV_OFFSET_BASIS ^ seed) >>> 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** 整个字符串的 FNV-1a，无符号 32 位整数。 */
export function fnv1a(s: string, seed = 0): number {
  return fnv1aRange(s, 0, s.length, seed);
}
