/**
 * admin 云函数（政协办的管理后台）的约定：联络站、委员小组、委员与邀请码、海报、县级设置、操作记录。
 * 每个动作只对管理员开放（ADMIN.NOT_ADMIN）；管理范围以外的对象一律答"未找到"。
 */
import * as z from 'zod/mini';
import type { AuditEntry } from '../domain/model';
import { MONTH_PATTERN, type FigureRow, type FigureTargets } from '../domain/figures';
import type { ActivityItem } from '../domain/activity';
import { FIGURE_DIMENSIONS } from '../ports/store.port';
import { SETTINGS_BOUNDS, SettingsPatchSchema, type CountySettings } from '../domain/settings';
import { lazySchema } from '../domain/lazy-schema';
import { action } from './contract';
import { PHONE_PATTERN } from './intake.api';

const id = lazySchema(() => z.string().check(z.minLength(1), z.maxLength(64)));
const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const required = (max: number, emptyCode: 'REQUEST.INVALID' | 'MEMBER.NAME_MISSING' = 'REQUEST.INVALID') =>
  z.string().check(z.trim(), z.minLength(1, { error: emptyCode }), z.maxLength(max));
const phone = lazySchema(() => z.optional(z.string().check(z.trim(), z.regex(new RegExp(`^$|${PHONE_PATTERN.source}`), { error: 'MEMBER.PHONE_INVALID' }))));
/** 企业微信群机器人地址（空串表示不用机器人） */
export const WECOM_WEBHOOK_PATTERN = /^https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=[\w-]{8,64}$/;
export const GROUP_ROLES = ['member', 'convener'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
export const GROUP_ROLE_LABELS: Record<GroupRole, string> = { member: '委员', convener: '召集人' };

export const SaveGroupRequest = lazySchema(() => z.object({
  id: z.optional(id),
  name: required(40),
  area: z.optional(text(40)),
  wecomWebhook: z.optional(z.string().check(z.trim(), z.regex(new RegExp(`^$|${WECOM_WEBHOOK_PATTERN.source}`), { error: 'GROUP.WEBHOOK_INVALID' }))),
  /** 默认每单几位委员可接（不填用县里的默认值） */
  claimLimit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(100))),
}));

export const SaveStationRequest = lazySchema(() => z.object({
  id: z.optional(id),
  name: required(40),
  address: required(100),
  groupId: id,
  receptionHours: z.optional(text(60)),
  intro: z.optional(text(300)),
  phone: z.optional(text(30)),
  pausedNotice: z.optional(text(200)),
  neighbours: z.optional(z.array(id).check(z.maxLength(20))),
}));

export const SetStationEnabledRequest = lazySchema(() => z.object({ stationId: id, enabled: z.boolean(), pausedNotice: z.optional(text(200)) }));

export const SaveMemberRequest = lazySchema(() => z.object({
  id: z.optional(id),
  name: required(20, 'MEMBER.NAME_MISSING'),
  groupId: id,
  role: z.enum(GROUP_ROLES, { error: 'MEMBER.ROLE_INVALID' }),
  phone,
  sector: z.optional(text(30)),
}));
export const MemberIdRequest = lazySchema(() => z.object({ memberId: id }));
export const RemoveMembershipRequest = lazySchema(() => z.object({ memberId: id, groupId: id }));
export const SetMemberActiveRequest = lazySchema(() => z.object({ memberId: id, active: z.boolean() }));

export const MAX_IMPORT_ROWS = 500;
/** 从 Excel 复制来的一行：姓名、小组、身份、电话、界别（页面把粘贴的文字拆成这样的行） */
export const ImportRow = lazySchema(() => z.object({
  name: z.string().check(z.maxLength(100)),
  groupName: z.string().check(z.maxLength(100)),
  role: z.string().check(z.maxLength(20)),
  phone: z.optional(z.string().check(z.maxLength(40))),
  sector: z.optional(z.string().check(z.maxLength(60))),
}));
export type ImportRowInput = z.infer<typeof ImportRow>;
export const ImportMembersRequest = lazySchema(() => z.object({
  rows: z.array(ImportRow).check(z.minLength(1, { error: 'IMPORT.EMPTY' }), z.maxLength(MAX_IMPORT_ROWS, { error: 'IMPORT.TOO_MANY_ROWS' })),
  dryRun: z.optional(z.boolean()),
}));

