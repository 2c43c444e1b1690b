/**
 * 工单生命周期：一张状态表 + 一张流转表。所有状态变化都必须查这张表，
 * 表里写明了每个动作从哪些状态出发、到哪个状态、谁（相对这张工单的身份）可以做。
 *
 * 四单：群众点单(submit) → 委员接单(claim) → 协商解单(recordConsultation) → 跟进督单；
 * 归单：召集人办结(close) 后归入案例库。侧出口：转办(refer)、不予受理(reject)、合并(merge)。
 */
import type { ErrorCode } from './errors';
import { isReporter, ratingOf, type Rateable } from './ratings';

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
  'withdrawClaim',
  'transfer',
  'extendDeadline',
  'remindDue',
  'escalate',
  'askFollowUp',
  'answerFollowUp',
  'askActionCheck',
  'answerActionCheck',
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
  withdrawClaim: '撤下接单',
  transfer: '改由其他小组办理',
  extendDeadline: '延期',
  remindDue: '到期提醒',
  escalate: '督办升级',
  askFollowUp: '回头看',
  answerFollowUp: '回头看答复',
  askActionCheck: '回头督',
  answerActionCheck: '回头督答复',
};

/**
 * 到达状态：一个具体状态；'same' 表示状态不变（只记录历史）；
 * 'byClaimants' 表示由做完之后有没有人接单决定（有人接为"已接单"，没人接为"待接单"）。
 */
export type TransitionTarget = TicketStatus | 'same' | 'byClaimants';

/** 守卫要看的工单字段与调用人（纯数据，领域不依赖存储）。 */
export interface GuardInput {
  ticket: Rateable & {
    claimants: ReadonlyArray<{ memberId: string }>;
    claimLimit: number;
    meToo: readonly string[];
    dueExtension?: object;
  };
  memberId: string | null;
  openid: string;
}
/** 守卫：流转表允许之后还要满足的条件；不满足时给出错误码。 */
export type Guard = (input: GuardInput) => ErrorCode | null;

export interface Transition {
  action: TicketAction;
  from: readonly TicketStatus[] | 'none';
  to: TransitionTarget;
  relations: readonly Relation[];
  guard?: Guard;
}

/** 未结束：可以接单、分单、合并、转办、不予受理的状态（待办结之前）。 */
export const UNRESOLVED_STATUSES: readonly TicketStatus[] = ['pending', 'claimed', 'consulting'];
/** 有人在办的状态 */
export const WORKING_STATUSES: readonly TicketStatus[] = ['claimed', 'consulting'];
const LEADERS: readonly Relation[] = ['convener', 'admin'];

/** 接单的守卫：同一人不能接两次，名额满了不能再接。页面的按钮、"待接单"列表和接单本身都问它。 */
export const claimGuard: Guard = ({ ticket, memberId }) => {
  if (memberId && ticket.claimants.some((c) => c.memberId === memberId)) return 'TICKET.ALREADY_CLAIMED';
  if (ticket.claimants.length >= ticket.claimLimit) return 'TICKET.CLAIM_FULL';
  return null;
};
const meTooGuard: Guard = ({ ticket, openid }) => (ticket.meToo.includes(openid) ? 'TICKET.ALREADY_JOINED' : null);
/** 评价的守卫：反映人和每一位点过"我也遇到了"的居民各评一次；别的居民不能评。 */
export const rateGuard: Guard = ({ ticket, openid }) => {
  if (!isReporter(ticket, openid)) return 'AUTH.FORBIDDEN';
  return ratingOf(ticket, openid) ? 'TICKET.ALREADY_RATED' : null;
};
/** 延期只能一次 */
const extendGuard: Guard = ({ ticket }) => (ticket.dueExtension ? 'DEADLINE.ALREADY_EXTENDED' : null);

