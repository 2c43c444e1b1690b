/**
 * 分类模型文件（triage-model.json）的格式：zod 模式即格式说明，加载时按它校验。
 * 训练脚本写出这个格式，线上只读；改格式要同时改 MODEL_FORMAT 版本号。
 *
 * 模式只管结构和与类别数有关的长度；百万级的权重和 idf 存在 base64 串里，逐个数字校验既慢又没必要，
 * 它们解码后的长度由 ./model.ts 的 parseTriageModel 对照词表核对。
 *
 * 第 2 版只改存法、不改数值（与第 1 版同样的 int8 权重和 uint8 idf），目的是让 intake 云函数包小于 1 MB：
 * - 词表存成字典树：按字典序前序遍历，每个节点一个变长整数（字的频次序号、是否为特征、比上一节点退回几层），
 *   同前缀的 n-gram 不再重复存前缀，汉字也不再被打包工具转义成 \uXXXX；
 * - 权重八成是 0：每个特征一个字节的"哪些类别非零"掩码，非零值各占半字节（±7 以内），更大的值另存一个字节。
 */
import * as z from 'zod/mini';
import { lazySchema } from '../domain/lazy-schema';
import { CATEGORIES } from '../domain/vocabulary';

export const MODEL_FORMAT = 'mashangti-triage-model/2';

const positive = () => z.number().check(z.positive());

export const TriageModelFileSchema = lazySchema(() =>
  z
    .object({
      format: z.literal(MODEL_FORMAT, { error: `应为 ${MODEL_FORMAT}（模型文件与代码版本不符）` }),
      categories: z.array(z.enum(CATEGORIES, { error: '不是一级分类名' })).check(
        z.minLength(1, { error: '至少要有一个分类' }),
        z.refine((cs) => new Set(cs).size === cs.length, { error: '分类重复' }),
      ),
      features: z
        .object({
          minN: z.int().check(z.minimum(1)),
          maxN: z.int(),
          /** 标题 n-gram 在正文特征里的权重（0 表示不并入正文） */
          titleWeight: z.number().check(z.minimum(0)),
          /** 非空时标题另起一套带此前缀的特征 */
          titlePrefix: z.string(),
        })
        .check(z.refine((f) => f.maxN >= f.minN, { error: 'maxN 不能小于 minN', path: ['maxN'] })),
      /** n-gram 词表（字典树）：units 是用到的字（按节点频次排序），trie 是前序节点的 LEB128 变长整数（base64），
       *  每个值 = 字序号 × 8 + 是否特征 × 4 + min(退回层数, 3)，退回层数 ≥ 3 时紧跟一个变长整数（退回层数 − 3） */
      vocab: z.object({ units: z.string(), trie: z.string() }),
      /** idf 量化：idf = min + q × step，q 为 uint8（base64） */
      idf: z.object({ min: z.number(), step: positive(), data: z.string() }),
      /** 权重：int8，行主序 [特征][类别]，真实值 = q × scale[类别]。稀疏存放（都是 base64）：
       *  mask 每个特征 ⌈类别数/8⌉ 字节，第 k 位表示类别 k 非零；nibbles 依次是各非零值 + 8 的半字节（高半字节在前），
       *  半字节 0 表示这个值在 wide 里（下一个 int8）。 */
      weights: z.object({ scale: z.array(positive()), mask: z.string(), nibbles: z.string(), wide: z.string() }),
      bias: z.array(z.number()),
      /** 置信度用的 softmax 温度（训练时在交叉验证上标定） */
      temperature: positive(),
      meta: z.optional(z.record(z.string(), z.unknown())),
    })
    .check(
      z.refine((m) => m.weights.scale.length === m.categories.length, { error: '长度应与 categories 相同', path: ['weights', 'scale'] }),
      z.refine((m) => m.bias.length === m.categories.length, { error: '长度应与 categories 相同', path: ['bias'] }),
    ),
);

/** 模型文件里的 JSON 形状。 */
export type TriageModelFile = z.infer<typeof TriageModelFileSchema>;

/** 模型文件坏了是部署事故，不是业务上的预期失败：抛错，消息里带出错的字段路径。 */
export function modelFileError(msg: string): Error {
  return new Error(`分类模型文件无效：${msg}`);
}

const kindOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : typeof v;

/**
 * zod/mini 不带语言包，默认消息只有 "Invalid input"；部署的人要知道哪里坏了、坏成什么样，这里按问题种类说清楚。
 * 模式里写了中文 error 的检查用模式自己的消息（zod 的优先级：模式上的 error 先于这里）。
 */
const describeIssue = (iss: z.core.$ZodRawIssue): string => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? `缺少（应为 ${iss.expected}）` : `应为 ${iss.expected}，实为 ${kindOf(iss.input)}`;
    case 'too_small':
      return `${iss.origin === 'array' ? '长度' : ''}应 ${iss.inclusive ? '≥' : '>'} ${String(iss.minimum)}，实为 ${Array.isArray(iss.input) ? iss.input.length : String(iss.input)}`;
    default:
      return `不合格（${iss.code}）`;
  }
};

/** 按模式校验模型 JSON；不合格时抛出列出前几处问题（字段路径：原因）的错误。 */
export function validateModelFile(json: unknown): TriageModelFile {
  const parsed = TriageModelFileSchema.safeParse(json, { error: describeIssue, reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const shown = issues.slice(0, 3).map((i) => `${i.path.length ? i.path.map(String).join('.') : '（整个文件）'}：${i.message}`);
  if (issues.length > 3) shown.push(`另有 ${issues.length - 3} 处`);
  throw modelFileError(shown.join('；'));
}
