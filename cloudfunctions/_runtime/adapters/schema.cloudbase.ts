/**
 * CloudBase 数据库的结构：集合、每个查询要用的索引、安全规则。只有这一份——
 * store.cloudbase.ts 按它取集合名，scripts/build-functions.ts 按它生成 cloudbaserc.json 的数据库部分，
 * 契约测试里的数据库替身按它检查"每个查询都有索引可用"。
 *
 * 安全规则一律 ADMINONLY（仅管理端可读写）：小程序端不能直接读写任何集合，所有访问都经云函数。
 */

export type IndexDirection = 1 | -1;

export interface IndexSpec {
  name: string;
  keys: Array<[field: string, direction: IndexDirection]>;
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  description: string;
  indexes: IndexSpec[];
}

const idx = (name: string, ...keys: Array<[string, IndexDirection]>): IndexSpec => ({ name, keys });

/** 集合的逻辑名 → 说明与索引。_id 上的索引由数据库自带，不列出。 */
export const COLLECTIONS = {
  stations: { name: 'stations', description: '联络站（_id = 站点 id）', indexes: [] },
  groups: { name: 'groups', description: '委员小组（_id = 小组 id）', indexes: [] },
  members: {
    name: 'members',
    description: '委员、召集人、管理员（groupIds 冗余存所属小组，便于按小组查）',
    indexes: [idx('groupIds_id', ['groupIds', 1], ['_id', 1]), idx('openid', ['openid', 1]), idx('inviteCode', ['inviteCode', 1])],
  },
  memberBindings: { name: 'member_bindings', description: '微信 openid 与委员的绑定（_id = openid 的散列），保证一个微信只绑一位委员', indexes: [] },
  tickets: {
    name: 'tickets',
    description: '工单；sk = createdAt|id 用于排序和翻页，involved = 提交人 + 我也遇到了，claimantIds = 接单委员，dueAt = 最早未做完的期限（已办结为 null），watchAt = 定时任务下次要看的时刻，dispatchPeriod 给看板，unsatisfiedPeriods = 收到不满意评价的月份',
    indexes: [
      idx('resident_request', ['residentOpenid', 1], ['clientRequestId', 1]),
      idx('no', ['no', 1]),
      idx('station_status_sk', ['stationId', 1], ['status', 1], ['sk', -1]),
      idx('group_status_sk', ['groupId', 1], ['status', 1], ['sk', -1]),
      idx('status_sk', ['status', 1], ['sk', -1]),
      idx('involved_sk', ['involved', 1], ['sk', -1]),
      idx('claimant_sk', ['claimantIds', 1], ['sk', -1]),
      idx('sk', ['sk', -1]),
      // 过期（dueAt < 现在，已办结的为 null）：工作台的过期筛选、通报的过期清单，看板按小组、派单月份的过期计数，一个索引
      idx('dueAt_group_period', ['dueAt', 1], ['groupId', 1], ['dispatchPeriod', 1]),
      // 定时任务（watchAt <= 现在）
      idx('watchAt', ['watchAt', 1]),
      // 每月通报的不满意清单：这个月收到过不满意评价的
      idx('unsatisfied_sk', ['unsatisfiedPeriods', 1], ['sk', -1]),
    ],
  },
  figures: {
    name: 'figures',
    description: '三率汇总：一格一个文档（_id = 月份|站|小组|类别），与工单同一事务按增量更新，看板只读它',
    indexes: [idx('period_group_station', ['period', 1], ['groupId', 1], ['stationId', 1])],
  },
  activity: {
    name: 'activity',
    description: '履职积分汇总：一张工单一个文档（_id = 工单 id），与工单同一事务重写；periods = 有积分事项的月份，memberPeriods = 委员|月份',
    indexes: [idx('periods_group', ['periods', 1], ['groupId', 1]), idx('memberPeriods', ['memberPeriods', 1])],
  },
  ticketRequests: { name: 'ticket_requests', description: '提交幂等：_id = (openid, clientRequestId) 的散列，与工单同一事务写入', indexes: [] },
  submitRates: { name: 'submit_rates', description: '提交限流：_id = openid 的散列，recent = 这位居民最近提交的时间；与工单同一事务读后写', indexes: [] },
  history: {
    name: 'history',
    description: '工单历史（只增不改）；hk = 工单版本|序号，按它排序即提交顺序',
    // 核对积分汇总时读全部记协商的历史
    indexes: [idx('ticket_hk', ['ticketId', 1], ['hk', 1]), idx('action', ['action', 1])],
  },
  outbox: { name: 'outbox', description: '发件箱条目（每个收件人每个渠道一条）', indexes: [idx('due', ['status', 1], ['nextAttemptAt', 1], ['_id', 1])] },
  outboxBatches: { name: 'outbox_batches', description: '与工单同一事务写入的一批发件箱条目；投递时先展开为 outbox 里的单条', indexes: [] },
  messages: { name: 'messages', description: '站内消息中心（_id = 发件箱条目 id）', indexes: [idx('recipient_sk', ['recipient', 1], ['sk', -1])] },
  subscriptions: { name: 'subscriptions', description: '一次性订阅消息的剩余条数（_id = (openid, 模板) 的散列）', indexes: [idx('openid', ['openid', 1])] },
  media: { name: 'media', description: '照片的内容安全结果（_id = fileID 的散列）；没有 pass 结果的照片不给地址', indexes: [idx('traceId', ['traceId', 1])] },
  locks: { name: 'locks', description: '定时任务的租约（同一时刻只有一个投递在跑）', indexes: [] },
  settings: { name: 'settings', description: '县级设置（_id = county，只存县里改过的项）', indexes: [] },
  audit: {
    name: 'audit',
    description: '管理后台的操作记录（只增不改，_id = 记录 id）；sk = at|id 用于排序和翻页，groupIds = 涉及的小组',
    indexes: [idx('groupIds_sk', ['groupIds', 1], ['sk', -1]), idx('sk', ['sk', -1])],
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionKey = keyof typeof COLLECTIONS;

export const ALL_COLLECTIONS: CollectionSpec[] = Object.values(COLLECTIONS);

/** 集合的安全规则标签：ADMINONLY = 仅管理端（云函数、控制台）可读写，小程序端什么都读写不了 */
export const COLLECTION_ACL = 'ADMINONLY' as const;

/** 带前缀的实际集合名（真实环境的契约测试用 contract_ 前缀，正式环境没有前缀） */
export function collectionName(key: CollectionKey, prefix = ''): string {
  return `${prefix}${COLLECTIONS[key].name}`;
}
