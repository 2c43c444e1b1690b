/**
 * npm run build:functions 的产物可以部署：每个函数一个 index.js（只含 zod/mini，模型只在 intake 里），
 * package.json 精确锁定留在外面的 SDK，config.json 的开放接口权限与定时触发器；提交的 package.json、
 * config.json、cloudbaserc.json 与重新生成的逐字节相同（构建是确定的）。
 * 每个包在一个全新的 node 进程里 require，SDK 从仓库的 node_modules 解析，不连网能答出身份相关的结果。
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { buildAll, cloudbaserc, compactCalendarTable, compactChineseDays, EXTERNALS, FUNCTIONS, ROOT, type BuiltFunction } from '../../scripts/build-functions';
import { SHIPPED_ENGINE_FILE, SHIPPED_MODEL_FILE } from '../../shared/triage/lazy-triager';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import { ERROR_MESSAGES, type ErrorCode } from '../../shared/domain/errors';

let out: string;
let built: BuiltFunction[];

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-build-test-'));
  built = await buildAll(out);
}, 120_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const byName = (name: string) => built.find((b) => b.spec.name === name)!;

test('每个函数都有 index.js、package.json（main: index.js，SDK 精确版本）、config.json', () => {
  expect(built.map((b) => b.spec.name)).toEqual(FUNCTIONS.map((f) => f.name));
  for (const b of built) {
    expect(fs.existsSync(path.join(b.dir, 'index.js'))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(b.dir, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('index.js');
    for (const [dep, version] of Object.entries(pkg.dependencies as Record<string, string>)) {
      expect(EXTERNALS).toContain(dep);
      expect(version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', dep, 'package.json'), 'utf8')).version);
    }
  }
  expect(Object.keys(JSON.parse(fs.readFileSync(path.join(byName('mediacheck').dir, 'package.json'), 'utf8')).dependencies)).toEqual(['@cloudbase/node-sdk']);
});

test('函数里只有 zod/mini，没有完整版 zod；分诊模型和引擎不在任何 index.js 里，只在 intake 旁边；work 包很小', () => {
  for (const b of built) {
    expect(b.inputs.some((p) => /node_modules\/zod\/v4\/(mini|core)\//.test(p))).toBe(true);
    expect(b.inputs.filter((p) => /node_modules\/zod\/(v4\/classic|v3)\//.test(p))).toEqual([]);
    expect(b.inputs.some((p) => p.includes('shared/triage/model/'))).toBe(false);
    expect(fs.existsSync(path.join(b.dir, SHIPPED_MODEL_FILE))).toBe(b.spec.name === 'intake');
    expect(fs.existsSync(path.join(b.dir, SHIPPED_ENGINE_FILE))).toBe(b.spec.name === 'intake');
  }
  const intake = byName('intake');
  expect(fs.readFileSync(path.join(intake.dir, SHIPPED_MODEL_FILE))).toEqual(fs.readFileSync(path.join(ROOT, 'shared/triage/model', SHIPPED_MODEL_FILE)));
  expect(intake.bundleBytes).toBe(intake.indexBytes + fs.statSync(path.join(intake.dir, SHIPPED_ENGINE_FILE)).size + fs.statSync(path.join(intake.dir, SHIPPED_MODEL_FILE)).size);
  expect(intake.engineInputs.filter((p) => /node_modules\/zod\/(v4\/classic|v3)\//.test(p))).toEqual([]);
  // issue 13：整个 intake 包（index.js + 引擎 + 模型）不超过 1 MB
  expect(intake.bundleBytes).toBeLessThan(1024 * 1024);
  // work 要按工作日算期限（延期、履职积分的按期办结），带着节假日表（chinese-days 的数据，只留日期和中文名，约 18 KB），还有看板的口径（figures.ts）；分诊模型不在里面
  expect(byName('work').bundleBytes).toBeLessThan(210 * 1024);
});

test('分诊的判断（分类模型、紧急程度、范围、三库）只在 intake 旁边的引擎里；各函数的 index.js 只带用到的个人信息遮盖与相似度', () => {
  const triageIn = (inputs: string[]) => inputs.filter((p) => p.startsWith('shared/triage/')).map((p) => p.slice('shared/triage/'.length)).sort();
  const intake = byName('intake');
  expect(triageIn(intake.engineInputs)).toEqual(expect.arrayContaining(['index.ts', 'urgency.ts', 'scope.ts', 'library.ts', 'model.ts', 'model-file.ts', 'pii.ts']));
  // 冷启动只编译 index.js：查重要相似度，时间线要遮盖个人信息；其余等第一次分诊时从旁边的引擎读
  expect(triageIn(intake.inputs)).toEqual(['features.ts', 'lazy-triager.ts', 'pii.ts', 'similar.ts']);
  // 经过 shared/triage/index.ts 引一个函数，会把整套判断规则的顶层代码都带进来（work 曾因此多出三十来 KB）
  expect(triageIn(byName('work').inputs)).toEqual(['features.ts', 'pii.ts', 'similar.ts']);
  expect(triageIn(byName('admin').inputs)).toEqual(['features.ts', 'pii.ts', 'similar.ts']);
  expect(triageIn(byName('cron').inputs)).toEqual(['pii.ts']);
  for (const b of built) if (b.spec.name !== 'intake') expect(b.engineInputs).toEqual([]);
});

test('打进函数的节假日表与 chinese-days 的一样：每个放假日、调休上班日都在，中文名相同', () => {
  const full = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const compact = compactCalendarTable(full);
  const chinese = (raw: string) => raw.split(',')[1] ?? raw;
  for (const kind of ['holidays', 'workdays'] as const) {
    expect(Object.keys(compact[kind])).toEqual(Object.keys(full[kind]));
    for (const [date, raw] of Object.entries(full[kind])) expect(chinese(compact[kind][date]!)).toBe(chinese(raw));
  }
  expect(chinese(compact.holidays['2026-02-17']!)).toBe('春节');
  expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length / 2);
});

test('打进包里的节假日表（JSON.parse 一个字符串）读出来就是 compactCalendarTable 的结果', async () => {
  const r = await esbuild.build({
    stdin: { contents: "import table from 'chinese-days/dist/chinese-days.json'; module.exports = table;", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    plugins: [compactChineseDays],
  });
  const code = r.outputFiles[0]!.text;
  expect(code).toContain('JSON.parse(');
  const mod = { exports: {} as unknown };
  new Function('module', 'exports', 'require', code)(mod, mod.exports, require);
  expect(mod.exports).toEqual(compactCalendarTable(chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> }));
});

test('permissions.openapi 正好是各函数调用的接口；cron 每分钟定时触发（7 段 cron）', () => {
  expect(byName('intake').openapi).toEqual(['security.mediaCheckAsync', 'security.msgSecCheck']);
  expect(byName('work').openapi).toEqual(['security.mediaCheckAsync', 'security.msgSecCheck']);
  expect(byName('cron').openapi).toEqual(['subscribeMessage.send']);
  expect(byName('stationcode').openapi).toEqual(['wxacode.getUnlimited']);
  expect(byName('mediacheck').openapi).toEqual([]);
  expect(byName('cron').configJson.triggers).toEqual([{ name: 'deliver-outbox', type: 'timer', config: '0 * * * * * *' }]);
  expect(String((byName('cron').configJson.triggers as Array<{ config: string }>)[0]!.config).split(' ')).toHaveLength(7);
});

test('提交的 package.json、config.json、cloudbaserc.json 是最新的（否则运行 npm run build:functions）', () => {
  for (const b of built) {
    for (const f of ['package.json', 'config.json']) {
      expect(`${b.spec.name}/${f}:\n${fs.readFileSync(path.join(ROOT, 'cloudfunctions', b.spec.name, f), 'utf8')}`).toBe(`${b.spec.name}/${f}:\n${fs.readFileSync(path.join(b.dir, f), 'utf8')}`);
    }
  }
  expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8'))).toEqual(cloudbaserc());
});

test('cloudbaserc.json：每个集合都建、仅管理端可读写、带上每个索引；每个函数的运行时与触发器', () => {
  const rc = cloudbaserc() as { functions: Array<{ name: string; runtime: string; triggers?: unknown }>; framework: { plugins: { database: { inputs: { collections: Array<{ collectionName: string; aclTag: string; createIndexes: Array<{ name: string }> }> } } } } };
  const cols = rc.framework.plugins.database.inputs.collections;
  expect(cols.map((c) => c.collectionName).sort()).toEqual(ALL_COLLECTIONS.map((c) => c.name).sort());
  expect(new Set(cols.map((c) => c.aclTag))).toEqual(new Set(['ADMINONLY']));
  for (const c of ALL_COLLECTIONS) expect(cols.find((x) => x.collectionName === c.name)!.createIndexes.map((i) => i.name)).toEqual(c.indexes.map((i) => i.name));
  expect(rc.functions.map((f) => f.name)).toEqual(FUNCTIONS.map((f) => f.name));
  expect(new Set(rc.functions.map((f) => f.runtime))).toEqual(new Set(['Nodejs18.15']));
  expect(rc.functions.find((f) => f.name === 'cron')!.triggers).toBeDefined();
});

function runBundle(dir: string, script: string, env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, ['-e', script], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(ROOT, 'node_modules'), ...env } as unknown as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 30_000,
  }).trim();
}

test('每个包在全新的 node 里加载，导出 main', () => {
  for (const b of built) {
    expect(runBundle(b.dir, "const m = require('./index.js'); process.stdout.write(typeof m.main)")).toBe('function');
  }
}, 60_000);

test('打包后的 intake 身份只认平台注入的 OPENID：没有时 AUTH.NO_IDENTITY，有时才往下校验请求', () => {
  const call = "require('./index.js').main({ action: 'getTicket', openid: 'forged' }, { request_id: 'r1' }).then((r) => process.stdout.write(r.ok ? 'ok' : r.error.code))";
  const dir = byName('intake').dir;
  expect(runBundle(dir, call)).toBe('AUTH.NO_IDENTITY');
  expect(runBundle(dir, call, { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'o-platform-user', WX_APPID: 'wx0123456789abcdef' })).toBe('REQUEST.INVALID');
}, 60_000);

/**
 * 请求模式是第一次用到时才建的（issue 13 冷启动）：冷启动后的第一个请求就不合格时，错误码和中文提示要和以前一样。
 * 每个函数一个全新进程，依次发下面这些请求——每个动作的模式都是在这次调用里第一次建的；校验在读库之前，不连网也答得出。
 */
