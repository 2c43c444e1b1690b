/**
 * 视图共用的两件事：时间线（居民只看标为可见的条目）与公开文字里去掉这张工单已知的个人信息。
 * 谁看原话、谁看隐去个人信息的文字，由 shared/domain/access.ts 的规则决定，这里只照做。
 */
import { ACTION_LABELS } from '../domain/lifecycle';
import type { HistoryEntry, Ticket } from '../domain/model';
import { maskName, maskPhone } from '../domain/personal-data';
import { seesPersonalData } from '../domain/access';
import type { Relation } from '../domain/lifecycle';
import type { TimelineItem } from '../api/intake.api';

/** 公开文字里去掉这张工单已知的个人信息（联系人姓名、电话），再由 redactPersonalData 去掉其余可识别的号码。 */
export function scrubKnownPersonalData(text: string, t: Pick<Ticket, 'contact'>): string {
  let out = text;
  for (const value of [t.contact?.phone, t.contact?.name]) {
    if (value && value.length >= 2) out = out.split(value).join(value === t.contact?.phone ? maskPhone(value) : maskName(value));
  }
  return out;
}

export function timelineOf(history: HistoryEntry[], forResident: boolean): TimelineItem[] {
  return history
    .filter((h) => !forResident || h.visibleToResident)
    .map((h) => ({ at: h.at, action: h.action, label: ACTION_LABELS[h.action], note: h.note, actorName: h.actorName }));
}

/** 这个人看到的正文：反映人和办理的人看原话，其余的人看隐去个人信息的文字。 */
export function textFor(t: Pick<Ticket, 'text' | 'redactedText'>, rels: readonly Relation[]): string {
  return seesPersonalData(rels) ? t.text : t.redactedText;
}

/** 这个人看到的联系方式：反映人和办理的人看完整的；本组其他委员看打码的；其余的人和匿名反映谁都看不到。 */
export function contactFor(t: Pick<Ticket, 'contact' | 'anonymous'>, rels: readonly Relation[]): Ticket['contact'] {
  if (!t.contact || t.anonymous) return null;
  if (seesPersonalData(rels)) return t.contact;
  if (!rels.includes('member')) return null;
  return {
    ...(t.contact.name ? { name: maskName(t.contact.name) } : {}),
    ...(t.contact.phone ? { phone: maskPhone(t.contact.phone) } : {}),
  };
}
