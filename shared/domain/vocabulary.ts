/**
 * 领域里的封闭词表：三库、一级分类、紧急程度、范围。
 * 分类默认取 ../shared/data/teddy2020_taxonomy.jsonl 的 7 个一级分类；各县的差异以配置传入，不写进代码。
 */

export const LIBRARIES = ['problem', 'suggestion', 'case'] as const;
export type Library = (typeof LIBRARIES)[number];
export const LIBRARY_LABELS: Record<Library, string> = { problem: '问题库', suggestion: '建言库', case: '案例库' };

/** 居民提交时能选的只有问题和建议；案例库由办结归档产生。 */
export const REPORT_KINDS = ['problem', 'suggestion'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Record<ReportKind, string> = { problem: '反映问题', suggestion: '提出建议' };

export const CATEGORIES = ['城乡建设', '环境保护', '交通运输', '教育文体', '劳动和社会保障', '商贸旅游', '卫生计生'] as const;
export type Category = (typeof CATEGORIES)[number];

export const URGENCIES = ['urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = { urgent: '紧急', normal: '一般' };

/** group：群体利益，进入协商；individual：个人诉求，建议转办职能部门。 */
export const SCOPES = ['group', 'individual'] as const;
export type Scope = (typeof SCOPES)[number];
export const SCOPE_LABELS: Record<Scope, string> = { group: '群体诉求', individual: '个人诉求' };

export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

/** 不满意时一点即选的原因（可多选，另可写一句话）；召集人在"重新办理"前看到的就是这些。 */
export const DISSATISFACTION_REASONS = ['unsolved', 'partly', 'slow', 'attitude', 'noContact'] as const;
export type DissatisfactionReason = (typeof DISSATISFACTION_REASONS)[number];
export const DISSATISFACTION_REASON_LABELS: Record<DissatisfactionReason, string> = {
  unsolved: '问题没解决',
  partly: '只解决了一部分',
  slow: '办得太慢',
  attitude: '态度不好',
  noContact: '没人联系我',
};

/** 身份角色（绑定决定，按小组划分）；居民不需绑定。 */
export const ROLES = ['resident', 'member', 'convener', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { resident: '居民', member: '委员', convener: '召集人', admin: '管理员' };

/** 通知事件：发件箱、站内消息、订阅消息模板的对应关系都按它。 */
export const NOTIFICATION_EVENTS = [
  'ticket.submitted',
  'ticket.urgent',
  'ticket.claimed',
  'ticket.assigned',
  'ticket.progress',
  'ticket.consulted',
  'ticket.proposed',
  'ticket.returned',
  'ticket.closed',
  'ticket.merged',
  'ticket.referred',
  'ticket.rejected',
  'ticket.reopened',
  'ticket.unsatisfied',
  'ticket.released',
  'ticket.dueToday',
  'ticket.overdue',
  'ticket.escalated',
  'ticket.deadlineExtended',
  'ticket.followUp',
  'ticket.rebounded',
  'ticket.actionCheck',
  'ticket.actionsNotDone',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export const NOTIFICATION_EVENT_LABELS: Record<NotificationEvent, string> = {
  'ticket.submitted': '新反映',
  'ticket.urgent': '紧急反映',
  'ticket.claimed': '委员已接单',
  'ticket.assigned': '召集人分单',
  'ticket.progress': '办理进展',
  'ticket.consulted': '协商结果',
  'ticket.proposed': '待办结',
  'ticket.returned': '退回继续办理',
  'ticket.closed': '已办结',
  'ticket.merged': '合并办理',
  'ticket.referred': '已转办',
  'ticket.rejected': '不予受理',
  'ticket.reopened': '重新办理',
  'ticket.unsatisfied': '居民不满意',
  'ticket.released': '需要重新分单',
  'ticket.dueToday': '今天到期',
  'ticket.overdue': '已过期未办',
  'ticket.escalated': '督办：过期未办',
  'ticket.deadlineExtended': '办结期限延后',
  'ticket.followUp': '回头看',
  'ticket.rebounded': '问题反弹',
  'ticket.actionCheck': '回头督',
  'ticket.actionsNotDone': '商定的事未落实',
};

/** 工单的结局：办结、转办、不予受理、合并。 */
export const OUTCOME_KINDS = ['closed', 'referred', 'rejected', 'merged'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];
export const OUTCOME_LABELS: Record<OutcomeKind, string> = { closed: '办结', referred: '转办', rejected: '不予受理', merged: '合并' };

/** 回头看问"问题有没有反弹？"的两个答案 */
export const REBOUND_ANSWERS = ['rebounded', 'notRebounded'] as const;
export type ReboundAnswer = (typeof REBOUND_ANSWERS)[number];
export const REBOUND_LABELS: Record<ReboundAnswer, string> = { rebounded: '反弹了', notRebounded: '没有反弹' };
