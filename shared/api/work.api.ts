/**
 * work 云函数（委员、召集人、管理员）的请求模式与返回类型。
 */
import * as z from 'zod/mini';
import { CATEGORIES, REPORT_KINDS, SCOPES, URGENCIES, type Category, type Library, type NotificationEvent, type ReportKind, type Scope, type Urgency } from '../domain/vocabulary';
import type { Relation, TicketAction, TicketStatus } from '../domain/lifecycle';
import type { Claimant, Outcome, Rated, TriageRecord } from '../domain/model';
import { lazySchema } from '../domain/lazy-schema';
import { action } from './contract';
import { DEADLINE_BOUNDS } from '../domain/deadline-settings';
import { MONTH_PATTERN } from '../domain/periods';
import type { MemberActivityRow } from './admin.api';
import { FILE_ID_PATTERN, PHOTOS_CEILING, type MessageItemView, type MessagePage, type TimelineItem } from './intake.api';

const ticketId = lazySchema(() => z.string().check(z.minLength(1), z.maxLength(64)));
const note = (max: number, emptyCode: 'REQUEST.INVALID' = 'REQUEST.INVALID') => z.string().check(z.trim(), z.minLength(1, { error: emptyCode }), z.maxLength(max));
const cursor = lazySchema(() => z.optional(z.nullable(z.string().check(z.maxLength(200)))));
const photos = lazySchema(() => z.optional(z.array(z.string().check(z.regex(FILE_ID_PATTERN, { error: 'REPORT.PHOTO_INVALID' }))).check(z.maxLength(PHOTOS_CEILING, { error: 'REPORT.TOO_MANY_PHOTOS' }))));

