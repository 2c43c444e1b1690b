/**
 * 领域实体的 zod 模式（zod/mini：云函数包体小）。数据库读回来的行也用它校验——数据库也是边界。
 */
import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema';
import { CATEGORIES, LIBRARIES, NOTIFICATION_EVENTS, OUTCOME_KINDS, RATINGS, REPORT_KINDS, SCOPES, URGENCIES } from './vocabulary';
import { RELATIONS, TICKET_ACTIONS, TICKET_STATUSES } from './lifecycle';

export const StationSchema = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(), // 箭楼社区委员联络室
  address: z.string(),
  groupId: z.string(),
  enabled: z.boolean(),
  /** 相邻站点：查重时一并比对 */
  neighbours: z.array(z.string()),
  intro: z.string(),
  /** 接待时间，如"每周二下午 2:30–5:00"（海报上印） */
  receptionHours: z.optional(z.string()),
  /** 不会扫码的居民打的电话（海报上印） */
  phone: z.optional(z.string()),
  /** 暂停时告诉扫码的居民去哪里（如"请到北辰社区委员工作室，或拨打 0714-1234567"） */
  pausedNotice: z.optional(z.string()),
  /** 微信里：已生成的小程序码在云存储里的 fileID（生成一次后缓存） */
  codeFileId: z.optional(z.string()),
}));
export type Station = z.infer<typeof StationSchema>;

export const MemberGroupSchema = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(), // 下陆区第三委员小组
  district: z.string(),
  /** 企业微信群机器人 webhook 地址（可空） */
  webhookUrl: z.nullable(z.string()),
  claimLimit: z.number(),
}));
export type MemberGroup = z.infer<typeof MemberGroupSchema>;

export const GroupRoleSchema = lazySchema(() => z.object({ groupId: z.string(), role: z.enum(['member', 'convener']) }));
export const MemberSchema = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(),
  /** 界别，如 经济界、科技界 */
  sector: z.string(),
  phone: z.nullable(z.string()),
  groups: z.array(GroupRoleSchema),
  isAdmin: z.boolean(),
  openid: z.nullable(z.string()),
  inviteCode: z.nullable(z.string()),
  /** 邀请码的有效期（没有则不过期：早期导入的邀请码） */
  inviteExpiresAt: z.optional(z.nullable(z.string())),
  active: z.boolean(),
  /** 管理员管哪些小组：不设为全县（市）；区县政协办只管自己的几个小组 */
  adminGroupIds: z.optional(z.nullable(z.array(z.string()))),
}));
export type Member = z.infer<typeof MemberSchema>;

export const ClaimantSchema = lazySchema(() => z.object({ memberId: z.string(), name: z.string(), at: z.string(), assigned: z.boolean() }));
export type Claimant = z.infer<typeof ClaimantSchema>;

export const TriageRecordSchema = lazySchema(() => z.object({
  category: z.enum(CATEGORIES),
  library: z.enum(['problem', 'suggestion']),
  urgency: z.enum(URGENCIES),
  scope: z.enum(SCOPES),
  confidence: z.number(),
  reasons: z.object({
    category: z.array(z.string()),
    library: z.array(z.string()),
    urgency: z.array(z.string()),
    scope: z.array(z.string()),
  }),
  libraryDisagrees: z.boolean(),
}));
export type TriageRecord = z.infer<typeof TriageRecordSchema>;

export const ContactSchema = lazySchema(() => z.object({ name: z.optional(z.string()), phone: z.optional(z.string()) }));
export type Contact = z.infer<typeof ContactSchema>;

export const RatedSchema = lazySchema(() => z.object({ rating: z.enum(RATINGS), comment: z.string(), at: z.string() }));

export const OutcomeSchema = lazySchema(() => z.object({
  kind: z.enum(OUTCOME_KINDS),
  note: z.string(),
  department: z.optional(z.string()),
  intoTicketId: z.optional(z.string()),
  at: z.string(),
}));
export type Outcome = z.infer<typeof OutcomeSchema>;
export type Rated = z.infer<typeof RatedSchema>;

