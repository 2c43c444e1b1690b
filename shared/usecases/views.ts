/**
 * 把工单换成给不同的人看的样子：居民看自己的原文和隐私过滤后的时间线；
 * 委员和公众只看隐去个人信息的文本；联系方式只对已接单委员完整显示。
 */
import { ACTION_LABELS, STATUS_LABELS } from '../domain/lifecycle';
import type { HistoryEntry, Member, Station, Ticket } from '../domain/model';
import type { ResidentTicketSummary, ResidentTicketView, TimelineItem } from '../api/intake.api';
import type { WorkTicketSummary } from '../api/work.api';
import { excerpt } from './notifications';

export function maskPhone(phone: string): string {
  const p = phone.replace(/\s/g, '');
  if (p.length <= 4) return '****';
  return `${p.slice(0, 3)}****${p.slice(-4)}`;
}

/** 公开文字里去掉这张工单已知的个人信息（联系人姓名、电话），再由 redactPersonalData 去掉其余可识别的号码。 */
export function scrubKnownPersonalData(text: string, t: Pick<Ticket, 'contact'>): string {
  let out = text;
  for (const value of [t.contact?.phone, t.contact?.name]) {
    if (value && value.length >= 2) out = out.split(value).join(value === t.contact?.phone ? maskPhone(value) : maskName(value));
  }
  return out;
}

export function maskName(name: string): string {
  if (!name) return name;
  return `${name.slice(0, 1)}${'*'.repeat(Math.max(1, Math.min(2, name.length - 1)))}`;
}

export function timelineOf(history: HistoryEntry[], forResident: boolean): TimelineItem[] {
  return history
    .filter((h) => !forResident || h.visibleToResident)
    .map((h) => ({ at: h.at, action: h.action, label: ACTION_LABELS[h.action], note: h.note, actorName: h.actorName }));
}

export function residentSummary(t: Ticket, stationName: string, openid: string): ResidentTicketSummary {
  const isOwner = t.residentOpenid === openid;
  return {
    id: t.id,
    no: t.no,
    stationName,
    excerpt: excerpt(isOwner ? t.text : t.redactedText, 60),
    status: t.status,
    statusLabel: STATUS_LABELS[t.status],
    isOwner,
    reporterCount: t.meToo.length + 1,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export function residentView(
  t: Ticket,
  station: Pick<Station, 'id' | 'name'>,
  history: HistoryEntry[],
  openid: string,
  photoUrls: Record<string, string>,
): ResidentTicketView {
  const isOwner = t.residentOpenid === openid;
  return {
    id: t.id,
    no: t.no,
    station: { id: station.id, name: station.name },
    kind: t.kind,
    library: t.library,
    category: t.category,
    urgency: t.urgency,
    status: t.status,
    statusLabel: STATUS_LABELS[t.status],
    text: isOwner ? t.text : t.redactedText,
    photos: t.photos.map((fileId) => ({ fileId, url: photoUrls[fileId] ?? '' })),
    contact: isOwner ? t.contact : null,
    anonymous: t.anonymous,
    isOwner,
    reporterCount: t.meToo.length + 1,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    timeline: timelineOf(history, true),
    rating: isOwner ? t.rating : null,
    canRate: isOwner && t.status === 'closed' && !t.rating,
    caseSummary: t.status === 'closed' ? t.caseSummary : null,
  };
}

export function workSummary(t: Ticket, stationName: string, nowMs: number): WorkTicketSummary {
  return {
    id: t.id,
    no: t.no,
    stationName,
    groupId: t.groupId,
    excerpt: excerpt(t.redactedText, 60),
    category: t.category,
    library: t.library,
    urgency: t.urgency,
    scope: t.scope,
    status: t.status,
    statusLabel: STATUS_LABELS[t.status],
    claimants: t.claimants.map((c) => c.name),
    claimLimit: t.claimLimit,
    reporterCount: t.meToo.length + 1,
    createdAt: t.createdAt,
    waitingHours: Math.max(0, Math.floor((nowMs - Date.parse(t.createdAt)) / 3_600_000)),
  };
}

/** 联系方式：已接单委员、召集人、管理员看完整的（要打电话），其余委员看打码的；匿名反映不给任何人。 */
export function contactFor(t: Ticket, member: Member | null, full: boolean): Ticket['contact'] {
  if (!t.contact || t.anonymous || !member) return null;
  if (full) return t.contact;
  return {
    ...(t.contact.name ? { name: maskName(t.contact.name) } : {}),
    ...(t.contact.phone ? { phone: maskPhone(t.contact.phone) } : {}),
  };
}
