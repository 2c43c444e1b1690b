/**
 * npm run deploy：把码上提部署到一个微信云开发（CloudBase）环境。步骤与每一步做什么见 docs/deploy.md。
 *
 *   npm run deploy -- --dry-run                只检查配置、构建、生成 cloudbaserc，打印将要执行的每条命令，不连云
 *   npm run deploy                             构建并部署：云函数（含环境变量、定时触发器）、数据库集合、索引、安全规则
 *   npm run deploy -- --import county.json     导入（或更新）小组、联络站、委员，给未绑定的委员发邀请码
 *   npm run deploy -- --station-codes          为所有启用的联络站生成小程序码（调用已部署的 stationcode 函数）
 *   可加 --env-file <文件>（默认 .env.cloudbase）、--skip-build
 *
 * 配置（环境变量，或 --env-file 文件里的 KEY=VALUE；环境变量优先）：
 *   ENV_ID                 云开发环境 id（必填）
 *   WEAPP_APPID            小程序 AppID（必填，wx 开头 18 位）
 *   WEAPP_STATE            formal（默认）/ trial / developer：订阅消息和小程序码指向的版本
 *   SUBSCRIBE_TEMPLATES    事件 → 订阅消息模板（JSON 数组，见 docs/deploy.md）；不填则只发站内消息和企业微信
 *   CONTENT_REVIEW         allow（默认）/ block：msgSecCheck 判为 review 的文字放行还是拦下
 *   MEDIA_CHECK            async（默认）/ off：照片是否先过 mediaCheckAsync
 *   TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY
 *                          腾讯云 API 密钥：有则用它登录 tcb、导入数据；没有则用已经 `npx tcb login` 过的登录态
 * 各项的格式与默认值只定义在 cloudfunctions/_runtime/env.ts（DeployEnvSchema）。
 * 不读仓库根目录的 .env：那是本地服务的配置（WEAPP_APPID=touristappid 之类），不该混进正式部署。
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as z from 'zod/mini';
import { MemberGroupSchema, MemberSchema, StationSchema, type Member } from '../shared/domain/model';
import { ALL_COLLECTIONS, COLLECTION_ACL } from '../cloudfunctions/_runtime/adapters/schema.cloudbase';
import { CLOUD_ENV_KEYS, loadDeployEnv, withEnvFile, type DeployEnv, type EnvSource } from '../cloudfunctions/_runtime/env';
import { isValidScene } from '../cloudfunctions/_runtime/adapters/stationcode.wechat';
import { randomInviteCodes } from '../cloudfunctions/_runtime/adapters/system';
import { parseSubscribeTemplates } from '../cloudfunctions/_runtime/adapters/subscribe.wechat';
import { buildAll, cloudbaserc, FUNCTIONS, ROOT, writeJson } from './build-functions';

// ---- 配置 ----

export type DeploySettings = DeployEnv;

export function loadSettings(source: EnvSource): { settings: DeploySettings; warnings: string[] } {
  const settings = loadDeployEnv(source);
  const warnings: string[] = [];
  const templates = parseSubscribeTemplates(settings.SUBSCRIBE_TEMPLATES);
  if (!templates.length) warnings.push('没有配置 SUBSCRIBE_TEMPLATES：不发微信订阅消息，只有站内消息和企业微信群通知');
  if (!!settings.TENCENTCLOUD_SECRETID !== !!settings.TENCENTCLOUD_SECRETKEY) throw new Error('TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY 要一起设置');
  // 小程序端也要填同样的模板 id 才会弹订阅授权（miniprogram/src/config/app-settings.ts）
  const appSettings = path.join(ROOT, 'miniprogram/src/config/app-settings.ts');
  if (templates.length && fs.existsSync(appSettings)) {
    const text = fs.readFileSync(appSettings, 'utf8');
    const missing = [...new Set(templates.map((t) => t.templateId))].filter((id) => !text.includes(id));
    if (missing.length) warnings.push(`小程序的 miniprogram/src/config/app-settings.ts 里还没有这些模板 id（用户不会被请求订阅）：${missing.join(', ')}`);
    const env = /CLOUD_ENV\s*=\s*'([^']*)'/.exec(text)?.[1];
    if (env && env !== settings.ENV_ID) warnings.push(`app-settings.ts 的 CLOUD_ENV 是 ${env}，与 ENV_ID ${settings.ENV_ID} 不一致`);
  }
  return { settings, warnings };
}

/** 填好环境相关值的 cloudbaserc（交给 tcb 的那一份）；JSON 值原样放进去，由 JSON.stringify 转义 */
export function renderedCloudbaserc(s: DeploySettings, functionRoot: string): Record<string, unknown> {
  const rc = cloudbaserc(functionRoot) as { envId: string; functions: Array<{ envVariables: Record<string, string> }> };
  const values: Record<string, string> = Object.fromEntries(CLOUD_ENV_KEYS.map((k) => [k, s[k]]));
  rc.envId = s.ENV_ID;
  for (const f of rc.functions) f.envVariables = Object.fromEntries(Object.keys(f.envVariables).map((k) => [k, values[k] ?? '']));
  return rc;
}

