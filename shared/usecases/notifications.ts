/**
 * 通知扇出：一次状态变化要通知谁、走哪些渠道、打开哪个页面。结果是发件箱条目，
 * 与工单修改在同一事务里写入，由投递步骤（本地服务的定时循环 / 云端 cron 函数）送出。
 */
import type { Member, MemberGroup, OutboxEntry, Station, Ticket } from '../domain/model';
import { recipientOfGroup, recipientOfMember, recipientOfResident } from '../domain/model';
import { URGENCY_LABELS, type NotificationEvent } from '../domain/vocabulary';
import { publicText } from './public-text';

export const residentTicketPage = (ticketId: string) => `pages/ticket/index?id=${ticketId}`;
export const workTicketPage = (ticketId: string) => `packages/work/ticket/index?id=${ticketId}`;

export type NotifyTarget =
  | { kind: 'member'; member: Member }
  | { kind: 'resident'; openid: string }
  | { kind: 'group'; group: MemberGroup };

export interface NotificationContent {
  event: NotificationEvent;
  title: string;
  body: string;
}

/**
 * 摘要：截到 max 个字。截断处若落在一串数字或字母中间，整串不要——半个电话号码（"139123456…"）
 * 去个人信息时认不出来，却已经够别人拼回去；通知的正文先截断、后经过 publicText，所以要在这里防住。
 */
export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.slice(0, max);
  if (/[0-9A-Za-z*-]$/.test(cut) && /^[0-9A-Za-z*-]/.test(flat.slice(max))) cut = cut.replace(/[0-9A-Za-z*-]+$/, '');
  return `${cut}…`;
}

/** 为每个对象在它的每个渠道上生成一条发件箱条目：站内消息总有；订阅消息给有 openid 的人；企业微信给配置了机器人的小组。 */
export function buildOutbox(
  ticket: Ticket,
  targets: NotifyTarget[],
  content: NotificationContent,
  nowIso: string,
  nextId: () => string,
): OutboxEntry[] {
  const entries: OutboxEntry[] = [];
  const seen = new Set<string>();
  const push = (recipient: string, channel: OutboxEntry['channel'], page: string, c: NotificationContent = content) => {
    const key = `${channel}|${recipient}`;
    if (seen.has(key)) return;
    seen.add(key);
    entries.push({
      id: nextId(),
      ticketId: ticket.id,
      recipient,
      channel,
      event: c.event,
      title: c.title,
      body: c.body,
      page,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: nowIso,
      lastError: null,
      createdAt: nowIso,
      sentAt: null,
    });
  };
  // 离开本组站内消息的文字（给居民的通知、企业微信群卡片、微信服务通知）一律经过同一道 publicText：
  // 群里不只有办理的人，服务通知会显示在锁屏上。只在真有这类条目时才算一次。
  let scrubbed: NotificationContent | null = null;
  const scrubbedContent = () => (scrubbed ??= { ...content, title: publicText(content.title, ticket), body: publicText(content.body, ticket) });
  for (const t of targets) {
    if (t.kind === 'member') {
      const page = workTicketPage(ticket.id);
      push(recipientOfMember(t.member.id), 'inapp', page);
      if (t.member.openid) push(recipientOfResident(t.member.openid), 'subscribe', page, scrubbedContent());
    } else if (t.kind === 'resident') {
      const page = residentTicketPage(ticket.id);
      push(recipientOfResident(t.openid), 'inapp', page, scrubbedContent());
      push(recipientOfResident(t.openid), 'subscribe', page, scrubbedContent());
    } else if (t.group.webhookUrl) {
      push(recipientOfGroup(t.group.id), 'wecom', workTicketPage(ticket.id), scrubbedContent());
    }
  }
  return entries;
}

/** 新反映通知：小组委员都收到；紧急的同时直达召集人；企业微信群里发一张卡片。 */
export function newReportNotice(ticket: Ticket, station: Station): NotificationContent {
  const urgent = ticket.urgency === 'urgent';
  const joined = ticket.meToo.length > 0 ? ` · 已有${ticket.meToo.length + 1}人反映` : '';
  return {
    event: urgent ? 'ticket.urgent' : 'ticket.submitted',
    title: `${urgent ? `【${URGENCY_LABELS.urgent}】` : ''}新反映 · ${ticket.category} · ${station.name}`,
    body: `${excerpt(ticket.redactedText)}${joined}`,
  };
}

export function targetsForNewReport(ticket: Ticket, group: MemberGroup, members: Member[]): NotifyTarget[] {
  const roleIn = (m: Member) => m.groups.find((g) => g.groupId === group.id)?.role;
  const chosen = members.filter((m) => m.active && (roleIn(m) === 'member' || (ticket.urgency === 'urgent' && roleIn(m) === 'convener')));
  return [...chosen.map((member) => ({ kind: 'member' as const, member })), { kind: 'group' as const, group }];
}