/** 唯一的流转表。改流程只改这里，测试会把每个状态×动作×身份都过一遍。 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: 'none', to: 'pending', relations: ['owner'] },
  { action: 'meToo', from: OPEN_STATUSES, to: 'same', relations: ['resident'], guard: meTooGuard },
  // 接单：待接单或已有人接但名额未满时都可加入；召集人也可以亲自接单。协商中加入的不改变状态。
  // 已接单的人再点一次（手抖、重试）由守卫答"您已经接过这一单了"，而不是"没有权限"。
  { action: 'claim', from: ['pending', 'claimed'], to: 'claimed', relations: ['member', 'claimant', 'convener'], guard: claimGuard },
  { action: 'claim', from: ['consulting'], to: 'same', relations: ['member', 'claimant', 'convener'], guard: claimGuard },
  // 最后一人退出的"已接单"回到"待接单"；协商中的不回退（协商记录还在）。
  { action: 'releaseClaim', from: ['claimed'], to: 'byClaimants', relations: ['claimant'] },
  { action: 'releaseClaim', from: ['consulting'], to: 'same', relations: ['claimant'] },
  { action: 'addProgress', from: [...WORKING_STATUSES, 'proposed'], to: 'same', relations: ['claimant', ...LEADERS] },
  { action: 'recordConsultation', from: WORKING_STATUSES, to: 'consulting', relations: ['claimant', ...LEADERS] },
  { action: 'proposeClose', from: WORKING_STATUSES, to: 'proposed', relations: ['claimant', ...LEADERS] },
  { action: 'returnProposal', from: ['proposed'], to: 'consulting', relations: LEADERS },
  { action: 'close', from: [...WORKING_STATUSES, 'proposed'], to: 'closed', relations: LEADERS },
  // 分单总会加上至少一位委员：待接单变为已接单
  { action: 'assign', from: ['pending', 'claimed'], to: 'claimed', relations: LEADERS },
  { action: 'assign', from: ['consulting'], to: 'same', relations: LEADERS },
  { action: 'merge', from: UNRESOLVED_STATUSES, to: 'merged', relations: LEADERS },
  { action: 'refer', from: UNRESOLVED_STATUSES, to: 'referred', relations: LEADERS },
  { action: 'reject', from: UNRESOLVED_STATUSES, to: 'rejected', relations: LEADERS },
  // 重新办理：原接单委员继续（已接单），没人接的回到待接单
  { action: 'reopen', from: ['closed', 'referred', 'rejected'], to: 'byClaimants', relations: LEADERS },
  // 评价：反映人和"我也遇到了"的居民（relation 为 resident，守卫再看她是否真的加入过）各一次
  { action: 'rate', from: ['closed'], to: 'same', relations: ['owner', 'resident'], guard: rateGuard },
  { action: 'setClaimLimit', from: OPEN_STATUSES, to: 'same', relations: LEADERS },
  { action: 'overrideTriage', from: OPEN_STATUSES, to: 'same', relations: LEADERS },
  // 委员停用（离任）时，政协办把他的接单撤下：工单回到待接单（协商中的保留状态），召集人重新分单
  { action: 'withdrawClaim', from: ['claimed'], to: 'byClaimants', relations: LEADERS },
  { action: 'withdrawClaim', from: ['consulting'], to: 'same', relations: LEADERS },
  // 站点改属另一个小组：未结束的工单跟着走，原小组的接单清空，由新小组重新接单
  { action: 'transfer', from: ['pending', 'claimed'], to: 'byClaimants', relations: ['admin'] },
  { action: 'transfer', from: ['consulting', 'proposed'], to: 'same', relations: ['admin'] },
  // 跟进督单：召集人为一件事延期一次（有理由，居民看得到新日期）
  { action: 'extendDeadline', from: OPEN_STATUSES, to: 'same', relations: ['convener'], guard: extendGuard },
  // 定时任务：到期提醒、过期升级、回头看、回头督，只记历史、发通知，不改状态
  { action: 'remindDue', from: OPEN_STATUSES, to: 'same', relations: ['system'] },
  { action: 'escalate', from: OPEN_STATUSES, to: 'same', relations: ['system'] },
  { action: 'askFollowUp', from: ['closed'], to: 'same', relations: ['system'] },
  { action: 'askActionCheck', from: TICKET_STATUSES, to: 'same', relations: ['system'] },
  // 回头看的一问一答：问到的居民（反映人或"我也遇到了"的人）才答得了，由用例核对
  { action: 'answerFollowUp', from: ['closed'], to: 'same', relations: ['owner', 'resident'] },
  // 回头督：接单委员答"商定的事办了没有"
  { action: 'answerActionCheck', from: TICKET_STATUSES, to: 'same', relations: ['claimant'] },
];

export type TransitionCheck =
  | { allowed: true; to: TransitionTarget; guard?: Guard }
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
  return row.guard ? { allowed: true, to: row.to, guard: row.guard } : { allowed: true, to: row.to };
}

/** 把表里的到达状态落到具体状态：from 是出发状态，claimants 是做完之后的接单人数。 */
export function resolveTarget(to: TransitionTarget, from: TicketStatus, claimants: number): TicketStatus {
  if (to === 'same') return from;
  if (to === 'byClaimants') return claimants > 0 ? 'claimed' : 'pending';
  return to;
}

/**
 * 某身份在某状态下可以做的全部动作（页面据此只显示能点的按钮）。
 * 给了 guard 输入时，守卫不满足的动作（名额已满、已接过……）也不列出。
 */
export function allowedActions(status: TicketStatus, relations: readonly Relation[], guardInput?: GuardInput): TicketAction[] {
  return TICKET_ACTIONS.filter((a) =>
    relations.some((r) => {
      const c = checkTransition(a, status, r);
      return c.allowed && !(guardInput && c.guard?.(guardInput));
    }),
  );
}
