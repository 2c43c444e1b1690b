/**
 * 按需建的 zod 模式：模块加载时不建，第一次被用到时（校验、读 .shape、.check(…)、被别的模式校验到……）才建，只建一次。
 *
 * 为什么：云函数冷启动要加载整个包，包里几百个模式一次全建好要十来毫秒（issue 13），而一次调用只用到其中几个——
 * 处理 getStation 的冷启动不必建 submitReport 的请求模式和工单行的模式。
 *
 * 返回值的类型就是 build() 返回的那个模式的类型：导出名、.shape、z.infer、z.input 都和直接 `export const X = z.object(…)` 一样，
 * 小程序从约定推出的类型不变。它是一个代理，所有属性都转给建好的模式；zod 的方法都绑在建好的模式上（闭包），
 * 所以 X.parse(…)、z.optional(X)、z.array(X)、X instanceof … 都和原来一样。
 * 只对模式用：别拿它包有身份要求的对象（代理 !== 建好的模式）。
 */
export function lazySchema<S extends object>(build: () => S): S {
  // 没有 Proxy 的运行环境（很老的浏览器）：照旧当场建好
  if (typeof Proxy !== 'function') return build();
  let built: S | undefined;
  const real = (): S => (built ??= build());
  return new Proxy({} as S, {
    get: (_t, key) => Reflect.get(real(), key),
    set: (_t, key, value) => Reflect.set(real(), key, value),
    has: (_t, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    // 代理自己的占位对象上什么都没有：报成可配置的，才不违反 Proxy 的不变式
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    defineProperty: (_t, key, d) => Reflect.defineProperty(real(), key, d),
    deleteProperty: (_t, key) => Reflect.deleteProperty(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
