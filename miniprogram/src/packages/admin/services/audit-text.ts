/**
 * 操作记录写成办公室看得懂的中文：谁、什么时候、做了什么、对哪个对象、哪一项从什么改成什么。
 * 服务端只记字段名和值（只记改了的字段）；字段名、动作名、值的说法都在这里。
 */
import type { AuditEntry } from '@shared/domain/model';
import { GROUP_ROLE_LABELS, type GroupRole } from '@shared/api/admin.api';

export const ACTION_LABELS: Record<string, string> = {
  saveStation: '保存联络站',
  pauseStation: '暂停联络站',
  resumeStation: '恢复联络站',
  saveGroup: '保存委员小组',
  saveMember: '保存委员',
  importMember: '粘贴导入委员',
  removeMembership: '移出小组',
  deactivateMember: '停用委员',
  reactivateMember: '重新启用委员',
  issueInvite: '发邀请码',
  reissueInvite: '重发邀请码',
  revokeInvite: '作废邀请码',
  saveSettings: '修改县级设置',
};

export const TARGET_LABELS: Record<AuditEntry['target']['kind'], string> = { station: '联络站', group: '委员小组', member: '委员', settings: '设置' };

export const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  address: '地址',
  groupId: '所属小组',
  enabled: '状态',
  neighbours: '相邻站点',
  intro: '介绍',
  receptionHours: '接待时间',
  phone: '电话',
  pausedNotice: '暂停时的提示',
  district: '片区',
  webhookUrl: '企业微信机器人',
  claimLimit: '每单可接人数',
  sector: '界别',
  groups: '所在小组',
  isAdmin: '管理员',
  openid: '微信绑定',
  inviteCode: '邀请码',
  inviteExpiresAt: '邀请码有效期',
  invite: '邀请码',
  active: '在任',
  adminGroupIds: '管理范围',
  maxTextLength: '一条反映最多字数',
  maxPhotos: '一条反映最多照片数',
  maxPhotoBytes: '一张照片最大',
  reportsPerHourPerResident: '每人每小时最多提交',
  meTooPerHourPerResident: '每人每小时最多点"我也遇到了"',
  reportsPerHourPerStation: '每站每小时最多收',
  defaultClaimLimit: '默认每单可接人数',
  duplicateWindowDays: '查重看最近几天',
  inviteValidDays: '邀请码有效天数',
  residentCategories: '给居民看的分类',
};

export interface Lookup {
  groupName(id: string): string | undefined;
  stationName(id: string): string | undefined;
}

const ISO_IN_TEXT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g;

function isIso(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v);
}

/** 一个值写成中文；太长的截断 */
export function describeValue(field: string, value: unknown, lookup: Lookup, formatTime: (iso: string) => string): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (field === 'enabled') return value ? '受理中' : '已暂停';
  if (field === 'active') return value ? '在任' : '已停用';
  if (field === 'groupId' && typeof value === 'string') return lookup.groupName(value) ?? '（范围外的小组）';
  if (field === 'maxPhotoBytes' && typeof value === 'number') return `${Math.round(value / (1024 * 1024))} MB`;
  if (field === 'groups' && Array.isArray(value)) {
    const list = (value as Array<{ groupId: string; role: GroupRole }>).map((g) => `${lookup.groupName(g.groupId) ?? '（范围外的小组）'}（${GROUP_ROLE_LABELS[g.role] ?? g.role}）`);
    return list.length ? list.join('、') : '（不在任何小组）';
  }
  if (field === 'neighbours' && Array.isArray(value)) return value.length ? value.map((id) => lookup.stationName(String(id)) ?? String(id)).join('、') : '（无）';
  if (field === 'adminGroupIds' && Array.isArray(value)) return value.map((id) => lookup.groupName(String(id)) ?? String(id)).join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.length ? value.map(String).join('、') : '（无）';
  if (typeof value === 'string' && isIso(value)) return formatTime(value);
  // "有效至 2027-01-01T05:12:25.992Z" 这样夹着时间的说明：时间换成北京时间
  if (typeof value === 'string' && value.replace(ISO_IN_TEXT, '') !== value) return value.replace(ISO_IN_TEXT, (iso) => formatTime(iso));
  if (typeof value === 'object') return JSON.stringify(value);
  const s = String(value);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

export interface ChangeLine {
  field: string;
  label: string;
  from: string | null;
  to: string;
}

/** 改了哪些项：新建时只有"改成什么"（from 为 null） */
export function describeChanges(entry: AuditEntry, lookup: Lookup, formatTime: (iso: string) => string): ChangeLine[] {
  const after = entry.after ?? {};
  const before = entry.before;
  const empty = (v: unknown) => v === null || v === undefined || v === '' || v === false || (Array.isArray(v) && v.length === 0);
  // 新建时只列填了的项，不列一串"（空）""否"
  const fields = Object.keys({ ...(before ?? {}), ...after }).filter((f) => f !== 'id' && (before || !empty(after[f])));
  return fields.map((field) => ({
    field,
    label: FIELD_LABELS[field] ?? field,
    from: before ? describeValue(field, before[field], lookup, formatTime) : null,
    to: describeValue(field, after[field], lookup, formatTime),
  }));
}

/** "保存联络站 · 联络站「箭楼社区委员联络室」" */
export function describeAction(entry: AuditEntry): string {
  const what = ACTION_LABELS[entry.action] ?? entry.action;
  const target = entry.target.kind === 'settings' ? entry.target.label : `${TARGET_LABELS[entry.target.kind]}「${entry.target.label}」`;
  return `${what} · ${target}`;
}
