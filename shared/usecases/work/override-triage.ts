/**
 * overrideTriage（调整分类）：召集人改分类、问题/建议、紧急程度、个人/群体；改了什么、为什么都记入历史。
 * 结果：ok（工作台视图）；AUTH.FORBIDDEN / TICKET.TRANSITION_NOT_ALLOWED / TICKET.NOT_FOUND / MEMBER.NOT_BOUND。
 */
import { ok } from '../../domain/errors';
import { REPORT_KIND_LABELS, SCOPE_LABELS, URGENCY_LABELS } from '../../domain/vocabulary';
import type { TriageOverride } from '../../api/work.api';
import type { Deps } from '../context';
import { runStaffAction } from './staff-action';

export function overrideTriage(deps: Deps, openid: string, ticketId: string, o: TriageOverride) {
  return runStaffAction(deps, openid, ticketId, 'overrideTriage', ({ ticket }) => {
    const changes: string[] = [];
    if (o.category && o.category !== ticket.category) changes.push(`分类 ${ticket.category}→${o.category}`);
    if (o.kind && o.kind !== ticket.kind) changes.push(`${REPORT_KIND_LABELS[ticket.kind]}→${REPORT_KIND_LABELS[o.kind]}`);
    if (o.urgency && o.urgency !== ticket.urgency) changes.push(`${URGENCY_LABELS[ticket.urgency]}→${URGENCY_LABELS[o.urgency]}`);
    if (o.scope && o.scope !== ticket.scope) changes.push(`${SCOPE_LABELS[ticket.scope]}→${SCOPE_LABELS[o.scope]}`);
    const kind = o.kind ?? ticket.kind;
    const override = { ...(o.category ? { category: o.category } : {}), ...(o.kind ? { kind: o.kind } : {}), ...(o.urgency ? { urgency: o.urgency } : {}), ...(o.scope ? { scope: o.scope } : {}), reason: o.reason };
    return ok({
      next: { ...ticket, category: o.category ?? ticket.category, kind, library: ticket.library === 'case' ? 'case' : kind, urgency: o.urgency ?? ticket.urgency, scope: o.scope ?? ticket.scope },
      note: `${changes.join('，') || '分类未变'}。理由：${o.reason}`,
      visibleToResident: false,
      data: { override: { ...override, before: { category: ticket.category, kind: ticket.kind, urgency: ticket.urgency, scope: ticket.scope } } },
    });
  });
}
