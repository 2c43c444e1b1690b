/**
 * 存储端口：用例只通过它读写数据。两套实现：嵌入式 SQLite（本地默认）与 CloudBase 数据库（生产）。
 * 约定（两套实现都要满足，由同一套契约测试检查）：
 * - 工单的每次修改都是"按版本号的条件更新"：版本不符返回 false，调用方重读后重试或报冲突；
 * - 工单的修改与它产生的历史、发件箱条目在同一个事务里写入，要么全有，要么全无；
 * - 列表一律分页（limit 默认 100，最多 1000），不依赖数据库的隐式上限；
 * - 工单另存两个由领域规则算出的时刻并建索引：最早未做完的期限（过期筛选）与定时任务下次要看的时刻。
 */
import type { AuditEntry, Channel, HistoryEntry, Member, MemberGroup, Message, OutboxEntry, Station, Ticket } from '../domain/model';
import type { Library } from '../domain/vocabulary';
import type { TicketStatus } from '../domain/lifecycle';
import type { CountySettings } from '../domain/settings';
import type { FigureCell, FigureCounters } from '../domain/figures';
import type { RawItem } from '../domain/activity';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  limit?: number;
  /** 上一页返回的 nextCursor */
  cursor?: string | null;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface TicketQuery {
  /** 按 id 一次读一批（消息中心给每条消息配上工单此刻的状态） */
  ids?: string[];
  stationIds?: string[];
  groupIds?: string[];
  statuses?: TicketStatus[];
  library?: Library;
  /** 本人提交的，或点过"我也遇到了"的 */
  involvingResident?: string;
  claimedBy?: string;
  createdAfter?: string;
  /** 给人看的编号（合并时召集人输入的） */
  ticketNo?: string;
  /** 过期未办：还没做完的期限里最早的一个早于这个时刻（shared/domain/figures.ts 的 overdueAt） */
  overdueAt?: string;
  /** 这个月（北京时间 YYYY-MM）收到过"不满意"评价的（figures.ts 的 unsatisfiedPeriods） */
  unsatisfiedIn?: string;
  /** 定时任务到点要看的：下一次要看的时刻不晚于这个时刻（supervision.ts 的 nextWatchAt） */
  watchBefore?: string;
}

export interface DirectoryStore {
  getStation(id: string): Promise<Station | null>;
  listStations(): Promise<Station[]>;
  getGroup(id: string): Promise<MemberGroup | null>;
  listGroups(): Promise<MemberGroup[]>;
  getMember(id: string): Promise<Member | null>;
  listMembersOfGroup(groupId: string): Promise<Member[]>;
  findMemberByOpenid(openid: string): Promise<Member | null>;
  findMemberByInviteCode(code: string): Promise<Member | null>;
  /** 条件绑定：仅当该委员仍持有此邀请码且未绑定时成功 */
  bindMember(memberId: string, openid: string, inviteCode: string): Promise<boolean>;
  /** 提交一条反映要知道的一切，一次读出：站点、所属小组、小组里的委员（CloudBase 上是一次聚合查询） */
  getSubmitContext(stationId: string): Promise<SubmitContext | null>;
  /** 县里改过的设置（只有改过的项；没改过为 null）。由 shared/domain/settings.ts 的 mergeSettings 与默认值合并。 */
  getCountySettings(): Promise<Partial<CountySettings> | null>;
  putCountySettings(settings: Partial<CountySettings>): Promise<void>;
  putStation(station: Station): Promise<void>;
  putGroup(group: MemberGroup): Promise<void>;
  putMember(member: Member): Promise<void>;
}

export interface TicketChange {
  next: Ticket;
  expectedVersion: number;
}

export interface SubmitContext {
  station: Station;
  /** 站点指向的小组不存在时为 null（数据有误，提交方应报系统错误） */
  group: MemberGroup | null;
  members: Member[];
}