// ---- 命令 ----

export interface Step {
  title: string;
  /** 交给 tcb 的参数（在 cwd 下执行，cwd 里有填好的 cloudbaserc.json） */
  args: string[];
  /** 打印时替换掉的密钥 */
  secret?: string;
}

export function deploySteps(s: DeploySettings): Step[] {
  const steps: Step[] = [];
  if (s.TENCENTCLOUD_SECRETID && s.TENCENTCLOUD_SECRETKEY) {
    steps.push({ title: '用 API 密钥登录 tcb', args: ['login', '--apiKeyId', s.TENCENTCLOUD_SECRETID, '--apiKey', s.TENCENTCLOUD_SECRETKEY], secret: s.TENCENTCLOUD_SECRETKEY });
  }
  steps.push({ title: `部署 ${FUNCTIONS.length} 个云函数（代码、环境变量、定时触发器；云端按 package.json 安装 SDK）`, args: ['fn', 'deploy', '--all', '--force', '--yes', '-e', s.ENV_ID] });
  steps.push({ title: `建数据库集合、索引，安全规则设为 ${COLLECTION_ACL}（@cloudbase/framework-plugin-database）`, args: ['framework', 'deploy', '-e', s.ENV_ID] });
  return steps;
}

const TCB = path.join(ROOT, 'node_modules/.bin/tcb');

function printable(step: Step): string {
  return ['npx tcb', ...step.args.map((a) => (step.secret && a === step.secret ? '******' : /\s/.test(a) ? JSON.stringify(a) : a))].join(' ');
}

function runStep(step: Step, cwd: string): void {
  console.log(`\n▶ ${step.title}\n  ${printable(step)}`);
  const r = spawnSync(TCB, step.args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`这一步失败了（退出码 ${r.status}）：${printable(step)}\n按上面 tcb 的输出处理后重新运行 npm run deploy（每一步都可以重复执行）。`);
}

// ---- 导入通讯录 ----

export const CountyFileSchema = z.object({
  groups: z.array(MemberGroupSchema),
  stations: z.array(StationSchema),
  members: z.array(z.object({ ...MemberSchema.shape, openid: z.optional(z.nullable(z.string())), inviteCode: z.optional(z.nullable(z.string())) })),
});
export type CountyFile = z.infer<typeof CountyFileSchema>;

export function checkCounty(data: unknown): CountyFile {
  const parsed = CountyFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`通讯录文件不正确：\n  - ${parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  - ')}`);
  const c = parsed.data;
  const problems: string[] = [];
  const groups = new Set(c.groups.map((g) => g.id));
  const dup = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
  for (const [what, ids] of [['小组', c.groups.map((g) => g.id)], ['联络站', c.stations.map((s) => s.id)], ['委员', c.members.map((m) => m.id)]] as const) {
    for (const d of new Set(dup([...ids]))) problems.push(`${what} id 重复：${d}`);
  }
  for (const s of c.stations) {
    if (!groups.has(s.groupId)) problems.push(`联络站 ${s.id} 的小组 ${s.groupId} 不在 groups 里`);
    if (!isValidScene(s.id)) problems.push(`联络站 id ${s.id} 不能做小程序码参数（最多 32 个字母、数字或 -._~ 等）`);
  }
  for (const g of c.groups) if (g.webhookUrl && !/^https:\/\/\S+$/.test(g.webhookUrl)) problems.push(`小组 ${g.id} 的企业微信机器人地址应以 https:// 开头`);
  for (const m of c.members) for (const r of m.groups) if (!groups.has(r.groupId)) problems.push(`委员 ${m.name}（${m.id}）的小组 ${r.groupId} 不在 groups 里`);
  for (const m of c.members) for (const g of m.adminGroupIds ?? []) if (!groups.has(g)) problems.push(`管理员 ${m.name}（${m.id}）管的小组 ${g} 不在 groups 里`);
  if (!c.members.some((m) => m.isAdmin && m.active)) problems.push('至少要有一位管理员（isAdmin: true）');
  if (problems.length) throw new Error(`通讯录文件有问题：\n  - ${problems.join('\n  - ')}`);
  return c;
}

