/**
 * 本地运行时的组装：嵌入式 SQLite、本地文件、词表内容检查、企业微信 webhook、与云端同一套处理函数。
 * 测试和本地服务都从这里拿一套完整的依赖。
 */
import path from 'node:path';
import type { CountySettings } from '../../shared/domain/settings';
import { settingsFrom, type Deps, type Triager } from '../../shared/usecases/context';
import { deliverOutbox, type DeliveryReport } from '../../shared/usecases/deliver-outbox';
import { runScheduled, type ScheduledReport } from '../../shared/usecases/supervision/run-scheduled';
import type { Result } from '../../shared/domain/errors';
import type { Clock, IdGenerator, InviteCodes } from '../../shared/ports/services.port';
import type { AdminDeps } from '../../shared/usecases/admin/admin-context';
import { getDefaultTriager } from '../../shared/triage/default-model';
import { WordListContentChecker } from '../_runtime/adapters/content.wordlist';
import { LocalFileStore } from '../_runtime/adapters/files.local';
import { openSqliteStore, type SqliteStore } from '../_runtime/adapters/store.sqlite';
import { QrPosterCodes } from '../_runtime/adapters/poster-codes.local';
import { randomIds, randomInviteCodes, systemClock } from '../_runtime/adapters/system';
import { WecomWebhookSender } from '../_runtime/adapters/wecom.sender';
import { createAdminHandler } from '../admin/handler';
import { LocalReportFiles } from '../_runtime/adapters/report-files.xlsx';
import { createIntakeHandler } from '../intake/handler';
import { createWorkHandler } from '../work/handler';
import type { Logger } from '../_runtime/router';

export interface LocalRuntimeOptions {
  dataDir: string;
  clock?: Clock;
  ids?: IdGenerator;
  triager?: Triager;
  /** 县里改过的设置：启动时写进存储（与政协办在设置页改的一样），用例照常从存储读 */
  settings?: Partial<CountySettings>;
  appid?: string;
  logger?: Logger;
  subscribeTemplates?: string[];
  /** 海报二维码里的站点链接前缀：本地服务对外的地址（启动监听后才知道端口，所以是函数） */
  publicUrl?: () => string;
  invites?: InviteCodes;
}

export function createLocalRuntime(opts: LocalRuntimeOptions) {
  const store: SqliteStore = openSqliteStore(opts.dataDir);
  const files = new LocalFileStore(opts.dataDir);
  const reports = new LocalReportFiles(path.join(opts.dataDir, 'reports'));
  // 组装保持同步；写入若失败，在第一次读设置时报出来
  const settingsWritten = opts.settings ? store.putCountySettings(opts.settings) : Promise.resolve();
  settingsWritten.catch(() => {});
  const settingsFromStore = settingsFrom(store);
  const deps: Deps = {
    store,
    clock: opts.clock ?? systemClock,
    ids: opts.ids ?? randomIds,
    triager: opts.triager ?? getDefaultTriager(),
    content: new WordListContentChecker(),
    files,
    async loadSettings() {
      await settingsWritten;
      return settingsFromStore();
    },
    subscribeTemplates: opts.subscribeTemplates ?? [],
  };
  const adminDeps: AdminDeps = {
    ...deps,
    store,
    posterCodes: new QrPosterCodes(opts.publicUrl ?? (() => 'http://127.0.0.1:8787')),
    invites: opts.invites ?? randomInviteCodes,
    reports,
  };
  const wecom = new WecomWebhookSender(store, opts.appid ?? 'touristappid');
  return {
    deps,
    store,
    files,
    reports,
    handlers: { intake: createIntakeHandler(deps, opts.logger), work: createWorkHandler(deps, opts.logger), admin: createAdminHandler(adminDeps, opts.logger) },
    /** 发件箱投递一轮（本地没有微信，订阅消息渠道如实记为失败，站内消息照常送达） */
    deliver(): Promise<DeliveryReport> {
      return deliverOutbox({ store, clock: deps.clock, senders: { wecom } });
    },
    /** 定时任务一轮（到期提醒、升级、回头看、回头督），与云端 cron 函数跑的同一个用例 */
    scheduled(): Promise<Result<ScheduledReport>> {
      return runScheduled({ ...deps, store });
    },
    close(): void {
      store.close();
    },
  };
}

export type LocalRuntime = ReturnType<typeof createLocalRuntime>;