/** rateLimited：这位居民超了；再带 stationBusy：是这个联络站整体超了（成批新号冲站） */
export type CreateTicketResult = { created: true } | { created: false; existing: Ticket } | { created: false; rateLimited: true; stationBusy?: true };

/**
 * 提交时在写入事务里一起检查的限流：这位居民 sinceIso 之后已提交 max 条就不再写入；
 * 给了 stationMax 时，这个联络站 sinceIso 之后已收 stationMax 条（不论谁提交的）也不再写入。
 */
export interface SubmitRateLimit {
  sinceIso: string;
  max: number;
  stationMax?: number;
}

export interface TicketStore {
  getTicket(id: string): Promise<Ticket | null>;
  findByClientRequest(residentOpenid: string, clientRequestId: string): Promise<Ticket | null>;
  listTickets(query: TicketQuery, page?: PageRequest): Promise<Page<Ticket>>;
  /** 符合条件的工单总数（不受分页上限影响） */
  countTickets(query: TicketQuery): Promise<number>;
  /**
   * 原子写入工单 + 历史 + 发件箱，一个事务、一次往返。事务里先查两件事：
   * 同一居民同一 clientRequestId 已存在时不写入，返回已有工单（重试永远拿回同一张，先于限流判断）；
   * 给了 rateLimit 且这位居民在 sinceIso 之后已提交 max 条时不写入，返回 rateLimited；
   * 再给了 stationMax 且这个站 sinceIso 之后已收 stationMax 条时不写入，返回 rateLimited + stationBusy（先看居民，再看站）。
   */
  createTicket(ticket: Ticket, history: HistoryEntry[], outbox: OutboxEntry[], rateLimit?: SubmitRateLimit): Promise<CreateTicketResult>;
  /**
   * 条件更新：每张工单仅当库中版本等于 expectedVersion 时写入（next.version 应为 expectedVersion + 1）。
   * 多张工单（如合并）与历史、发件箱一起在一个事务里：任何一张版本不符，全部不写，返回 false。
   */
  updateTickets(changes: TicketChange[], history: HistoryEntry[], outbox: OutboxEntry[]): Promise<boolean>;
  listHistory(ticketId: string): Promise<HistoryEntry[]>;
}

export interface OutboxStore {
  /** 到期的待发条目，按 nextAttemptAt、id 升序；给了 channels 只列这些渠道的（站内消息与外部渠道分开取） */
  listDueOutbox(nowIso: string, limit: number, channels?: readonly Channel[]): Promise<OutboxEntry[]>;
  /**
   * 记录投递尝试（一个事务）。投递每次尝试一结束就记一条（发之前还先记一笔"发送中、结果未知"），
   * 不攒到一轮结束——进程中途崩了，已发出的不会再发。结果未知的 lastError 以"结果未知"开头。
   */
  updateOutbox(entries: OutboxEntry[]): Promise<void>;
  /** 站内消息中心：一批消息写入并把对应发件箱条目标为已送达，一个事务（消息 id 取发件箱 id，重复投递不重复） */
  deliverInApp(deliveries: Array<{ entry: OutboxEntry; message: Message }>): Promise<void>;
  listMessages(recipients: string[], page?: PageRequest): Promise<Page<Message>>;
  /** 把这些收件人名下、这些 id 中未读的消息标为已读，返回真正标了几条 */
  markMessagesRead(recipients: string[], ids: string[], atIso: string): Promise<number>;
  /** 这些收件人的全部未读条数（不受分页影响） */
  countUnreadMessages(recipients: string[]): Promise<number>;
}

/** 订阅消息额度：居民/委员每接受一次一次性订阅，对应模板加 1；每发一条减 1（条件扣减）。 */
export interface SubscriptionStore {
  grantSubscriptions(openid: string, templateIds: string[]): Promise<void>;
  consumeSubscription(openid: string, templateId: string): Promise<boolean>;
  subscriptionBalance(openid: string): Promise<Record<string, number>>;
}

