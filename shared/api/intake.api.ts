/**
 * intake 云函数（居民端）的请求模式与返回类型。小程序和云函数共用这一份，约定只在这里改。
 */
import * as z from 'zod/mini';
import { CATEGORIES, DISSATISFACTION_REASONS, LIBRARIES, RATINGS, REBOUND_ANSWERS, REPORT_KINDS, URGENCIES, type Category, type DissatisfactionReason, type Library, type NotificationEvent, type Rating, type ReportKind, type Urgency } from '../domain/vocabulary';
import type { TicketStatus } from '../domain/lifecycle';
import type { Contact, Rated } from '../domain/model';
import { lazySchema } from '../domain/lazy-schema';
import { SETTINGS_BOUNDS, type ReportLimits } from '../domain/settings';
import { action } from './contract';

/**
 * 请求模式里的上限是硬上限（任何一个县都不能设得更高），各县自己的字数、照片数在用例里按县里的设置再查一次
 * （shared/domain/settings.ts 的 checkReportLimits，小程序的表单也用它）。
 */
export const TEXT_CEILING = SETTINGS_BOUNDS.maxTextLength.max;
export const PHOTOS_CEILING = SETTINGS_BOUNDS.maxPhotos.max;
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
export const FILE_ID_PATTERN = /^(cloud|local):\/\/[\w./-]{1,200}$/;

const ticketId = lazySchema(() => z.string().check(z.minLength(1), z.maxLength(64)));

export const GetStationRequest = lazySchema(() => z.object({ stationId: z.string().check(z.minLength(1, { error: 'STATION.NOT_FOUND' }), z.maxLength(64, { error: 'STATION.NOT_FOUND' })) }));

export const ReportTextSchema = lazySchema(() => z.string().check(
  z.trim(),
  z.minLength(1, { error: 'REPORT.TEXT_EMPTY' }),
  z.maxLength(TEXT_CEILING, { error: 'REPORT.TEXT_TOO_LONG' }),
));

export const ContactInput = lazySchema(() => z.object({
  name: z.optional(z.string().check(z.trim(), z.maxLength(20))),
  phone: z.optional(z.string().check(z.trim(), z.regex(new RegExp(`^$|${PHONE_PATTERN.source}`), { error: 'REPORT.PHONE_INVALID' }))),
}));

export const SubmitReportRequest = lazySchema(() => z.object({
  stationId: z.string().check(z.minLength(1, { error: 'STATION.NOT_FOUND' }), z.maxLength(64, { error: 'STATION.NOT_FOUND' })),
  text: ReportTextSchema,
  kind: z.optional(z.enum(REPORT_KINDS)),
  photos: z.optional(
    z.array(z.string().check(z.regex(FILE_ID_PATTERN, { error: 'REPORT.PHOTO_INVALID' }))).check(z.maxLength(PHOTOS_CEILING, { error: 'REPORT.TOO_MANY_PHOTOS' })),
  ),
  contact: z.optional(ContactInput),
  anonymous: z.optional(z.boolean()),
  clientRequestId: z.string({ error: 'REPORT.CLIENT_REQUEST_ID_INVALID' }).check(z.regex(/^[\w-]{8,64}$/, { error: 'REPORT.CLIENT_REQUEST_ID_INVALID' })),
}));
export type SubmitReportInput = z.infer<typeof SubmitReportRequest>;

export const FindSimilarRequest = lazySchema(() => z.object({ stationId: GetStationRequest.shape.stationId, text: z.string().check(z.maxLength(TEXT_CEILING * 2)) }));
export const TicketIdRequest = lazySchema(() => z.object({ ticketId }));
export const MyReportsRequest = lazySchema(() => z.object({}));
export const RateTicketRequest = lazySchema(() => z.object({
  ticketId,
  rating: z.enum(RATINGS),
  /** 不满意的原因（一点即选，可多选）；满意、基本满意时不看 */
  reasons: z.optional(z.array(z.enum(DISSATISFACTION_REASONS)).check(z.maxLength(DISSATISFACTION_REASONS.length))),
  comment: z.optional(z.string().check(z.trim(), z.maxLength(300))),
}));
const cursor = lazySchema(() => z.optional(z.nullable(z.string().check(z.maxLength(200)))));
/** 居民的消息中心：一页一页往下翻 */
export const ResidentMessagesRequest = lazySchema(() => z.object({ cursor }));
export const MarkResidentMessagesReadRequest = lazySchema(() => z.object({ ids: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(200)) }));
/** 小程序里 requestSubscribeMessage 的结果：问了哪些模板（一次最多 3 个）、接受了哪些 */
export const RecordSubscriptionRequest = lazySchema(() => z.object({
  templateIds: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(3)),
  accepted: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(3)),
}));
/** 回头看的一问一答：没评价过的答评价（满意/基本满意/不满意），评价过的答有没有反弹 */
export const FOLLOW_UP_ANSWERS = [...RATINGS, ...REBOUND_ANSWERS] as const;
export type FollowUpAnswer = (typeof FOLLOW_UP_ANSWERS)[number];
export const AnswerFollowUpRequest = lazySchema(() => z.object({ ticketId, answer: z.enum(FOLLOW_UP_ANSWERS) }));
export const ListCasesRequest = lazySchema(() => z.object({ stationId: GetStationRequest.shape.stationId }));