export const StationIdRequest = lazySchema(() => z.object({ stationId: id }));
export const GroupPostersRequest = lazySchema(() => z.object({ groupId: id }));
export const ListMembersRequest = lazySchema(() => z.object({ groupId: z.optional(id) }));
export const AuditLogRequest = lazySchema(() => z.object({ cursor: z.optional(z.nullable(z.string().check(z.maxLength(200)))) }));
export const EmptyRequest = lazySchema(() => z.object({}));

const month = lazySchema(() => z.string().check(z.regex(MONTH_PATTERN, { error: 'FIGURES.PERIOD_INVALID' })));

export const DashboardRequest = lazySchema(() => z.object({
  from: month,
  to: month,
  by: z.enum(FIGURE_DIMENSIONS),
  groupId: z.optional(id),
  stationId: z.optional(id),
}));

/** 看板：rows 按维度分行，totals 是范围内的合计，previous 是上一段同样长的时间的合计（算"比上月"） */
export interface DashboardView {
  rows: FigureRow[];
  totals: FigureRow;
  previous: FigureRow;
  /** 县里定的红线（0..1） */
  targets: FigureTargets;
  definitions: Array<{ name: string; text: string }>;
  /** 看的是谁的范围：全县，或者这些小组 */
  scope: { all: boolean; groups: Array<{ id: string; name: string }> };
  /** 过期按这个时刻算 */
  asOf: string;
}

export const MemberActivityRequest = lazySchema(() => z.object({ month }));

/** 一位委员一个月的履职积分：总分与每一分的来历 */
export interface MemberActivityRow {
  memberId: string;
  name: string;
  points: number;
  items: ActivityItem[];
}
export interface MemberActivityView {
  month: string;
  rows: MemberActivityRow[];
}

export const MonthlyReportRequest = lazySchema(() => z.object({ month, groupId: z.optional(id), preview: z.optional(z.boolean()) }));

/** 每月通报清单里的一件 */
export interface ReportTicketRow {
  no: string;
  station: string;
  group: string;
  category: string;
  status: string;
  /** 隐去个人信息后的前 60 个字 */
  text: string;
  /** 为什么在清单上：过期、不满意 */
  why: string;
}

/** 每月通报：本地给 url（下载 .xlsx），云端给 fileId；preview 时两者都没有。其余是打印页要的同一份数据。 */
export interface MonthlyReportView {
  url?: string;
  fileId?: string;
  fileName: string;
  title: string;
  /** 开头一段话，由数字生成 */
  summary: string;
  byGroup: FigureRow[];
  byStation: FigureRow[];
  totals: FigureRow;
  previous: FigureRow;
  overdue: ReportTicketRow[];
  unsatisfied: ReportTicketRow[];
  hotTopics: Array<{ label: string; count: number; tickets: number; ticketNos: string[] }>;
  /** 每位委员的积分和事项数；逐项的明细只在导出的表格里（十万张单的县一个月有几万项，不放进回复） */
  activity: Array<Omit<MemberActivityRow, 'items'> & { itemCount: number }>;
  definitions: Array<{ name: string; text: string }>;
  targets: FigureTargets;
}

/** 设置页提交的修改：只含要改的项，范围按 shared/domain/settings.ts */
export const SaveSettingsRequest = lazySchema(() => z.object({ settings: SettingsPatchSchema }));

export interface StationRow {
  id: string;
  name: string;
  address: string;
  groupId: string;
  groupName: string;
  enabled: boolean;
  receptionHours: string;
  intro: string;
  phone: string;
  pausedNotice: string;
  neighbours: string[];
  open: number;
  closed: number;
}

