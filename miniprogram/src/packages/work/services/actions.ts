/**
 * 工单页上的动作按钮：服务端在 view.actions 里给出这个人此刻能做的动作，页面只显示这些。
 * 这里决定每个动作怎么做（直接调用 / 打开表单）和按钮的先后、主次。
 */
import type { TicketAction } from '@shared/domain/lifecycle';

/** 打开 act 页表单的动作 */
export const FORM_ACTIONS = ['addProgress', 'recordConsultation', 'proposeClose', 'returnProposal', 'close', 'assign', 'merge', 'refer', 'reject', 'reopen', 'setClaimLimit', 'overrideTriage', 'extendDeadline'] as const;
export type FormAction = (typeof FORM_ACTIONS)[number];

/** 一点就做的动作 */
export const DIRECT_ACTIONS = ['claim', 'releaseClaim'] as const;
export type DirectAction = (typeof DIRECT_ACTIONS)[number];

export function isFormAction(a: string): a is FormAction {
  return (FORM_ACTIONS as readonly string[]).includes(a);
}

/** 主要动作排前面、用实心按钮：接单、办结、记录协商、提请办结 */
const ORDER: TicketAction[] = [
  'claim',
  'close',
  'proposeClose',
  'recordConsultation',
  'addProgress',
  'assign',
  'returnProposal',
  'reopen',
  'merge',
  'refer',
  'reject',
  'setClaimLimit',
  'overrideTriage',
  'extendDeadline',
  'releaseClaim',
];
const PRIMARY = new Set<TicketAction>(['claim', 'close', 'proposeClose', 'recordConsultation']);

/** 页面能处理的动作（排好序）；服务端将来新增的动作在界面支持之前不显示 */
export function visibleActions(actions: readonly TicketAction[]): TicketAction[] {
  return ORDER.filter((a) => actions.includes(a));
}

export function isPrimary(a: TicketAction): boolean {
  return PRIMARY.has(a);
}

/** 底部常驻栏只放最要紧的一两个动作（老年用户不必在一堆按钮里找），其余放在页面末尾"更多操作" */
export function splitActions(actions: readonly TicketAction[]): { bar: TicketAction[]; more: TicketAction[] } {
  const all = visibleActions(actions);
  const primary = all.filter(isPrimary).slice(0, 2);
  const bar = primary.length ? primary : all.slice(0, 2);
  return { bar, more: all.filter((a) => !bar.includes(a)) };
}
