/** jest：单元测试（shared）、集成测试（云函数 + 真实嵌入式数据库）、端到端测试（Chromium + h5 构建）。 */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@shared/(.*)$': '<rootDir>/shared/$1' },
  testEnvironment: 'node',
  // 源码优先：npm run build:functions 生成的 cloudfunctions/*/index.js 不能顶替 index.ts
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json', 'node'],
};
module.exports = {
  // 端到端测试要构建页面、起服务和浏览器；单元和集成测试远用不了这么久
  testTimeout: 180000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    // 工作日和期限要在哪个时区的服务器上都算对：同一批测试在 UTC 和西半球时区各跑一遍
    ...['UTC', 'America/Los_Angeles'].map((timezone) => ({
      ...common,
      displayName: `unit TZ=${timezone}`,
      testMatch: ['<rootDir>/tests/unit/domain/{calendar,deadlines,supervision}.test.ts'],
      testEnvironment: '<rootDir>/tests/unit/domain/timezone-environment.js',
      testEnvironmentOptions: { timezone },
    })),
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/tests/integration/**/*.test.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