const INVALID_FIRST_CALLS: Array<[fn: string, action: string, payload: Record<string, unknown>, code: string]> = [
  ['intake', 'getStation', { stationId: '' }, 'STATION.NOT_FOUND'],
  ['intake', 'submitReport', { stationId: 'demo-station-1', text: '  \n ', clientRequestId: 'cold-start-1' }, 'REPORT.TEXT_EMPTY'],
  ['intake', 'findSimilar', { stationId: 'x'.repeat(65), text: '路灯坏了' }, 'STATION.NOT_FOUND'],
  ['intake', 'rateTicket', { ticketId: 't1', rating: 'great' }, 'REQUEST.INVALID'],
  ['intake', 'recordSubscription', { templateIds: 'all', accepted: [] }, 'REQUEST.INVALID'],
  ['work', 'bindMember', { inviteCode: 'ab' }, 'MEMBER.INVITE_INVALID'],
  ['work', 'mergeTicket', { ticketId: 't1' }, 'TICKET.MERGE_TARGET_INVALID'],
  ['work', 'myActivity', { month: '2026-13-01' }, 'FIGURES.PERIOD_INVALID'],
  ['admin', 'saveMember', { name: ' ', groupId: 'g1', role: 'member' }, 'MEMBER.NAME_MISSING'],
  ['admin', 'importMembers', { rows: [] }, 'IMPORT.EMPTY'],
];

