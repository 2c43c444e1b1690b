/**
 * 视图共用的几件事：时间线（居民只看标为可见的条目，"我也遇到了"合成一行）、正文与联系方式给谁看哪一份、公开案例的预填。
 * 谁看原话、谁看隐去个人信息的文字，由 shared/domain/access.ts 的规则决定，这里只照做。
 */
import { ACTION_LABELS } from '../domain/lifecycle';
import type { HistoryEntry, Ticket } from '../domain/model';
import { excerpt } from './notifications';
import { publicText } from './public-text';
import { maskName, maskPhone } from '../domain/personal-data';
import { seesPersonalData } from '../domain/access';
import type { Relation } from '../domain/lifecycle';
import type { TimelineItem } from '../api/intake.api';

/**
 * "我也遇到了"合成一行：人数和最近一次的时间，放在最近一次的位置（14 个人点了，召集人不用翻五屏才看到协商记录）。
 */
export function collapseJoins(history: HistoryEntry[]): HistoryEntry[] {
  const joins = history.filter((h) => h.action === 'meToo');
  if (joins.length <= 1) return history;
  const last = joins[joins.length - 1]!;
  const merged: HistoryEntry = { ...last, note: `共 ${joins.length} 位居民也反映了同样的问题`, actorName: '居民' };
  return history.filter((h) => h.action !== 'meToo' || h === last).map((h) => (h === last ? merged : h));
}

export function timelineItem(h: HistoryEntry, forResident: boolean, t: Pick<Ticket, 'contact'>): TimelineItem {
  return { at: h.at, action: h.action, label: ACTION_LABELS[h.action], note: forResident ? publicText(h.note, t) : h.note, actorName: h.actorName };
}

/** 时间线：居民只看标为可见的条目，而且委员写的文字是去掉个人信息后的 */
export function timelineOf(history: HistoryEntry[], forResident: boolean, t: Pick<Ticket, 'contact'>): TimelineItem[] {
  return collapseJoins(history)
    .filter((h) => !forResident || h.visibleToResident)
    .map((h) => timelineItem(h, forResident, t));
}

/**
 * 公开案例的预填：标题和写法都去掉了个人信息，召集人看过、改过才发布。居民打的字不原样公开。
 */
export function casePrefill(t: Pick<Ticket, 'contact' | 'category' | 'redactedText' | 'caseTitle' | 'caseSummary'>, proposal: string | null): { title: string; summary: string } {
  return {
    title: t.caseTitle ?? publicText(`${t.category}：${excerpt(t.redactedText, 20)}`, t),
    summary: publicText(t.caseSummary ?? proposal ?? '', t),
  };
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