async function importCounty(file: string, s: DeploySettings, dryRun: boolean): Promise<void> {
  const county = checkCounty(JSON.parse(fs.readFileSync(file, 'utf8')));
  console.log(`\n▶ 导入通讯录 ${file}：${county.groups.length} 个小组、${county.stations.length} 个联络站、${county.members.length} 位委员（其中管理员 ${county.members.filter((m) => m.isAdmin).length} 位）`);
  if (dryRun) {
    console.log('  （演练：不写数据库）');
    return;
  }
  if (!s.TENCENTCLOUD_SECRETID || !s.TENCENTCLOUD_SECRETKEY) throw new Error('导入通讯录要用 API 密钥直接写数据库：请设置 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY');
  const tcb = await import('@cloudbase/node-sdk');
  const { createCloudbaseStore } = await import('../cloudfunctions/_runtime/adapters/store.cloudbase');
  const app = tcb.init({ env: s.ENV_ID, secretId: s.TENCENTCLOUD_SECRETID, secretKey: s.TENCENTCLOUD_SECRETKEY, timeout: 30_000 });
  const store = createCloudbaseStore(app.database() as never);
  for (const g of county.groups) await store.putGroup(g);
  const codes: Array<[string, string, string]> = [];
  for (const m of county.members) {
    const existing = await store.getMember(m.id);
    const openid = existing?.openid ?? null;
    const inviteCode = openid ? null : existing?.inviteCode ?? randomInviteCodes.next();
    const member: Member = { ...m, openid, inviteCode };
    await store.putMember(member);
    if (inviteCode) codes.push([m.name, m.id, inviteCode]);
  }
  // 联络站最后写：小组和委员都在了，扫码才看得到完整的联络站
  for (const st of county.stations) await store.putStation(st);
  console.log(`  已写入。还没绑定微信的 ${codes.length} 位（把邀请码分别交给本人，在小程序"我的 → 委员绑定"里输入）：`);
  console.log(['姓名,委员id,邀请码', ...codes.map((c) => c.join(','))].join('\n'));
}

// ---- 入口 ----

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const envFile = argValue(args, '--env-file') ?? (fs.existsSync(path.join(ROOT, '.env.cloudbase')) ? '.env.cloudbase' : undefined);
  const { settings, warnings } = loadSettings(envFile ? withEnvFile(path.resolve(ROOT, envFile), process.env, true) : process.env);
  console.log(`${dryRun ? '【演练，不连云】' : ''}部署到云开发环境 ${settings.ENV_ID}（小程序 ${settings.WEAPP_APPID}，${settings.WEAPP_STATE}）${envFile ? `，配置来自 ${envFile}` : ''}`);
  for (const w of warnings) console.log(`  ⚠ ${w}`);

  const importFile = argValue(args, '--import');
  if (importFile) return importCounty(path.resolve(process.cwd(), importFile), settings, dryRun);

  if (args.includes('--station-codes')) {
    const step: Step = { title: '为所有启用的联络站生成小程序码（结果里有每个码的 fileID 和下载地址）', args: ['fn', 'invoke', 'stationcode', '--params', JSON.stringify({ action: 'generateAll' }), '-e', settings.ENV_ID] };
    if (dryRun) console.log(`\n▶ ${step.title}\n  ${printable(step)}`);
    else runStep(step, ROOT);
    return;
  }

  if (!args.includes('--skip-build')) {
    console.log('\n▶ 构建云函数（npm run build:functions）');
    for (const b of await buildAll()) console.log(`  ${b.spec.name.padEnd(12)} ${(b.bundleBytes / 1024).toFixed(1).padStart(8)} KB  openapi: ${b.openapi.join(', ') || '—'}`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-deploy-'));
  const rcFile = path.join(work, 'cloudbaserc.json');
  writeJson(rcFile, renderedCloudbaserc(settings, path.join(ROOT, 'cloudfunctions')));
  console.log(`\n▶ 填好环境值的 cloudbaserc.json：${rcFile}`);
  console.log(`  数据库：${ALL_COLLECTIONS.length} 个集合、${ALL_COLLECTIONS.reduce((n, c) => n + c.indexes.length, 0)} 个索引，安全规则一律 ${COLLECTION_ACL}（仅云函数可读写）`);
  for (const c of ALL_COLLECTIONS) console.log(`    ${c.name.padEnd(16)} ${c.indexes.map((ix) => `${ix.name}(${ix.keys.map(([k, d]) => `${k}${d === -1 ? '↓' : '↑'}`).join(',')})`).join('  ') || '（只用 _id）'}`);

  const steps = deploySteps(settings);
  if (dryRun) {
    console.log('\n将在这个目录下依次执行：');
    for (const st of steps) console.log(`  # ${st.title}\n  ${printable(st)}`);
  } else {
    for (const st of steps) runStep(st, work);
  }
  console.log(`
还要在微信开发者工具 / 控制台里做一次的事（docs/deploy.md 第 5、6 步）：
  1. 开发者工具里对 intake、work、cron、stationcode 四个云函数各"上传并部署：云端安装依赖"一次，
     让 config.json 里的开放接口权限（permissions.openapi）生效；
  2. 云开发控制台 → 设置 → 消息推送：MsgType event、Event wxa_media_check → 云函数 mediacheck${settings.MEDIA_CHECK === 'off' ? '（MEDIA_CHECK=off，可跳过）' : ''}；
  3. 云开发控制台 → 存储 → 权限设置：选"仅创建者可读写"；
  4. npm run deploy -- --import 通讯录.json 导入小组、联络站、委员（含第一位管理员），再 --station-codes 生成联络站码。`);
  if (dryRun) console.log('\n演练结束：以上命令都没有执行。去掉 --dry-run 即正式部署。');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`\n✗ ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