test.each(['intake', 'work', 'admin'])('打包后的 %s 冷启动后第一个不合格的请求：错误码与中文提示照旧', (fn) => {
  const cases = INVALID_FIRST_CALLS.filter((c) => c[0] === fn);
  const calls = JSON.stringify(cases.map(([, action, payload]) => ({ action, ...payload })));
  const script = `const m = require('./index.js'); (async () => { const out = []; for (const e of ${calls}) { const r = await m.main(e, { request_id: 'r1' }); out.push(r.ok ? 'ok' : r.error.code + '|' + r.error.message); } process.stdout.write(JSON.stringify(out)); })();`;
  const got = JSON.parse(runBundle(byName(fn).dir, script, { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'o-platform-user', WX_APPID: 'wx0123456789abcdef' })) as string[];
  expect(got).toEqual(cases.map(([, , , code]) => `${code}|${ERROR_MESSAGES[code as ErrorCode]}`));
}, 60_000);

test('打包后的 intake 第一次分诊时才读旁边的引擎和模型文件：类别、紧急程度和打码都在', () => {
  // 提交要写数据库：这里只连到读身份、校验、分诊为止——用打包进去的同一个分诊器直接分一条，看模型确实从文件读到了
  const script = `const fs = require('fs'); const read = fs.readFileSync; let file = null;
    fs.readFileSync = function (p, ...rest) { if (String(p).endsWith('${SHIPPED_MODEL_FILE}')) file = String(p); return read.call(fs, p, ...rest); };
    const m = require('./index.js');
    const engineBefore = Object.keys(require.cache).filter((k) => k.endsWith('${SHIPPED_ENGINE_FILE}'));
    const r = m.triager.triage({ body: '小区门口燃气管道漏气，闻到很浓的臭鸡蛋味，我电话13907231234' });
    const engine = Object.keys(require.cache).filter((k) => k.endsWith('${SHIPPED_ENGINE_FILE}'));
    process.stdout.write(JSON.stringify({ file, engineBefore, engine, category: r.category, urgency: r.urgency, redacted: r.redacted }));`;
  const dir = byName('intake').dir;
  const got = JSON.parse(runBundle(dir, script)) as { file: string; engineBefore: string[]; engine: string[]; category: string; urgency: string; redacted: string };
  expect(got.file).toBe(path.join(dir, SHIPPED_MODEL_FILE));
  expect(got.engineBefore).toEqual([]);
  expect(got.engine).toEqual([path.join(dir, SHIPPED_ENGINE_FILE)]);
  expect(got.urgency).toBe('urgent');
  expect(got.category).toBe('城乡建设');
  expect(got.redacted).not.toContain('13907231234');
}, 30_000);

test('打包后的 mediacheck 收到不认识的推送只回 success，不碰数据库', () => {
  expect(runBundle(byName('mediacheck').dir, "require('./index.js').main({ MsgType: 'text' }, {}).then((r) => process.stdout.write(String(r)))")).toBe('success');
}, 30_000);
