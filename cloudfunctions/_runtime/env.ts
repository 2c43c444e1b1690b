/**
 * 环境变量：每个变量的格式、默认值和说明只写在这里。每个进程启动时解析一次自己那部分，不对就立刻报清楚的中文错误：
 *   本地服务（npm start、npm run api）       loadLocalEnv   说明见 .env.example，可写进仓库根目录的 .env
 *   云函数（intake、work、cron、stationcode）  loadCloudEnvVars  由 npm run deploy 设到每个云函数上（platform.cloudbase.ts 读）
 *   部署（npm run deploy）                  loadDeployEnv  说明见 docs/cloudbase.env.example，写在 .env.cloudbase
 * 空字符串一律当作没设置：tcb 把没设置的 {{env.X}} 渲染成空串，.env 里也常有 `KEY=` 这样的行。
 * 环境变量文件用 Node 自带的解析（与 process.loadEnvFile 同一个）读；进程环境里已有的变量优先，文件只补没设的。
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import * as z from 'zod/mini';

const APPID = /^wx[0-9a-f]{16}$/;
const TOURIST_APPID = 'touristappid';
const appid = () => z.string({ error: '缺少 WEAPP_APPID（小程序 AppID）' }).check(z.regex(APPID, { error: 'WEAPP_APPID 应为 wx 开头的 18 位' }));

/** 云函数读的变量名：与下面 cloudVars 的键一一对应，类型检查核对（多一个、少一个都不通过） */
const CLOUD_VAR_NAMES = ['WEAPP_APPID', 'WEAPP_STATE', 'SUBSCRIBE_TEMPLATES', 'CONTENT_REVIEW', 'MEDIA_CHECK'] as const;

/**
 * 云函数读的变量；部署时从部署配置取值，设到每个云函数上。模式在函数里建：云函数冷启动 require 时不建，
 * 第一次调用读环境变量时才建（issue 13）
 */
const cloudVars = () =>
  ({
    /** 小程序 AppID：企业微信卡片点开小程序要用 */
    WEAPP_APPID: z._default(appid(), ''),
    /** 订阅消息点开、小程序码指向哪个版本：formal 正式版、trial 体验版、developer 开发版 */
    WEAPP_STATE: z._default(z.enum(['formal', 'trial', 'developer']), 'formal'),
    /** 事件 → 订阅消息模板（JSON，见 adapters/subscribe.wechat.ts 与 docs/deploy.md） */
    SUBSCRIBE_TEMPLATES: z._default(z.string(), ''),
    /** msgSecCheck 给出 review 时：allow 放行，block 拦下 */
    CONTENT_REVIEW: z._default(z.enum(['allow', 'block']), 'allow'),
    /** 照片审核：async 用 mediaCheckAsync（需配置消息推送到 mediacheck 函数），off 不审核直接显示 */
    MEDIA_CHECK: z._default(z.enum(['async', 'off']), 'async'),
  }) satisfies Record<(typeof CLOUD_VAR_NAMES)[number], z.ZodMiniType>;

const cloudEnvSchema = () => z.object(cloudVars());
export type CloudEnvVars = z.infer<ReturnType<typeof cloudEnvSchema>>;
/** 部署时设到云函数上的变量名（scripts/build-functions.ts 按它列出 envVariables） */
export const CLOUD_ENV_KEYS: Array<keyof CloudEnvVars> = [...CLOUD_VAR_NAMES];

/** 本地服务的变量。本地和部署的 schema 在函数里建：云函数的包里只留云函数自己那部分 */
const localEnvSchema = () =>
  z.object({
    /**
     * local：请求头 / 页面上的身份切换器决定"我是谁"；production：拒绝请求头里的身份。
     * 不设时：NODE_ENV=production 就是 production，否则 local（见 loadLocalEnv）。
     */
    MODE: z._default(z.enum(['local', 'production']), 'local'),
    /**
     * 本地模式下 x-openid 请求头信谁：false（默认）只信本机回环地址直接连来的请求；
     * true 信任何来源——谁能连上就能冒充谁，只在可信的局域网里用手机演示时打开。
     */
    TRUST_IDENTITY_HEADER: z._default(z.enum(['true', 'false']), 'false'),
    /** 每人每小时最多上传几张照片（一次反映最多 9 张） */
    UPLOADS_PER_HOUR: z._default(z.coerce.number().check(z.int(), z.gte(1)), 30),
    PORT: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(65535)), 8787),
    HOST: z._default(z.string(), '127.0.0.1'),
    /** 居民的手机访问本地服务用的地址（海报二维码里的链接前缀），如 http://192.168.1.20:8787；不设就用监听的地址 */
    PUBLIC_URL: z.optional(z.string().check(z.regex(/^https?:\/\/[^\s]+$/, { error: 'PUBLIC_URL 应以 http:// 或 https:// 开头' }))),
    /** SQLite 数据库和上传的照片 */
    DATA_DIR: z._default(z.string().check(z.minLength(1)), './.data'),
    /** 本地没有真的小程序：企业微信卡片里用 touristappid */
    WEAPP_APPID: z._default(
      z.string().check(z.refine((v) => v === TOURIST_APPID || APPID.test(v), { error: `WEAPP_APPID 应为 wx 开头的 18 位，或 ${TOURIST_APPID}` })),
      TOURIST_APPID,
    ),
    SEED_DEMO: z._default(z.enum(['true', 'false']), 'true'),
    DEMO_WECOM_WEBHOOK: z.optional(z.string()),
    OUTBOX_INTERVAL_MS: z._default(z.coerce.number().check(z.int(), z.gte(100)), 2000),
    /** 小程序请求订阅的模板 id，逗号分隔 */
    SUBSCRIBE_TEMPLATE_IDS: z._default(z.string(), ''),
  });
