/**
 * 订阅消息渠道：cloud.openapi.subscribeMessage.send，点开直达工单页（发件箱条目里的 page，带 ?id=）。
 * 一次性订阅一次只能发一条：发之前先条件扣减这个人这个模板的剩余条数（store.consumeSubscription），
 * 扣不到就不发，把这条标为"此渠道不可达"（不重试）——站内消息那一份总是有的。
 * 发送失败而微信并没有用掉这次授权时（参数错、系统繁忙……）把额度还回去；43101（用户拒收/额度已用完）不还。
 *
 * 事件 → 模板：各县在小程序后台选用的模板不同，字段名（thing1、time2……）也不同，所以由环境变量配置，
 * 见 parseSubscribeTemplates 和 docs/deploy.md。
 */
import { shanghaiWallTime } from '../../../shared/domain/calendar';
import { NOTIFICATION_EVENTS, type NotificationEvent } from '../../../shared/domain/vocabulary';
import * as z from 'zod/mini';
import { lazySchema } from '../../../shared/domain/lazy-schema';
import type { OutboxEntry } from '../../../shared/domain/model';
import type { ChannelSender, DeliveryResult } from '../../../shared/ports/services.port';
import type { SubscriptionStore } from '../../../shared/ports/store.port';
import { asOpenApiError, type OpenApi, type WeappState } from './openapi.wechat';

/** 模板字段的取值来源：发件箱条目的字段，或 "=固定文字" */
export const FIELD_SOURCES = ['title', 'body', 'event', 'createdAt', 'ticketNo'] as const;

const FieldSource = lazySchema(() => z.union([z.enum(FIELD_SOURCES), z.string().check(z.startsWith('='))]));

export const SubscribeTemplateSchema = lazySchema(() => z.object({
  templateId: z.string().check(z.minLength(10), z.maxLength(64)),
  /** 用这个模板发的事件，如 ticket.claimed、ticket.closed */
  events: z.array(z.enum(NOTIFICATION_EVENTS)).check(z.minLength(1)),
  /** 模板字段名（thing1、time2、phrase3、character_string4……）→ 取值来源 */
  data: z.record(z.string().check(z.regex(/^[a-z_]+\d+$/)), FieldSource),
}));
export type SubscribeTemplate = z.infer<typeof SubscribeTemplateSchema>;

/** SUBSCRIBE_TEMPLATES 环境变量：JSON 数组；同一事件只能配给一个模板 */
export function parseSubscribeTemplates(raw: string | undefined): SubscribeTemplate[] {
  if (!raw || !raw.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new Error('SUBSCRIBE_TEMPLATES 不是合法的 JSON（应为数组，见 docs/deploy.md）');
  }
  const parsed = z.array(SubscribeTemplateSchema).safeParse(json);
  if (!parsed.success) throw new Error(`SUBSCRIBE_TEMPLATES 不正确：${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const seen = new Map<string, string>();
  for (const t of parsed.data) {
    for (const e of t.events) {
      if (seen.has(e)) throw new Error(`SUBSCRIBE_TEMPLATES：事件 ${e} 同时配给了 ${seen.get(e)} 和 ${t.templateId}`);
      seen.set(e, t.templateId);
    }
  }
  return parsed.data;
}

/** 订阅消息里的短语（phrase 字段最多 5 个汉字） */
export const EVENT_PHRASES: Record<NotificationEvent, string> = {
  'ticket.submitted': '新反映',
  'ticket.urgent': '紧急反映',
  'ticket.claimed': '已接单',
  'ticket.assigned': '已分派',
  'ticket.progress': '有新进展',
  'ticket.consulted': '已协商',
  'ticket.proposed': '待办结',
  'ticket.returned': '已退回',
  'ticket.closed': '已办结',
  'ticket.referred': '已转办',
  'ticket.rejected': '不予受理',
  'ticket.merged': '已合并',
  'ticket.reopened': '重新办理',
  'ticket.unsatisfied': '不满意',
  'ticket.released': '重新分单',
  'ticket.dueToday': '今天到期',
  'ticket.overdue': '已过期',
  'ticket.escalated': '督办',
  'ticket.deadlineExtended': '期限延后',
  'ticket.followUp': '回头看',
  'ticket.rebounded': '问题反弹',
  'ticket.actionCheck': '回头督',
  'ticket.actionsNotDone': '未落实',
};

/** 2026年11月20日 10:05（北京时间）。时区换算用领域里的那一个（用到时才建格式器，不算进冷启动） */
export function formatShanghaiTime(isoTime: string, withTime = true): string {
  const { date, time } = shanghaiWallTime(isoTime);
  const day = `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
  return withTime ? `${day} ${time}` : day;
}

function truncate(s: string, max: number): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** 按字段类型（字段名的前缀）把值裁成微信接受的样子；类型规则见订阅消息文档的"参数类型" */
export function fieldValue(key: string, raw: string, entry: OutboxEntry): string {
  const type = key.replace(/\d+$/, '');
  switch (type) {
    case 'thing':
      return truncate(raw, 20) || '—';
    case 'short_thing':
    case 'phrase':
      return truncate(raw.replace(/[^\u4e00-\u9fa5]/g, ''), 5) || '通知';
    case 'name':
      return truncate(raw, 10) || '—';
    case 'time':
      return formatShanghaiTime(Number.isNaN(Date.parse(raw)) ? entry.createdAt : raw);
    case 'date':
      return formatShanghaiTime(Number.isNaN(Date.parse(raw)) ? entry.createdAt : raw, false);
    case 'character_string':
      return raw.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32) || '0';
    case 'number':
      return raw.replace(/[^0-9.]/g, '').slice(0, 32) || '0';
    default:
      return truncate(raw, 20);
  }
}

