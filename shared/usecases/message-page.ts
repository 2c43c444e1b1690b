/**
 * 消息中心的一页（委员、召集人与居民共用）：最新的在前，加上全部未读数；每条消息配上工单此刻的状态
 * ——消息是发出时写的，"待办结"的通知在办结之后要显示"已办结"。工单一次批量读出（TicketQuery.ids）。
 */
import { STATUS_LABELS } from '../domain/lifecycle';
import { pendingFollowUp } from '../domain/supervision';
import type { Message } from '../domain/model';
import type { MessageItemView, MessagePage } from '../api/intake.api';
import { MAX_PAGE_SIZE } from '../ports/store.port';
import type { Deps } from './context';

export const MESSAGE_PAGE_SIZE = 50;

/**
 * recipients：收件身份；residentOpenid：看消息的是居民时给出，回头看的消息带上她还没答的那一句。
 */
export async function messagePage(deps: Pick<Deps, 'store'>, recipients: string[], cursor?: string | null, residentOpenid?: string): Promise<MessagePage> {
  const [page, unread] = await Promise.all([deps.store.listMessages(recipients, { limit: MESSAGE_PAGE_SIZE, cursor }), deps.store.countUnreadMessages(recipients)]);
  const ticketIds = [...new Set(page.items.map((m) => m.ticketId))];
  const tickets = ticketIds.length ? (await deps.store.listTickets({ ids: ticketIds }, { limit: MAX_PAGE_SIZE })).items : [];
  const byId = new Map(tickets.map((t) => [t.id, t]));
  const items = page.items.map((m: Message): MessageItemView => {
    const ticket = byId.get(m.ticketId);
    const status = ticket?.status ?? null;
    return {
      id: m.id,
      ticketId: m.ticketId,
      event: m.event,
      title: m.title,
      body: m.body,
      page: m.page,
      createdAt: m.createdAt,
      read: m.readAt !== null,
      ticketStatus: status,
      ticketStatusLabel: status ? STATUS_LABELS[status] : null,
      followUp: ticket && residentOpenid && m.event === 'ticket.followUp' ? pendingFollowUp(ticket, residentOpenid) : null,
    };
  });
  return { items, unread, nextCursor: page.nextCursor };
}