export interface StationView {
  station: { id: string; name: string; address: string; intro: string; receptionHours: string; phone: string };
  /** 县里设定的、告诉居民"可以反映哪些事"的分类 */
  categories: Category[];
  group: { id: string; name: string; district: string; memberCount: number; members: Array<{ name: string; sector: string }> };
  stats: { open: number; closed: number };
  /** 本县的提交限制：表单按它提示和校验，与服务端同一个规则 */
  limits: ReportLimits;
}

export interface SubmitReportResult {
  ticketId: string;
  ticketNo: string;
  library: Library;
  category: Category;
  urgency: Urgency;
  status: TicketStatus;
  /** true：同一 clientRequestId 的重试，返回的是第一次提交的工单 */
  duplicateRequest: boolean;
}

export interface SimilarTicket {
  ticketId: string;
  ticketNo: string;
  excerpt: string;
  /** 共几人反映：提交人 + 点了"我也遇到了"的人（各处口径一致） */
  reporterCount: number;
  statusLabel: string;
  createdAt: string;
  score: number;
}

export interface TimelineItem {
  at: string;
  action: string;
  label: string;
  note: string;
  actorName: string;
}

/** 居民看到的一张工单（本人的原文保留；别人提交的只给隐私处理后的摘要） */
export interface ResidentTicketView {
  id: string;
  no: string;
  station: { id: string; name: string };
  kind: ReportKind;
  library: Library;
  category: Category;
  urgency: Urgency;
  status: TicketStatus;
  statusLabel: string;
  text: string;
  photos: Array<{ fileId: string; url: string }>;
  contact: Contact | null;
  anonymous: boolean;
  isOwner: boolean;
  reporterCount: number;
  createdAt: string;
  updatedAt: string;
  timeline: TimelineItem[];
  /** 这位居民自己的评价（反映人和"我也遇到了"的居民各一条） */
  rating: (Rated & { reasons: DissatisfactionReason[] }) | null;
  canRate: boolean;
  caseSummary: string | null;
  /** 办结期限（ISO；召集人延期后是新的日期）；已结束或旧工单为 null */
  resolveBy: string | null;
  /** 办结期限延过期：延期的理由 */
  resolveByExtended: { reason: string } | null;
  /** 回头看问这位居民的那一句（还没答时）：rating = 这一问就是评价；rebound = 问题有没有反弹 */
  followUp: { kind: 'rating' | 'rebound'; askedAt: string } | null;
}

export interface ResidentTicketSummary {
  id: string;
  no: string;
  stationName: string;
  excerpt: string;
  status: TicketStatus;
  statusLabel: string;
  isOwner: boolean;
  reporterCount: number;
  createdAt: string;
  updatedAt: string;
  /** 有没读的消息：我的反映上标"有新进展" */
  hasNews: boolean;
  /** 已办结、她还没评：标"待评价" */
  awaitingRating: boolean;
}

/** 消息中心里的一条：发出时的标题和正文，加上工单此刻的状态（不是发出时的） */
export interface MessageItemView {
  id: string;
  ticketId: string;
  event: NotificationEvent;
  title: string;
  body: string;
  page: string;
  createdAt: string;
  read: boolean;
  /** 工单现在的状态；工单已不存在时为 null */
  ticketStatus: TicketStatus | null;
  ticketStatusLabel: string | null;
  /** 回头看问到看消息的这位居民、她还没答的一句（消息中心里一点就答）；委员的消息和已答的为 null */
  followUp: { kind: 'rating' | 'rebound'; askedAt: string } | null;
}

export interface MessagePage {
  items: MessageItemView[];
  /** 全部未读条数（不只这一页） */
  unread: number;
  nextCursor: string | null;
}

export interface CaseView {
  ticketId: string;
  no: string;
  category: Category;
  title: string;
  summary: string;
  closedAt: string;
  reporterCount: number;
  /** 反映人的评价（旧字段，保留给只认它的读者） */
  rating: Rating | null;
  /** 每种评价各有几位居民：反映人和"我也遇到了"的居民都算 */
  ratingCounts: Record<Rating, number>;
}

export { CATEGORIES, LIBRARIES, URGENCIES };

/** intake 云函数的约定：action → 请求模式与返回类型。 */
export const intakeContract = {
  getStation: action<StationView>()(GetStationRequest),
  findSimilar: action<{ items: SimilarTicket[] }>()(FindSimilarRequest),
  submitReport: action<SubmitReportResult>()(SubmitReportRequest),
  myReports: action<{ items: ResidentTicketSummary[] }>()(MyReportsRequest),
  getTicket: action<ResidentTicketView>()(TicketIdRequest),
  meToo: action<{ ticketId: string; reporterCount: number }>()(TicketIdRequest),
  rateTicket: action<ResidentTicketView>()(RateTicketRequest),
  listCases: action<{ items: CaseView[] }>()(ListCasesRequest),
  recordSubscription: action<{ recorded: number }>()(RecordSubscriptionRequest),
  /** 居民的消息中心：本人作为居民收到的站内消息，最新的在前，分页 */
  myMessages: action<MessagePage>()(ResidentMessagesRequest),
  markMessagesRead: action<{ marked: number }>()(MarkResidentMessagesReadRequest),
  answerFollowUp: action<ResidentTicketView>()(AnswerFollowUpRequest),
};
export type IntakeContract = typeof intakeContract;