export const EmptyRequest = lazySchema(() => z.object({}));
export const BindMemberRequest = lazySchema(() => z.object({ inviteCode: z.string().check(z.trim(), z.minLength(4, { error: 'MEMBER.INVITE_INVALID' }), z.maxLength(32, { error: 'MEMBER.INVITE_INVALID' })) }));
export const MyMessagesRequest = lazySchema(() => z.object({ cursor }));
export const MarkReadRequest = lazySchema(() => z.object({ ids: z.array(z.string()).check(z.maxLength(200)) }));
export const QUEUE_FILTERS = ['open', 'mine', 'group', 'overdue'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
export const ListQueueRequest = lazySchema(() => z.object({ filter: z.enum(QUEUE_FILTERS), cursor }));
export const TicketIdRequest = lazySchema(() => z.object({ ticketId }));
export const AddProgressRequest = lazySchema(() => z.object({ ticketId, note: note(1000), photos }));
export const RecordConsultationRequest = lazySchema(() => z.object({
  ticketId,
  heldAt: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/)),
  place: note(100),
  participants: z.array(note(60)).check(z.minLength(1), z.maxLength(50)),
  departments: z.array(note(60)).check(z.maxLength(30)),
  agreement: note(2000),
}));
export const ProposeCloseRequest = lazySchema(() => z.object({ ticketId, summary: note(1000) }));
/** 办结：公开案例的标题与写法（都会再去掉一遍个人信息）；publish=false 只办结不公开 */
export const CloseTicketRequest = lazySchema(() => z.object({ ticketId, caseTitle: z.optional(note(40)), caseSummary: note(2000), publish: z.optional(z.boolean()) }));
export const AssignTicketRequest = lazySchema(() => z.object({ ticketId, memberIds: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(20)) }));
/** 合并到哪一张：给 id，或给召集人看到的编号（在本组里查） */
export const MergeTicketRequest = lazySchema(() => z.object({ ticketId, intoTicketId: z.optional(ticketId), intoTicketNo: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20))) }).check(
  z.refine((r) => !!r.intoTicketId || !!r.intoTicketNo, { error: 'TICKET.MERGE_TARGET_INVALID', path: ['intoTicketNo'] }),
));
export type MergeTarget = Pick<z.infer<typeof MergeTicketRequest>, 'intoTicketId' | 'intoTicketNo'>;
export const ReferTicketRequest = lazySchema(() => z.object({ ticketId, department: note(60), reason: note(500) }));
export const RejectTicketRequest = lazySchema(() => z.object({ ticketId, reason: note(500) }));
export const ReopenTicketRequest = lazySchema(() => z.object({ ticketId, reason: z.optional(z.string().check(z.trim(), z.maxLength(500))) }));
export const ReturnProposalRequest = lazySchema(() => z.object({ ticketId, reason: note(500) }));
export const SetClaimLimitRequest = lazySchema(() => z.object({ ticketId, limit: z.number().check(z.int(), z.gte(1), z.lte(100)), openToGroup: z.optional(z.boolean()) }));
/** 召集人延期（一次）：办结期限顺延几个工作日，理由居民看得到 */
export const ExtendDeadlineRequest = lazySchema(() => z.object({ ticketId, workdays: z.number().check(z.int(), z.gte(1), z.lte(DEADLINE_BOUNDS.resolveWithDepartmentsWorkdays.max)), reason: note(300) }));
/** 回头督：接单委员答"商定的事办了没有"；没办的通知召集人 */
export const AnswerActionCheckRequest = lazySchema(() => z.object({ ticketId, checkId: z.string().check(z.minLength(1), z.maxLength(64)), done: z.boolean(), note: z.optional(z.string().check(z.trim(), z.maxLength(500))) }));
export const HotTopicsRequest = lazySchema(() => z.object({
  groupId: z.optional(z.string().check(z.maxLength(64))),
  stationId: z.optional(z.string().check(z.maxLength(64))),
  days: z._default(z.number().check(z.int(), z.gte(1), z.lte(366)), 30),
}));
export const OverrideTriageRequest = lazySchema(() => z.object({
  ticketId,
  category: z.optional(z.enum(CATEGORIES)),
  kind: z.optional(z.enum(REPORT_KINDS)),
  urgency: z.optional(z.enum(URGENCIES)),
  scope: z.optional(z.enum(SCOPES)),
  reason: note(300),
}));
export type TriageOverride = Omit<z.infer<typeof OverrideTriageRequest>, 'ticketId'>;
export type ConsultationInput = Omit<z.infer<typeof RecordConsultationRequest>, 'ticketId'>;

export interface WhoAmI {
  openid: string;
  member: { id: string; name: string; sector: string } | null;
  groups: Array<{ groupId: string; groupName: string; role: 'member' | 'convener' }>;
  isAdmin: boolean;
}

/** 消息中心的一条（委员、召集人与居民同一个样子）：带工单此刻的状态 */
export type MessageView = MessageItemView;

export interface WorkTicketSummary {
  id: string;
  no: string;
  stationName: string;
  groupId: string;
  excerpt: string;
  category: Category;
  library: Library;
  urgency: Urgency;
  scope: Scope;
  status: TicketStatus;
  statusLabel: string;
  claimants: string[];
  claimLimit: number;
  reporterCount: number;
  createdAt: string;
  /** 从派单起的小时数（待接单时提示召集人） */
  waitingHours: number;
  /** 期限（ISO）：接单、首次反馈、办结；旧工单没有 */
  due: { claim?: string; feedback?: string; resolve?: string };
  /** 还没做完的步骤里有过了期限的 */
  overdue: boolean;
}

