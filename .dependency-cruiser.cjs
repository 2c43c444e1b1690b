/**
 * 依赖方向检查（npm run lint）：shared 是纯领域代码，什么平台都不依赖；
 * cloudfunctions 和 miniprogram 都依赖 shared，彼此互不依赖。
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ 不引入 Node 内置模块、Taro、React、CloudBase，也不引用 cloudfunctions/ 和 miniprogram/',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        pathNot: ['^shared/', '^node_modules/(zod|dayjs|chinese-days)/'],
      },
    },
    {
      name: 'functions-not-app',
      severity: 'error',
      from: { path: '^cloudfunctions/' },
      to: { path: '^miniprogram/' },
    },
    {
      name: 'app-not-functions',
      severity: 'error',
      from: { path: '^miniprogram/' },
      to: { path: '^cloudfunctions/' },
    },
    {
      name: 'training-stays-out-of-runtime',
      comment: '训练代码（shared/triage/training/）只给训练脚本、基准和测试用，不打包进云函数和小程序',
      severity: 'error',
      from: { path: '^(cloudfunctions|miniprogram)/|^shared/(?!triage/training/)' },
      to: { path: '^shared/triage/training/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.json$', 'dist/', 'cloudfunctions/[^/_]+/index\\.js$'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
