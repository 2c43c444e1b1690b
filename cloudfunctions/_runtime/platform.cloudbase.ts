/**
 * 生产环境的组装：微信云开发里，云函数的依赖从这里来——CloudBase 数据库与云存储（@cloudbase/node-sdk），
 * 身份与微信开放接口（wx-server-sdk：getWXContext、cloud.openapi）。各云函数的 index.ts 只做三件事：
 * 建一次 CloudRuntime（模块级，热启动时复用连接），每次调用在处理函数里读平台注入的 OPENID，
 * 用这个身份组装本次调用的依赖交给处理函数。
 *
 * 环境变量（npm run deploy 设到云函数上，格式见 env.ts）在第一次调用时解析一次，不对就报清楚的错。
 */
import { settingsFrom, type Deps, type Triager } from '../../shared/usecases/context';
import type { ChannelSender, Clock, IdGenerator } from '../../shared/ports/services.port';
import { loadCloudEnvVars, type CloudEnvVars, type EnvSource } from './env';
import { consoleLogger, type Handler, type Logger } from './router';
import { MsgSecCheckContentChecker } from './adapters/content.wechat';
import { CloudFileStore, type TempUrlSource } from './adapters/files.cloudbase';
import { WechatMediaCheck } from './adapters/media.wechat';
import type { OpenApi } from './adapters/openapi.wechat';
import { StationCodeGenerator, type FileUploader } from './adapters/stationcode.wechat';
import type { CloudbaseDatabase } from './adapters/db.cloudbase';
import { createCloudbaseStore, type CloudbaseStore } from './adapters/store.cloudbase';
import { parseSubscribeTemplates, SubscribeMessageSender, type SubscribeTemplate } from './adapters/subscribe.wechat';
import { randomIds, randomInviteCodes, systemClock } from './adapters/system';
import { WxacodePosterCodes } from './adapters/poster-codes.wechat';
import type { AdminDeps } from '../../shared/usecases/admin/admin-context';
import { CloudReportFiles } from './adapters/report-files.xlsx';
import { WecomWebhookSender } from './adapters/wecom.sender';

/** wx-server-sdk 里用到的部分 */
export interface WxServerSdk {
  init(options: { env: unknown }): void;
  DYNAMIC_CURRENT_ENV: unknown;
  getWXContext(): { OPENID?: string; APPID?: string; SOURCE?: string };
  openapi: OpenApi;
}

/** @cloudbase/node-sdk 的 app（tcb.init 的返回）里用到的部分 */
export interface NodeSdkApp extends TempUrlSource, FileUploader {
  database(): unknown;
}

export interface CloudPlatform {
  wx: WxServerSdk;
  app: NodeSdkApp;
}

export type CloudEnv = CloudEnvVars & { templates: SubscribeTemplate[] };

export function loadCloudEnv(source: EnvSource = process.env): CloudEnv {
  const vars = loadCloudEnvVars(source);
  return { ...vars, templates: parseSubscribeTemplates(vars.SUBSCRIBE_TEMPLATES) };
}

/** work、cron 等不分诊的函数用它占位：分诊模型只打包进 intake */
export const noTriage: Triager = {
  triage() {
    throw new Error('这个云函数不做分诊（模型只打包在 intake 里）');
  },
};

export interface RuntimeOptions {
  triager?: Triager;
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
  /** 运行情况（每轮投递的结果等），默认一行 JSON 打到云函数日志 */
  info?: InfoLog;
  env?: CloudEnv;
}

export type InfoLog = (message: string, context: Record<string, unknown>) => void;

export const consoleInfo: InfoLog = (message, context) => console.log(JSON.stringify({ level: 'info', message, ...context }));

/**
 * 一个云函数实例的公共部分：数据库、存储端口、时钟、编号、日志、环境变量、读身份。
 * 按需组装的部分（本次调用的依赖、投递渠道、小程序码）是下面单独的函数——这样每个函数的包里
 * 只有它真正用到的适配器，config.json 的 permissions.openapi 也就正好是它调用的接口。
 */
export class CloudRuntime {
  readonly db: CloudbaseDatabase;
  readonly store: CloudbaseStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly info: InfoLog;
  private envCache: CloudEnv | undefined;