/** 管理后台的一次修改：要写的站点、小组、委员、县级设置 */
export interface DirectoryChange {
  stations?: Station[];
  groups?: MemberGroup[];
  members?: Member[];
  settings?: Partial<CountySettings>;
}

export interface TicketTally {
  key: string;
  status: TicketStatus;
  count: number;
}

/** 政协办的管理后台用的读写 */
export interface AdminStore {
  /** 全部委员（一个县一两千人，一次读完；CloudBase 上分页读） */
  listMembers(): Promise<Member[]>;
  /** 目录里的文档与操作记录在一个事务里写入：改了就一定有记录 */
  applyDirectoryChange(change: DirectoryChange, audit: AuditEntry[]): Promise<void>;
  /** 操作记录，最新的在前；给了 groupIds 只列涉及这些小组的 */
  listAudit(filter: { groupIds?: string[] }, page?: PageRequest): Promise<Page<AuditEntry>>;
  /** 按站点或小组、按状态数工单（一次查询，不读工单本身） */
  tallyTickets(query: TicketQuery, by: 'stationId' | 'groupId'): Promise<TicketTally[]>;
}

/** 看板的一个维度：按联络站、小组、类别或月份分行 */
export const FIGURE_DIMENSIONS = ['station', 'group', 'category', 'month'] as const;
export type FigureDimension = (typeof FIGURE_DIMENSIONS)[number];

/** 看板要的范围：月份（北京时间 YYYY-MM，都含），可再限定小组、联络站 */
export interface FigureQuery {
  fromPeriod: string;
  toPeriod: string;
  groupIds?: string[];
  stationIds?: string[];
}

export interface FigureSum {
  /** 维度的值：站点 id、小组 id、类别或月份 */
  key: string;
  counters: FigureCounters;
}

export interface FigureReconciliation {
  tickets: number;
  /** 重数后的格数 */
  cells: number;
  /** 与重数不符、已改正的格数（含多出来的格） */
  corrected: number;
  /** 积分汇总与重算不符、已改正的工单数 */
  activityCorrected: number;
}

/**
 * 三率的汇总（shared/domain/figures.ts）：工单的每次写入在同一个事务里把贡献的增量加进汇总格，
 * 看板只读汇总，不读工单。过期随时间变化，不进汇总：工单另存 overdueAt，按它做带索引的计数。
 */
export interface FiguresStore {
  /** 范围内的汇总格按一个维度加起来（没有数的维度值不出现） */
  sumFigures(query: FigureQuery, by: FigureDimension): Promise<FigureSum[]>;
  /** 范围内（按派单月份）现在已过期的未办结工单，按一个维度计数 */
  countOverdue(query: FigureQuery, nowIso: string, by: FigureDimension): Promise<Array<{ key: string; count: number }>>;
  /** 全部汇总格（核对与测试用；一个县几年也只有几千格） */
  listFigureCells(): Promise<FigureCell[]>;
  /** 按全部工单重数汇总并改正不符的格，顺带补上工单的派生字段（定时任务与升级后用） */
  reconcileFigures(): Promise<FigureReconciliation>;
}

/** 读一个月的积分事项：全县、几个小组（工单现在所属的小组）或一位委员 */
export interface ActivityQuery {
  period: string;
  groupIds?: string[];
  memberId?: string;
}

/**
 * 履职积分的汇总（shared/domain/activity.ts 的 ticketActivity）：工单的每次写入在同一个事务里重写这张单的积分事项，
 * 核对（reconcileFigures）时按全部工单和它们记协商的历史重算。积分只读它，不读工单。
 */
export interface ActivityStore {
  /** 这个月的积分事项（还没算分），按时间先后 */
  listActivity(query: ActivityQuery): Promise<RawItem[]>;
}

export interface Store extends DirectoryStore, TicketStore, OutboxStore, SubscriptionStore, ActivityStore {}

export function clampLimit(limit?: number): number {
  if (!limit || limit < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.floor(limit), MAX_PAGE_SIZE);
}