/**
 * 一位居民对办理结果的评价：反映人和每一位"我也遇到了"的居民各一条，每一条都计入满意率。
 * 不满意时可点选原因（DISSATISFACTION_REASONS 的键）并写一句话；via 说明是办结后评的还是回头看时答的。
 */
export const ResidentRatingSchema = lazySchema(() => z.object({
  openid: z.string(),
  rating: z.enum(RATINGS),
  reasons: z.array(z.string()),
  comment: z.string(),
  at: z.string(),
  via: z.enum(['rate', 'followUp']),
}));
export type ResidentRating = z.infer<typeof ResidentRatingSchema>;

/** 工单的期限（ISO 时刻）：派单（提交、重新办理、改派）时按县里的设置和工作日历算出 */
export const TicketDueSchema = lazySchema(() => z.object({
  claim: z.optional(z.string()),
  feedback: z.optional(z.string()),
  resolve: z.optional(z.string()),
}));
export type TicketDue = z.infer<typeof TicketDueSchema>;

/** 召集人延期（每张工单只能一次）：谁、什么时候、为什么、延期前的期限 */
export const DueExtensionSchema = lazySchema(() => z.object({ at: z.string(), byMemberId: z.string(), byName: z.string(), reason: z.string(), previous: TicketDueSchema }));
export type DueExtension = z.infer<typeof DueExtensionSchema>;

