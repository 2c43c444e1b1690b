/**
 * npm run build:functions：把每个云函数（cloudfunctions/<名字>/index.ts）连同它用到的 shared 代码打成一个
 * cloudfunctions/<名字>/index.js（esbuild，Node 18，CommonJS），并写出同目录的
 *   package.json —— main: index.js，依赖只有打包时留在外面的 SDK，版本精确到补丁号（与本仓库安装的一致）；
 *   config.json  —— permissions.openapi 列出这个函数实际调用的微信开放接口（从打包结果里找出来，不手写），
 *                   定时触发器（cron）；
 * 以及仓库根目录的 cloudbaserc.json（函数、数据库集合、索引、安全规则；环境相关的值是 {{env.X}} 占位）。
 * 输出是确定的：源码不变，重新构建的文件逐字节相同，所以 package.json、config.json、cloudbaserc.json 可以提交。
 *
 * intake 另有 triage-engine.js（shared/triage/index.ts 单独打的分诊引擎）和 triage-model.json（分诊模型，从
 * shared/triage/model 复制），都是第一次分诊时才读。
 * 构建失败的情形：包里混进了完整版 zod（函数只许用 zod/mini）；分诊模型被打进了 index.js 或引擎；
 * 出现了不在外部依赖清单里的未打包依赖。
 *
 *   npx tsx scripts/build-functions.ts            构建
 *   npx tsx scripts/build-functions.ts --check    构建到临时目录，核对提交的 package.json / config.json / cloudbaserc.json 是否最新
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { ALL_COLLECTIONS, COLLECTION_ACL } from '../cloudfunctions/_runtime/adapters/schema.cloudbase';
import { CLOUD_ENV_KEYS } from '../cloudfunctions/_runtime/env';
import { SHIPPED_ENGINE_FILE, SHIPPED_MODEL_FILE } from '../shared/triage/lazy-triager';

export const ROOT = path.resolve(__dirname, '..');

/** 云端的运行时与 esbuild 的目标版本要对得上 */
export const RUNTIME = 'Nodejs18.15';
const TARGET = 'node18';

/** 不打包、由云端按 package.json 安装的依赖 */
export const EXTERNALS = ['@cloudbase/node-sdk', 'wx-server-sdk'] as const;

export interface FunctionSpec {
  name: string;
  description: string;
  timeout: number;
  memorySize: number;
  /** 读哪些环境变量（写进 cloudbaserc.json 的 envVariables） */
  env: string[];
  triggers?: Array<{ name: string; type: 'timer'; config: string }>;
  /** 分诊引擎（shared/triage/index.ts 单独打包）和分诊模型文件放在这个函数的 index.js 旁边（不打进 index.js） */
  shipsTriage?: boolean;
}

/** 云函数读的环境变量（定义在 cloudfunctions/_runtime/env.ts） */
const RUNTIME_ENV: string[] = [...CLOUD_ENV_KEYS];

export const FUNCTIONS: FunctionSpec[] = [
  { name: 'intake', description: '居民端：看站点、查重、提交反映、我的反映、我也遇到了、评价、案例库', timeout: 10, memorySize: 256, env: RUNTIME_ENV, shipsTriage: true },
  { name: 'work', description: '委员与召集人的工作台：绑定、消息中心、接单队列、工单上的每个动作', timeout: 10, memorySize: 256, env: RUNTIME_ENV },
  // 每月通报要读过期、不满意的工单与履职积分的来历：十万张工单的县本地要十秒上下，云端往返更多，超时给足
  { name: 'admin', description: '政协办的管理后台：联络站、委员小组、委员与邀请码、海报、县级设置、操作记录、三率看板、每月通报', timeout: 60, memorySize: 256, env: RUNTIME_ENV },
  {
    name: 'cron',
    description: '每分钟投递发件箱（站内消息、企业微信群机器人、订阅消息），失败退避重试',
    timeout: 60,
    memorySize: 256,
    env: RUNTIME_ENV,
    // 7 段 cron（秒 分 时 日 月 星期 年），北京时间；每分钟第 0 秒
    triggers: [{ name: 'deliver-outbox', type: 'timer', config: '0 * * * * * *' }],
  },
  { name: 'mediacheck', description: '接收 wxa_media_check 推送，记下照片审核结果', timeout: 10, memorySize: 128, env: [] },
  { name: 'stationcode', description: '生成联络站小程序码并存进云存储（管理员或控制台调用）', timeout: 60, memorySize: 256, env: RUNTIME_ENV },
];

