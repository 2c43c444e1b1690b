/**
 * 按需建的 zod 模式（issue 13 冷启动）：加载时不建，第一次用到才建、只建一次；用起来和直接建好的模式没有区别。
 */
import * as z from 'zod/mini';
import { lazySchema } from '../../../shared/domain/lazy-schema';

const buildCounter = () => {
  let builds = 0;
  const schema = lazySchema(() => {
    builds += 1;
    return z.object({ name: z.string().check(z.minLength(1, { error: 'REPORT.TEXT_EMPTY' })), age: z.optional(z.number()) });
  });
  return { schema, builds: () => builds };
};

describe('按需建的模式', () => {
  test('声明时不建，第一次校验时建，之后不再建', () => {
    const { schema, builds } = buildCounter();
    expect(builds()).toBe(0);
    expect(schema.parse({ name: '张三' })).toEqual({ name: '张三' });
    expect(schema.safeParse({ name: '' }).success).toBe(false);
    expect(builds()).toBe(1);
  });

  test('放进别的模式里时也不建，外层校验到它才建', () => {
    const { schema, builds } = buildCounter();
    const outer = z.object({ person: z.optional(schema), list: z.array(schema) });
    expect(builds()).toBe(0);
    expect(outer.safeParse({ list: [{ name: '李四', age: 3 }] }).success).toBe(true);
    expect(builds()).toBe(1);
  });

  test('校验结果与直接建好的模式一样：错误码、路径、可省略的字段', () => {
    const eager = z.object({ name: z.string().check(z.minLength(1, { error: 'REPORT.TEXT_EMPTY' })), age: z.optional(z.number()) });
    const { schema } = buildCounter();
    for (const input of [{ name: '王五' }, { name: '' }, { name: 'x', age: 'three' }, {}, null, 'text']) {
      const a = eager.safeParse(input);
      const b = schema.safeParse(input);
      expect(b.success).toBe(a.success);
      expect(b.error?.issues.map((i) => [i.path, i.message])).toEqual(a.error?.issues.map((i) => [i.path, i.message]));
    }
    const wrapped = z.object({ inner: z.optional(schema) });
    expect(wrapped.parse({})).toEqual({});
  });

  test('.shape、.check(…)、z.partial、instanceof 都照常可用', () => {
    const { schema } = buildCounter();
    expect(Object.keys(schema.shape)).toEqual(['name', 'age']);
    expect(schema.shape.name.safeParse('a').success).toBe(true);
    const strict = schema.check(z.refine((p) => p.name !== 'admin', { error: 'REQUEST.INVALID' }));
    expect(strict.safeParse({ name: 'admin' }).error?.issues[0]?.message).toBe('REQUEST.INVALID');
    expect(z.partial(schema).parse({})).toEqual({});
    expect(schema instanceof z.ZodMiniObject).toBe(true);
    expect('_zod' in schema).toBe(true);
  });

  test('建模式时出错，每次用到都如实抛出（不把坏模式当成建好了）', () => {
    let calls = 0;
    const broken = lazySchema((): z.ZodMiniString => {
      calls += 1;
      throw new Error('坏了');
    });
    expect(() => broken.parse('a')).toThrow('坏了');
    expect(() => broken.parse('a')).toThrow('坏了');
    expect(calls).toBe(2);
  });
});