export const FOLLOW_UP_KINDS = ['rating', 'rebound'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
/** 回头看问过的一句话：问谁、问的是评价还是"有没有反弹"、答了什么 */
export const FollowUpSchema = lazySchema(() => z.object({
  openid: z.string(),
  kind: z.enum(FOLLOW_UP_KINDS),
  askedAt: z.string(),
  answer: z.optional(z.string()),
  answeredAt: z.optional(z.string()),
}));
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** 回头督：一次协商商定的事，到 dueAt 问接单委员办了没有 */
export const ActionCheckSchema = lazySchema(() => z.object({
  id: z.string(),
  /** 那次协商商定的事（协商结果） */
  agreement: z.string(),
  dueAt: z.string(),
  askedAt: z.optional(z.string()),
  answers: z.array(z.object({ memberId: z.string(), name: z.string(), done: z.boolean(), note: z.string(), at: z.string() })),
}));
export type ActionCheck = z.infer<typeof ActionCheckSchema>;

export const TicketSchema = lazySchema(() => z.object({
  id: z.string(),
  /** 给人看的编号，电话里念得出来 */
  no: z.string(),
  stationId: z.string(),
  groupId: z.string(),
  residentOpenid: z.string(),
  clientRequestId: z.string(),
  /** 居民自己的选择（问题/建议），始终保留 */
  kind: z.enum(REPORT_KINDS),
  library: z.enum(LIBRARIES),
  category: z.enum(CATEGORIES),
  urgency: z.enum(URGENCIES),
  scope: z.enum(SCOPES),
  triage: TriageRecordSchema,
  text: z.string(),
  /** 隐去个人信息后的文本：委员和公众只看这个 */
  redactedText: z.string(),
  photos: z.array(z.string()),
  contact: z.nullable(ContactSchema),
  anonymous: z.boolean(),
  status: z.enum(TICKET_STATUSES),
  claimants: z.array(ClaimantSchema),
  claimLimit: z.number(),
  /** 点过"我也遇到了"的居民 openid */
  meToo: z.array(z.string()),
  mergedFrom: z.array(z.string()),
  outcome: z.nullable(OutcomeSchema),
  caseSummary: z.nullable(z.string()),
  /** 公开案例的标题：召集人办结时看过、改过的，去掉了个人信息（旧数据没有） */
  caseTitle: z.optional(z.nullable(z.string())),
  publishCase: z.boolean(),
  rating: z.nullable(RatedSchema),
  /** 每位居民的评价（反映人 + 我也遇到了的居民）；旧数据没有，只有 rating */
  ratings: z.optional(z.array(ResidentRatingSchema)),
  /** 最近一次派单的时刻（提交、重新办理、改派），期限从它算起；旧数据没有，按 createdAt */
  dispatchedAt: z.optional(z.string()),
  /** 当前期限；召集人延期一次后是新的日期 */
  due: z.optional(TicketDueSchema),
  /** 各期限过期未办、升级到政协办的时刻（派单时按县里的设置算好，延期时重算） */
  escalateAt: z.optional(TicketDueSchema),
  /** 第一次给居民反馈（进展、协商结果、办结、转办……）的时刻 */
  fedBackAt: z.optional(z.string()),
  /** 召集人的延期（只能一次） */
  dueExtension: z.optional(DueExtensionSchema),
  /** 回头看的时刻（办结时按县里的设置算好） */
  followUpAt: z.optional(z.string()),
  /** 回头看问过的话（反映人与"我也遇到了"的居民各一句） */
  followUps: z.optional(z.array(FollowUpSchema)),
  /** 回头督：每次协商一条 */
  actionChecks: z.optional(z.array(ActionCheckSchema)),
  /** 定时任务已做过的步骤（提醒、升级、回头看、回头督……），与它发的通知同一次写入：再跑一遍不会重发 */
  supervised: z.optional(z.array(z.string())),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** 乐观锁：每次写入 +1，条件更新以它为准 */
  version: z.number(),
}));
export type Ticket = z.infer<typeof TicketSchema>;

export const HistoryEntrySchema = lazySchema(() => z.object({
  id: z.string(),
  ticketId: z.string(),
  at: z.string(),
  action: z.enum(TICKET_ACTIONS),
  actorOpenid: z.nullable(z.string()),
  actorMemberId: z.nullable(z.string()),
  actorName: z.string(),
  relation: z.enum(RELATIONS),
  from: z.nullable(z.enum(TICKET_STATUSES)),
  to: z.enum(TICKET_STATUSES),
  note: z.string(),
  /** 居民时间线能否看到这一条 */
  visibleToResident: z.boolean(),
  data: z.optional(z.record(z.string(), z.unknown())),
}));
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const CHANNELS = ['inapp', 'wecom', 'subscribe'] as const;
export type Channel = (typeof CHANNELS)[number];

/** 发件箱：状态变化和它引起的通知在同一个事务里写入，再由投递步骤送出。 */
export const OutboxEntrySchema = lazySchema(() => z.object({
  id: z.string(),
  ticketId: z.string(),
  /** member:<委员id> | openid:<居民openid> | group:<小组id>（企业微信群） */
  recipient: z.string(),
  channel: z.enum(CHANNELS),
  event: z.enum(NOTIFICATION_EVENTS),
  title: z.string(),
  body: z.string(),
  /** 打开工单的小程序页面路径（带参数） */
  page: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastError: z.nullable(z.string()),
  createdAt: z.string(),
  sentAt: z.nullable(z.string()),
}));
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

export const MessageSchema = lazySchema(() => z.object({
  id: z.string(),
  recipient: z.string(),
  ticketId: z.string(),
  event: z.enum(NOTIFICATION_EVENTS),
  title: z.string(),
  body: z.string(),
  page: z.string(),
  createdAt: z.string(),
  readAt: z.nullable(z.string()),
}));
export type Message = z.infer<typeof MessageSchema>;

export const recipientOfMember = (memberId: string) => `member:${memberId}`;
export const recipientOfResident = (openid: string) => `openid:${openid}`;
export const recipientOfGroup = (groupId: string) => `group:${groupId}`;

/** 管理后台的每一次修改：谁、什么时候、改了什么、从什么改成什么。只追加，不修改。 */
export const AuditEntrySchema = lazySchema(() => z.object({
  id: z.string(),
  at: z.string(),
  actorOpenid: z.string(),
  actorName: z.string(),
  /** 做了什么，如 saveStation、issueInvite */
  action: z.string(),
  target: z.object({ kind: z.enum(['station', 'group', 'member', 'settings']), id: z.string(), label: z.string() }),
  /** 这次修改涉及的小组（区县政协办只看得到自己小组的记录；设置等全县的修改为空） */
  groupIds: z.array(z.string()),
  /** 改之前与改之后（只列变了的字段；新建时 before 为 null） */
  before: z.nullable(z.record(z.string(), z.unknown())),
  after: z.nullable(z.record(z.string(), z.unknown())),
}));
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