/** 微信开放接口的调用：适配器里写成 api.<模块>.<方法>(…)，打包后属性名不变 */
const OPENAPI_CALL = /\.(subscribeMessage|security|wxacode|customerServiceMessage|templateMessage|uniformMessage|img|ocr)\.([A-Za-z]+)\(/g;

export interface BuiltFunction {
  spec: FunctionSpec;
  dir: string;
  /** 整个包：index.js 加上一起上传的文件（intake 的分诊引擎和模型） */
  bundleBytes: number;
  indexBytes: number;
  externals: string[];
  openapi: string[];
  inputs: string[];
  /** 旁边的分诊引擎打进了哪些源文件（不带引擎的函数为空） */
  engineInputs: string[];
  packageJson: Record<string, unknown>;
  configJson: Record<string, unknown>;
}

function installedVersion(pkg: string): string {
  const v = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  if (!/^\d+\.\d+\.\d+$/.test(v)) throw new Error(`${pkg} 的版本 ${v} 不是精确版本`);
  return v;
}

function externalOf(importPath: string): string | null {
  return EXTERNALS.find((e) => importPath === e || importPath.startsWith(`${e}/`)) ?? null;
}

const NODE_BUILTINS = new Set(require('node:module').builtinModules as string[]);

type CalendarTable = { holidays: Record<string, string>; workdays: Record<string, string> };

/**
 * 打进函数的节假日表只留 shared/domain/calendar.ts 用得到的：放假日、调休上班日和各自的中文名（"春节"），
 * 去掉英文名和 inLieuDays——work 包因此小了二十来 KB。说明的格式（"英文,中文,天数"）照旧，只是英文和天数为空，calendar.ts 读法不变。
 */
export function compactCalendarTable(table: CalendarTable): CalendarTable {
  const compact = (days: Record<string, string>) => Object.fromEntries(Object.entries(days).map(([date, raw]) => [date, `,${raw.split(',')[1] ?? raw},`]));
  return { holidays: compact(table.holidays), workdays: compact(table.workdays) };
}

export const compactChineseDays: esbuild.Plugin = {
  name: 'compact-chinese-days',
  setup(build) {
    // 表写成 JSON.parse('…') 而不是对象字面量：V8 扫过一个字符串比解析、编译两千多个属性的字面量快得多，冷启动编译少一毫秒多
    build.onLoad({ filter: /chinese-days[\\/]dist[\\/]chinese-days\.json$/ }, (args) => ({
      contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(compactCalendarTable(JSON.parse(fs.readFileSync(args.path, 'utf8')) as CalendarTable)))});`,
      loader: 'js',
    }));
  },
};

export function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** 打一个包并检查它：只许 zod/mini，分诊模型不许打进去，未打包的依赖只能是 SDK 和 Node 内置模块 */
async function bundleChecked(label: string, entry: string, outfile: string): Promise<{ inputs: string[]; externals: Set<string> }> {
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: TARGET,
    format: 'cjs',
    external: [...EXTERNALS],
    minify: true,
    legalComments: 'none',
    sourcemap: 'external',
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
    banner: { js: `/* 码上提 · 云函数 ${label} · 由 npm run build:functions 生成，不要手改 */` },
    plugins: [compactChineseDays],
  });
  if (result.errors.length) throw new Error(result.errors.map((e) => e.text).join('\n'));

  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
  const inputs = Object.entries(output.inputs)
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([k]) => k);
  const problems: string[] = [];
  const classic = inputs.filter((p) => /node_modules\/zod\/(v4\/classic|v3)\//.test(p) || /node_modules\/zod\/index\.c?js$/.test(p));
  if (classic.length) problems.push(`包里有完整版 zod（函数只许用 zod/mini）：${classic.slice(0, 3).join(', ')}`);
  if (inputs.some((p) => p.includes('shared/triage/model/'))) problems.push('分诊模型不许打进包里（intake 在旁边带一个模型文件）');

  const externals = new Set<string>();
  for (const imp of output.imports) {
    if (!imp.external) continue;
    const ext = externalOf(imp.path);
    if (ext) externals.add(ext);
    else if (!NODE_BUILTINS.has(imp.path.replace(/^node:/, ''))) problems.push(`未打包的依赖不在外部依赖清单里：${imp.path}`);
  }
  if (problems.length) throw new Error(`云函数 ${label} 构建不合格：\n  - ${problems.join('\n  - ')}`);
  return { inputs, externals };
}

export async function buildFunction(spec: FunctionSpec, outRoot: string): Promise<BuiltFunction> {
  const dir = path.join(outRoot, spec.name);
  fs.mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, 'index.js');
  const { inputs, externals } = await bundleChecked(spec.name, path.join(ROOT, 'cloudfunctions', spec.name, 'index.ts'), outfile);

  // intake 的分诊引擎与模型放在 index.js 旁边，第一次分诊时才读（见 cloudfunctions/intake/index.ts）
  const modelFile = path.join(dir, SHIPPED_MODEL_FILE);
  const engineFile = path.join(dir, SHIPPED_ENGINE_FILE);
  let engineInputs: string[] = [];
  if (spec.shipsTriage) {
    const engine = await bundleChecked(`${spec.name} 的分诊引擎`, path.join(ROOT, 'shared/triage/index.ts'), engineFile);
    engineInputs = engine.inputs;
    for (const e of engine.externals) externals.add(e);
    fs.copyFileSync(path.join(ROOT, 'shared/triage/model', SHIPPED_MODEL_FILE), modelFile);
  } else {
    for (const f of [modelFile, engineFile, `${engineFile}.map`]) fs.rmSync(f, { force: true });
  }

  const code = fs.readFileSync(outfile, 'utf8') + (spec.shipsTriage ? fs.readFileSync(engineFile, 'utf8') : '');
  const openapi = [...new Set([...code.matchAll(OPENAPI_CALL)].map((m) => `${m[1]}.${m[2]}`))].sort();

  const packageJson = {
    name: `mashangti-${spec.name}`,
    version: '1.0.0',
    private: true,
    description: `码上提云函数 ${spec.name}：${spec.description}（npm run build:functions 生成）`,
    main: 'index.js',
    dependencies: Object.fromEntries([...externals].sort().map((e) => [e, installedVersion(e)])),
  };
  const configJson: Record<string, unknown> = { permissions: { openapi } };
  if (spec.triggers?.length) configJson.triggers = spec.triggers;
  writeJson(path.join(dir, 'package.json'), packageJson);
  writeJson(path.join(dir, 'config.json'), configJson);
  // 包的大小：index.js 加上一起上传的引擎和模型文件（issue 13 的 1 MB 说的是整个包）
  const indexBytes = fs.statSync(outfile).size;
  const bundleBytes = indexBytes + (spec.shipsTriage ? fs.statSync(engineFile).size + fs.statSync(modelFile).size : 0);
  return { spec, dir, bundleBytes, indexBytes, externals: [...externals].sort(), openapi, inputs, engineInputs, packageJson, configJson };
}

/** cloudbaserc.json：给 @cloudbase/cli（tcb）用；{{env.X}} 由 tcb 从环境变量或 .env 文件填入，npm run deploy 会填好再交给 tcb */
export function cloudbaserc(functionRoot = './cloudfunctions'): Record<string, unknown> {
  return {
    version: '2.0',
    envId: '{{env.ENV_ID}}',
    functionRoot,
    functions: FUNCTIONS.map((f) => ({
      name: f.name,
      handler: 'index.main',
      runtime: RUNTIME,
      timeout: f.timeout,
      memorySize: f.memorySize,
      installDependency: true,
      ignore: ['*.ts', '*.map', 'node_modules', 'node_modules/**/*'],
      envVariables: Object.fromEntries(f.env.map((k) => [k, `{{env.${k}}}`])),
      ...(f.triggers ? { triggers: f.triggers } : {}),
    })),
    framework: {
      name: 'mashangti',
      plugins: {
        database: {
          use: '@cloudbase/framework-plugin-database',
          inputs: {
            collections: ALL_COLLECTIONS.map((c) => ({
              collectionName: c.name,
              description: c.description.slice(0, 128),
              aclTag: COLLECTION_ACL,
              createIndexes: c.indexes.map((ix) => ({
                name: ix.name,
                unique: ix.unique ?? false,
                keys: ix.keys.map(([name, direction]) => ({ name, direction: String(direction) })),
              })),
            })),
          },
        },
      },
    },
  };
}

export async function buildAll(outRoot = path.join(ROOT, 'cloudfunctions')): Promise<BuiltFunction[]> {
  const built: BuiltFunction[] = [];
  for (const spec of FUNCTIONS) built.push(await buildFunction(spec, outRoot));
  return built;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const outRoot = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-functions-')) : path.join(ROOT, 'cloudfunctions');
  const built = await buildAll(outRoot);
  if (!check) writeJson(path.join(ROOT, 'cloudbaserc.json'), cloudbaserc());
  for (const b of built) {
    console.log(`${b.spec.name.padEnd(12)} ${kb(b.bundleBytes).padStart(10)}  依赖 ${b.externals.join(' ') || '—'}  openapi ${b.openapi.join(' ') || '—'}${b.spec.triggers ? `  定时 ${b.spec.triggers.map((t) => t.config).join(' ')}` : ''}`);
  }
  if (check) {
    const stale: string[] = [];
    for (const b of built) {
      for (const f of ['package.json', 'config.json']) {
        const committed = path.join(ROOT, 'cloudfunctions', b.spec.name, f);
        if (!fs.existsSync(committed) || fs.readFileSync(committed, 'utf8') !== fs.readFileSync(path.join(b.dir, f), 'utf8')) stale.push(path.relative(ROOT, committed));
      }
    }
    const rc = path.join(ROOT, 'cloudbaserc.json');
    if (!fs.existsSync(rc) || fs.readFileSync(rc, 'utf8') !== `${JSON.stringify(cloudbaserc(), null, 2)}\n`) stale.push('cloudbaserc.json');
    fs.rmSync(outRoot, { recursive: true, force: true });
    if (stale.length) {
      console.error(`这些文件不是最新的，请运行 npm run build:functions 并提交：\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log('package.json、config.json、cloudbaserc.json 都是最新的。');
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