function sourceValue(source: string, entry: OutboxEntry): string {
  if (source.startsWith('=')) return source.slice(1);
  switch (source) {
    case 'title':
      return entry.title;
    case 'body':
      return entry.body;
    case 'event':
      return EVENT_PHRASES[entry.event] ?? '工单通知';
    case 'createdAt':
      return entry.createdAt;
    case 'ticketNo': {
      // 标题里的工单编号（"委员已接单 · 261120-K7M2Q"，见 shared/domain/ticket-number.ts），没有就用工单 id
      const m = /\b\d{6}-[0-9A-Z]{5}\b/.exec(entry.title);
      return m ? m[0] : entry.ticketId;
    }
    default:
      return '';
  }
}

export function templateData(template: SubscribeTemplate, entry: OutboxEntry): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(template.data).map(([key, source]) => [key, { value: fieldValue(key, sourceValue(source, entry), entry) }]));
}

/** 不重试的错误：用户拒收或额度用完、openid 无效、模板或参数不对、页面不存在 */
const PERMANENT = new Set([43101, 40003, 40037, 47003, 41030, 43107]);
/** 这些错误说明微信没有用掉这次授权，额度还回去 */
const QUOTA_UNUSED = (errCode: number) => errCode !== 43101;

export interface SubscribeSenderOptions {
  miniprogramState: WeappState;
}

export class SubscribeMessageSender implements ChannelSender {
  private readonly byEvent: Map<string, SubscribeTemplate>;

  constructor(
    private readonly api: Pick<OpenApi, 'subscribeMessage'>,
    private readonly store: Pick<SubscriptionStore, 'consumeSubscription' | 'grantSubscriptions'>,
    templates: SubscribeTemplate[],
    private readonly options: SubscribeSenderOptions,
  ) {
    this.byEvent = new Map(templates.flatMap((t) => t.events.map((e) => [e, t] as const)));
  }

  async send(entry: OutboxEntry): Promise<DeliveryResult> {
    if (!entry.recipient.startsWith('openid:')) return { ok: false, error: `订阅消息只能发给个人（收件人 ${entry.recipient}）`, retryable: false };
    const openid = entry.recipient.slice('openid:'.length);
    const template = this.byEvent.get(entry.event);
    if (!template) return { ok: false, error: `事件 ${entry.event} 没有配置订阅消息模板（站内消息已送达）`, retryable: false };
    if (!(await this.store.consumeSubscription(openid, template.templateId))) {
      return { ok: false, error: '对方没有剩余的订阅消息次数（站内消息已送达）', retryable: false };
    }
    try {
      await this.api.subscribeMessage.send({
        touser: openid,
        templateId: template.templateId,
        page: entry.page,
        data: templateData(template, entry),
        miniprogramState: this.options.miniprogramState,
        lang: 'zh_CN',
      });
      return { ok: true };
    } catch (e) {
      const err = asOpenApiError(e);
      if (QUOTA_UNUSED(err.errCode)) await this.store.grantSubscriptions(openid, [template.templateId]);
      return { ok: false, error: `订阅消息发送失败 ${err.errCode}：${err.errMsg}`, retryable: !PERMANENT.has(err.errCode) };
    }
  }
}
