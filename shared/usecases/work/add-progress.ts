/**
 * addProgress（更新进展）：接单委员或召集人记一条进展，可带照片；居民收到进展通知。
 * 结果：ok（工作台视图）；REPORT.CONTENT_BLOCKED / REPORT.PHOTO_INVALID；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { fail, ok } from '../../domain/errors';
import type { Deps } from '../context';
import { excerpt } from '../notifications';
import { checkedText, residentsOf, runStaffAction } from './staff-action';

export function addProgress(deps: Deps, openid: string, ticketId: string, note: string, photos: string[] = []) {
  return runStaffAction(deps, openid, ticketId, 'addProgress', async ({ ticket }) => {
    const text = await checkedText(deps, openid, note);
    if (!text.ok) return text;
    for (const p of photos) if (!(await deps.files.exists(p, openid))) return fail('REPORT.PHOTO_INVALID');
    return ok({
      next: ticket,
      note,
      visibleToResident: true,
      ...(photos.length ? { data: { photos } } : {}),
      notify: [{ targets: residentsOf(ticket), content: { event: 'ticket.progress', title: `办理进展 · ${ticket.no}`, body: excerpt(note, 60) } }],
    });
  });
}