export interface WorkTicketView extends WorkTicketSummary {
  kind: ReportKind;
  /** 已隐去个人信息的原文 */
  text: string;
  photos: Array<{ fileId: string; url: string }>;
  /** 已接单委员可见完整联系方式，其余人看到打码后的 */
  contact: { name?: string; phone?: string } | null;
  anonymous: boolean;
  stationId: string;
  /** 分诊的原始判断与理由（召集人改判后，工单上的分类等字段会与之不同） */
  triage: TriageRecord;
  claimantDetails: Claimant[];
  history: Array<TimelineItem & { from: TicketStatus | null; to: TicketStatus; relation: Relation; data?: Record<string, unknown> }>;
  /** 这个人此刻能做的动作（服务端按身份和状态算出，页面只显示这些按钮） */
  actions: TicketAction[];
  myRelation: Relation;
  /** 本组在任的委员；assignable：已绑定微信、可以分单 */
  groupMembers: Array<{ id: string; name: string; assignable: boolean }>;
  caseSummary: string | null;
  caseTitle: string | null;
  /** 办结表单的预填：去掉了个人信息的标题与写法，召集人看过、改过再发布 */
  casePrefill: { title: string; summary: string };
  publishCase: boolean;
  proposal: string | null;
  outcome: Outcome | null;
  /** 反映人的评价（旧字段，老页面还读它） */
  rating: Rated | null;
  /** 每位居民的评价（反映人 + 我也遇到了的居民），不满意的带原因（中文）；召集人在"重新办理"前看 */
  ratings: RatingView[];
  /** 召集人的延期（只能一次）：延期前的期限与理由 */
  dueExtension: { at: string; byName: string; reason: string; previous: { claim?: string; feedback?: string; resolve?: string } } | null;
  /** 回头督：问到我（接单委员）而我还没答的一条 */
  pendingActionCheck: { id: string; agreement: string; askedAt: string } | null;
}

export interface RatingView {
  by: 'owner' | 'joiner';
  rating: Rated['rating'];
  /** 不满意原因的中文 */
  reasons: string[];
  comment: string;
  at: string;
}

/** 热点：一组相近的反映 */
export interface HotTopicView {
  label: string;
  /** 反映人次（含"我也遇到了"） */
  count: number;
  tickets: number;
  terms: string[];
  ticketIds: string[];
}

type TicketResult = WorkTicketView;

/** work 云函数的约定：action → 请求模式与返回类型。 */
export const workContract = {
  whoami: action<WhoAmI>()(EmptyRequest),
  bindMember: action<WhoAmI>()(BindMemberRequest),
  myMessages: action<MessagePage>()(MyMessagesRequest),
  markMessagesRead: action<{ marked: number }>()(MarkReadRequest),
  listQueue: action<{ items: WorkTicketSummary[]; nextCursor: string | null }>()(ListQueueRequest),
  getTicket: action<TicketResult>()(TicketIdRequest),
  claimTicket: action<TicketResult>()(TicketIdRequest),
  releaseClaim: action<TicketResult>()(TicketIdRequest),
  addProgress: action<TicketResult>()(AddProgressRequest),
  recordConsultation: action<TicketResult>()(RecordConsultationRequest),
  proposeClose: action<TicketResult>()(ProposeCloseRequest),
  returnProposal: action<TicketResult>()(ReturnProposalRequest),
  closeTicket: action<TicketResult>()(CloseTicketRequest),
  assignTicket: action<TicketResult>()(AssignTicketRequest),
  mergeTicket: action<TicketResult>()(MergeTicketRequest),
  referTicket: action<TicketResult>()(ReferTicketRequest),
  rejectTicket: action<TicketResult>()(RejectTicketRequest),
  reopenTicket: action<TicketResult>()(ReopenTicketRequest),
  setClaimLimit: action<TicketResult>()(SetClaimLimitRequest),
  overrideTriage: action<TicketResult>()(OverrideTriageRequest),
  hotTopics: action<{ items: HotTopicView[] }>()(HotTopicsRequest),
  extendDeadline: action<TicketResult>()(ExtendDeadlineRequest),
  answerActionCheck: action<TicketResult>()(AnswerActionCheckRequest),
  /** 委员看自己一个月的履职积分（每一分对得上一张工单和一个动作） */
  myActivity: action<MemberActivityRow>()(lazySchema(() => z.object({ month: z.string().check(z.regex(MONTH_PATTERN, { error: 'FIGURES.PERIOD_INVALID' })) }))),
};
export type WorkContract = typeof workContract;
