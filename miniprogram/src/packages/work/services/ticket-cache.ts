/**
 * 最近看过的工单（分包内存里）：表单页据此立刻预填（如办结表单预填委员的办结说明），
 * 表单提交后把服务端返回的新工单放回来，工单页返回时立刻显示新状态，再静默刷新。
 */
import type { WorkTicketView } from '@shared/api/work.api';

const views = new Map<string, WorkTicketView>();

export function cacheTicket(view: WorkTicketView): void {
  views.set(view.id, view);
}

export function cachedTicket(id: string): WorkTicketView | null {
  return views.get(id) ?? null;
}