export interface GroupRow {
  id: string;
  name: string;
  area: string;
  /** 是否配置了企业微信群机器人（地址里的 key 是密钥，只给编辑表单看） */
  hasWebhook: boolean;
  wecomWebhook: string;
  claimLimit: number;
  members: Array<{ id: string; name: string; role: GroupRole; bound: boolean; active: boolean }>;
  stationCount: number;
}

export interface InviteState {
  code: string;
  expiresAt: string | null;
  expired: boolean;
}

export interface MemberRow {
  id: string;
  name: string;
  sector: string;
  phone: string;
  groups: Array<{ groupId: string; groupName: string; role: GroupRole }>;
  active: boolean;
  /** 已用邀请码绑定了微信 */
  bound: boolean;
  invite: InviteState | null;
  isAdmin: boolean;
}

export interface ImportPreviewRow {
  row: number;
  name: string;
  groupName: string;
  role: GroupRole | null;
  phone: string;
  sector: string;
  ok: boolean;
}

export interface ImportResult {
  created: number;
  invites: Array<{ name: string; inviteCode: string; expiresAt: string }>;
  errors: Array<{ row: number; code: string; message: string }>;
  preview: ImportPreviewRow[];
}

/** 海报上要印的一切。本地与 h5：link + qrSvg（二维码）；微信里：fileId + url（小程序码，生成一次后缓存） */
export interface StationPoster {
  link?: string;
  qrSvg?: string;
  fileId?: string;
  url?: string;
  station: { id: string; name: string; address: string; receptionHours: string; phone: string; enabled: boolean };
  group: { id: string; name: string; area: string };
  members: Array<{ name: string; sector: string; role: GroupRole }>;
  privacyNotice: string;
}

export interface SettingsView {
  settings: CountySettings;
  bounds: typeof SETTINGS_BOUNDS;
  /** 工作日历：全国安排的数据到哪一年；接下来的期限会落到数据之外时带上提示（ESTIMATED_NOTICE） */
  calendar: { lastCoveredYear: number; notice: string | null };
}

export interface AdminWhoAmI {
  name: string;
  scope: { all: boolean; groupIds: string[] };
}

/** admin 云函数的约定：action → 请求模式与返回类型。 */
export const adminContract = {
  whoamiAdmin: action<AdminWhoAmI>()(EmptyRequest),
  listStations: action<{ items: StationRow[] }>()(EmptyRequest),
  saveStation: action<{ stationId: string }>()(SaveStationRequest),
  setStationEnabled: action<{ stationId: string; enabled: boolean }>()(SetStationEnabledRequest),
  listGroups: action<{ items: GroupRow[] }>()(EmptyRequest),
  saveGroup: action<{ groupId: string }>()(SaveGroupRequest),
  listMembers: action<{ items: MemberRow[] }>()(ListMembersRequest),
  saveMember: action<{ memberId: string }>()(SaveMemberRequest),
  removeMembership: action<{ memberId: string }>()(RemoveMembershipRequest),
  setMemberActive: action<{ memberId: string; active: boolean; releasedTickets: number }>()(SetMemberActiveRequest),
  issueInvite: action<{ inviteCode: string; expiresAt: string }>()(MemberIdRequest),
  revokeInvite: action<{ memberId: string }>()(MemberIdRequest),
  importMembers: action<ImportResult>()(ImportMembersRequest),
  stationPoster: action<StationPoster>()(StationIdRequest),
  groupPosters: action<{ items: StationPoster[] }>()(GroupPostersRequest),
  getSettings: action<SettingsView>()(EmptyRequest),
  saveSettings: action<SettingsView>()(SaveSettingsRequest),
  auditLog: action<{ items: AuditEntry[]; nextCursor: string | null }>()(AuditLogRequest),
  dashboard: action<DashboardView>()(DashboardRequest),
  monthlyReport: action<MonthlyReportView>()(MonthlyReportRequest),
  memberActivity: action<MemberActivityView>()(MemberActivityRequest),
};
export type AdminContract = typeof adminContract;
