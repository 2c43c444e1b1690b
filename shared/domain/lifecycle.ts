/**
 * 工单生命周期：一张状态表 + 一张流转表。所有状态变化都必须查这张表，
 * 表里写明了每个动作从哪些状态出发、到哪个状态、谁（相对这张工单的身份）可以做。
 *
 * 四单：群众点单(submit) → 委员接单(claim) → 协商解单(recordConsultation) → 跟进督单；
 * 归单：召集人办结(close) 后归入案例库。侧出口：转办(refer)、不予受理(reject)、合并(merge)。
 */

export const TICKET_STATUSES = [
  'pending', // 待接单
  'claimed', // 已接单
  'consulting', // 协商中
  'proposed', // 待办结（委员已提请办结）
  'closed', // 已办结（已归入案例库）
  'referred', // 已转办
  'rejected', // 不予受理
  'merged', // 已合并
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const STATUS_LABELS: Record<TicketStatus, string> = {
  pending: '待接单',
  claimed: '已接单',
  consulting: '协商中',
  proposed: '待办结',
  closed: '已办结',
  referred: '已转办',
  rejected: '不予受理',
  merged: '已合并',
};

export type StatusCategory = 'open' | 'closed' | 'diverted';

/** 像 FixMyStreet 一样把状态归为几类，页面和统计只问类别。 */
export function statusCategory(status: TicketStatus): StatusCategory {
  switch (status) {
    case 'pending':
    case 'claimed':
    case 'consulting':
    case 'proposed':
      return 'open';
    case 'closed':
      return 'closed';
    case 'referred':
    case 'rejected':
    case 'merged':
      return 'diverted';
  }
}

export const isOpen = (s: TicketStatus): boolean => statusCategory(s) === 'open';

export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(isOpen);

/**
 * 调用人相对于这张工单的身份。权限只看这个，不看请求里写了什么。
 * - owner：提交这条反映的居民
 * - resident：其他居民（包括点过"我也遇到了"的人）
 * - claimant：已接这一单的委员
 * - member：本小组委员（未接单）
 * - convener：本小组召集人
 * - outsider：其他小组的委员或召集人
 * - admin：政协办公室管理员
 * - system：定时任务等系统动作
 */
export const RELATIONS = ['owner', 'resident', 'claimant', 'member', 'convener', 'outsider', 'admin', 'system'] as const;
export type Relation = (typeof RELATIONS)[number];

export const TICKET_ACTIONS = [
  'submit',
  'meToo',
  'claim',
  'releaseClaim',
  'addProgress',
  'recordConsultation',
  'proposeClose',
  'returnProposal',
  'close',
  'assign',
  'merge',
  'refer',
  'reject',
  'reopen',
  'rate',
  'setClaimLimit',
  'overrideTriage',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const ACTION_LABELS: Record<TicketAction, string> = {
  submit: '提交反映',
  meToo: '我也遇到了',
  claim: '接单',
  releaseClaim: '退出接单',
  addProgress: '更新进展',
  recordConsultation: '记录协商',
  proposeClose: '提请办结',
  returnProposal: '退回继续办理',
  close: '办结',
  assign: '分单',
  merge: '合并',
  refer: '转办',
  reject: '不予受理',
  reopen: '重新办理',
  rate: '评价',
  setClaimLimit: '调整接单名额',
  overrideTriage: '调整分类',
};

/** 'same' 表示状态不变（只记录历史）。 */
export type TransitionTarget = TicketStatus | 'same';

export interface Transition {
  action: TicketAction;
  from: readonly TicketStatus[] | 'none';
  to: TransitionTarget;
  relations: readonly Relation[];
}

const OPEN: readonly TicketStatus[] = ['pending', 'claimed', 'consulting', 'proposed'];
const WORKING: readonly TicketStatus[] = ['claimed', 'consulting'];
const LEADERS: readonly Relation[] = ['convener', 'admin'];

/** 唯一的流转表。改流程只改这里，测试会把每个状态×动作×身份都过一遍。 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: 'none', to: 'pending', relations: ['owner'] },
  { action: 'meToo', from: OPEN, to: 'same', relations: ['resident'] },
  // 接单：待接单或已有人接但名额未满时都可加入；召集人也可以亲自接单。状态由 settleClaimState 决定（待接单→已接单）。
  { action: 'claim', from: ['pending', 'claimed', 'consulting'], to: 'same', relations: ['member', 'convener'] },
  { action: 'releaseClaim', from: WORKING, to: 'same', relations: ['claimant'] },
  { action: 'addProgress', from: [...WORKING, 'proposed'], to: 'same', relations: ['claimant', ...LEADERS] },
  { action: 'recordConsultation', from: WORKING, to: 'consulting', relations: ['claimant', ...LEADERS] },
  { action: 'proposeClose', from: WORKING, to: 'proposed', relations: ['claimant', ...LEADERS] },
  { action: 'returnProposal', from: ['proposed'], to: 'consulting', relations: LEADERS },
  { action: 'close', from: ['claimed', 'consulting', 'proposed'], to: 'closed', relations: LEADERS },
  { action: 'assign', from: ['pending', 'claimed', 'consulting'], to: 'same', relations: LEADERS },
  { action: 'merge', from: ['pending', 'claimed', 'consulting'], to: 'merged', relations: LEADERS },
  { action: 'refer', from: ['pending', 'claimed', 'consulting'], to: 'referred', relations: LEADERS },
  { action: 'reject', from: ['pending', 'claimed', 'consulting'], to: 'rejected', relations: LEADERS },
  { action: 'reopen', from: ['closed', 'referred', 'rejected'], to: 'pending', relations: LEADERS },
  { action: 'rate', from: ['closed'], to: 'same', relations: ['owner'] },
  { action: 'setClaimLimit', from: OPEN, to: 'same', relations: LEADERS },
  { action: 'overrideTriage', from: OPEN, to: 'same', relations: LEADERS },
];

export type TransitionCheck =
  | { allowed: true; to: TicketStatus }
  | { allowed: false; reason: 'forbidden' | 'wrong_state' };

/**
 * 查表：这个身份能否在这个状态做这个动作，做完到哪个状态。
 * 先看身份再看状态：没权限的人不应从错误里推断出工单状态。
 */
export function checkTransition(action: TicketAction, from: TicketStatus | 'none', relation: Relation): TransitionCheck {
  const rows = TRANSITIONS.filter((t) => t.action === action);
  if (!rows.some((t) => t.relations.includes(relation))) return { allowed: false, reason: 'forbidden' };
  const row = rows.find(
    (t) => t.relations.includes(relation) && (t.from === 'none' ? from === 'none' : from !== 'none' && t.from.includes(from)),
  );
  if (!row) return { allowed: false, reason: 'wrong_state' };
  const to = row.to === 'same' ? (from as TicketStatus) : row.to;
  return { allowed: true, to };
}

/** 某身份在某状态下可以做的全部动作（页面据此只显示能点的按钮）。 */
export function allowedActions(status: TicketStatus, relations: readonly Relation[]): TicketAction[] {
  return TICKET_ACTIONS.filter((a) => relations.some((r) => checkTransition(a, status, r).allowed));
}

/**
 * 接单人数与状态保持一致：有人接单的"待接单"即为"已接单"，最后一人退出的"已接单"回到"待接单"。
 * 每次流转后都过一遍，免得退出接单、重新办理等动作各写一套特例。
 */
export function settleClaimState(status: TicketStatus, claimantCount: number): TicketStatus {
  if (status === 'pending' && claimantCount > 0) return 'claimed';
  if (status === 'claimed' && claimantCount === 0) return 'pending';
  return status;
}