export type LocalEnv = z.infer<ReturnType<typeof localEnvSchema>> & {
  /** 为什么是这个模式：明确设了 MODE、由 NODE_ENV=production 推出，或默认 */
  modeReason: 'MODE' | 'NODE_ENV' | 'default';
  /** NODE_ENV 是 production（MODE=local 明确覆盖时，启动信息里提醒一句） */
  nodeEnvProduction: boolean;
};

const deployEnvSchema = () =>
  z.object({
    /** 云开发环境 id */
    ENV_ID: z.string({ error: '缺少 ENV_ID（云开发环境 id）' }).check(z.regex(/^[a-z0-9][a-z0-9_-]{2,39}$/, { error: 'ENV_ID 格式不对（小写字母、数字、- 和 _）' })),
    ...cloudVars(),
    /** 部署的是真的小程序：必填 */
    WEAPP_APPID: appid(),
    /** 腾讯云 API 密钥：有则用它登录 tcb、导入通讯录 */
    TENCENTCLOUD_SECRETID: z.optional(z.string().check(z.minLength(10))),
    TENCENTCLOUD_SECRETKEY: z.optional(z.string().check(z.minLength(10))),
  });
export type DeployEnv = z.infer<ReturnType<typeof deployEnvSchema>>;

export type EnvSource = Record<string, string | undefined>;

/** 没有自带说明的问题（枚举、数字范围……）用中文说 */
function inChinese(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `应为 ${issue.values.map(String).join(' / ')} 之一`;
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? '应为整数' : '格式不对';
    case 'too_small':
      return issue.origin === 'string' ? `至少 ${String(issue.minimum)} 个字符` : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return `不能大于 ${String(issue.maximum)}`;
    default:
      return '格式不对';
  }
}

function parseEnvWith<S extends z.ZodMiniType>(schema: S, source: EnvSource, what: string, help: string): z.infer<S> {
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(set, { error: inChinese });
  if (parsed.success) return parsed.data as z.infer<S>;
  const lines = parsed.error.issues.map((i) => {
    const key = i.path.join('.');
    return i.message.includes(key) ? i.message : `${key}: ${i.message}`;
  });
  throw new Error(`${what}不正确（${help}）：\n  - ${lines.join('\n  - ')}`);
}

/** 本地服务的环境：不给 source 时读进程环境，再用仓库根目录的 .env（有就读）补上没设的 */
export function loadLocalEnv(source?: EnvSource): LocalEnv {
  const from = source ?? withEnvFile(path.resolve(__dirname, '../../.env'));
  // NODE_ENV=production 的进程默认就是生产模式；要在这样的进程里跑本地演示，得明确写 MODE=local
  const modeSet = from.MODE !== undefined && from.MODE !== '';
  const nodeEnvProduction = from.NODE_ENV === 'production';
  const modeReason = modeSet ? 'MODE' : nodeEnvProduction ? 'NODE_ENV' : 'default';
  const parsed = parseEnvWith(localEnvSchema(), modeReason === 'NODE_ENV' ? { ...from, MODE: 'production' } : from, '环境变量', '参见 .env.example');
  return { ...parsed, modeReason, nodeEnvProduction };
}

export function loadCloudEnvVars(source: EnvSource = process.env): CloudEnvVars {
  return parseEnvWith(cloudEnvSchema(), source, '云函数环境变量', '见 docs/deploy.md');
}

export function loadDeployEnv(source: EnvSource): DeployEnv {
  return parseEnvWith(deployEnvSchema(), source, '部署配置', '见 docs/cloudbase.env.example');
}

/**
 * 环境变量文件（KEY=VALUE，# 注释，值可加引号）里的值，再叠上进程环境：命令行上设的优先。
 * 文件不存在时：mustExist 为真则报错，否则当作空文件（.env 本来就是可选的）。
 */
export function withEnvFile(file: string, source: EnvSource = process.env, mustExist = false): EnvSource {
  if (!fs.existsSync(file)) {
    if (mustExist) throw new Error(`找不到环境变量文件 ${file}`);
    return { ...source };
  }
  return { ...parseEnv(fs.readFileSync(file, 'utf8')), ...source };
}