  constructor(
    readonly platform: CloudPlatform,
    readonly options: RuntimeOptions = {},
  ) {
    this.db = platform.app.database() as CloudbaseDatabase;
    this.store = createCloudbaseStore(this.db);
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? randomIds;
    this.logger = options.logger ?? consoleLogger;
    this.info = options.info ?? consoleInfo;
    this.envCache = options.env;
  }

  get env(): CloudEnv {
    this.envCache ??= loadCloudEnv();
    return this.envCache;
  }

  /** 平台注入的调用人 openid：每次调用时在处理函数里读；定时触发、控制台调用没有 */
  callerOpenid(): string | null {
    return this.platform.wx.getWXContext().OPENID || null;
  }
}

/** 本次调用的依赖（intake、work）：文本过 msgSecCheck，照片过 mediaCheckAsync（要带上调用人的 openid） */
export function callDeps(rt: CloudRuntime, openid: string | null): Deps {
  const env = rt.env;
  const { wx, app } = rt.platform;
  const media = env.MEDIA_CHECK === 'async' ? new WechatMediaCheck(rt.db, wx.openapi, app, rt.clock).forCaller(openid) : null;
  return {
    store: rt.store,
    clock: rt.clock,
    ids: rt.ids,
    triager: rt.options.triager ?? noTriage,
    content: new MsgSecCheckContentChecker(wx.openapi, { review: env.CONTENT_REVIEW }),
    files: new CloudFileStore(app, media),
    // 县里改过的设置存在 settings 集合里；用例每次请求最多读一次（提交时与站点并行读）
    loadSettings: settingsFrom(rt.store),
    subscribeTemplates: [...new Set(env.templates.map((t) => t.templateId))],
  };
}

/** 发件箱的投递渠道（cron）：企业微信群机器人、订阅消息 */
export function outboxSenders(rt: CloudRuntime): { wecom: ChannelSender; subscribe: ChannelSender } {
  const env = rt.env;
  return {
    wecom: new WecomWebhookSender(rt.store, env.WEAPP_APPID),
    subscribe: new SubscribeMessageSender(rt.platform.wx.openapi, rt.store, env.templates, { miniprogramState: env.WEAPP_STATE }),
  };
}

/** 联络站小程序码（stationcode） */
export function stationCodes(rt: CloudRuntime): StationCodeGenerator {
  return new StationCodeGenerator(rt.platform.wx.openapi, rt.platform.app, rt.env.WEAPP_STATE);
}

/** 云函数的 context（第二个参数）里用到的部分 */
export interface CloudContext {
  request_id?: string;
}

export type CloudMain = (event: unknown, context?: CloudContext) => Promise<unknown>;

/**
 * 把 router 的处理函数接成云函数入口：每次调用先读平台注入的 OPENID（不在模块顶层读，也不从 event 里读），
 * 再用这个身份组装本次的依赖。
 */
export function handlerMain<D extends Deps>(rt: CloudRuntime, depsFor: (rt: CloudRuntime, openid: string | null) => D, makeHandler: (deps: D) => Handler): CloudMain {
  return async (event, context) => {
    const openid = rt.callerOpenid();
    return makeHandler(depsFor(rt, openid))(event, { openid, ...(context?.request_id ? { requestId: context.request_id } : {}) });
  };
}

/** 管理后台（admin）本次调用的依赖：再加上海报的小程序码（生成一次后缓存）与邀请码 */
export function adminCallDeps(rt: CloudRuntime, openid: string | null): AdminDeps {
  return {
    ...callDeps(rt, openid),
    store: rt.store,
    posterCodes: new WxacodePosterCodes(rt.store, stationCodes(rt), rt.platform.app),
    invites: randomInviteCodes,
    reports: new CloudReportFiles(rt.platform.app),
  };
}

/** 第一次调用时才初始化 SDK 与运行时，之后（热启动）复用 */
export function lazyMain(create: () => CloudMain): CloudMain {
  let main: CloudMain | null = null;
  return (event, context) => {
    main ??= create();
    return main(event, context);
  };
}
