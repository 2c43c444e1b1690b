/**
 * 生产存储：CloudBase 数据库（@cloudbase/node-sdk 的 app.database()），与 store.sqlite.ts 同一套契约。
 * 这里只把各部分合成用例要的 Store & AdminStore——各部分按 store.port.ts 的接口分文件：
 *   directory-store.cloudbase.ts  通讯录          ticket-store.cloudbase.ts        工单与历史
 *   outbox-store.cloudbase.ts     发件箱与消息中心  subscription-store.cloudbase.ts  订阅消息额度
 *   admin-store.cloudbase.ts      管理后台（目录修改 + 操作记录、全部委员、工单分组计数）
 *   figures-store.cloudbase.ts    三率汇总（随工单写入更新，看板只读它）
 *   activity-store.cloudbase.ts   履职积分汇总（同上，积分与每月通报只读它）
 * 共用的连接（SDK 表面、事务与重来、读完一个集合、按 sk 翻页）见 db.cloudbase.ts；集合和索引见 schema.cloudbase.ts。
 */
import type { AdminStore, FiguresStore, Store } from '../../../shared/ports/store.port';
import { cloudbaseAdminStore } from './admin-store.cloudbase';
import { CloudbaseConnection, type CloudbaseDatabase, type CloudbaseStoreOptions } from './db.cloudbase';
import { cloudbaseDirectoryStore } from './directory-store.cloudbase';
import { cloudbaseFiguresStore } from './figures-store.cloudbase';
import { cloudbaseActivityStore } from './activity-store.cloudbase';
import { cloudbaseOutboxStore } from './outbox-store.cloudbase';
import { cloudbaseSubscriptionStore } from './subscription-store.cloudbase';
import { cloudbaseTicketStore } from './ticket-store.cloudbase';

export interface CloudbaseStore extends Store, AdminStore, FiguresStore {
  /** 数据库往返次数（基准与测试用） */
  readonly operations: number;
}

export function createCloudbaseStore(db: CloudbaseDatabase, options: CloudbaseStoreOptions = {}): CloudbaseStore {
  const c = new CloudbaseConnection(db, options);
  return {
    ...cloudbaseDirectoryStore(c),
    ...cloudbaseTicketStore(c),
    ...cloudbaseOutboxStore(c),
    ...cloudbaseSubscriptionStore(c),
    ...cloudbaseAdminStore(c),
    ...cloudbaseFiguresStore(c),
    ...cloudbaseActivityStore(c),
    get operations() {
      return c.operations;
    },
  };
}
