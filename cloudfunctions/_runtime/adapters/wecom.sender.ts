/**
 * 企业微信群机器人：向小组配置的 webhook 发一张"文本通知"模板卡片，点开直达小程序里的工单页。
 * 本地与云端同一实现（只是一次 HTTP POST）。errcode 非 0 或网络错误视为可重试，由发件箱退避重发。
 */
import type { OutboxEntry } from '../../../shared/domain/model';
import type { ChannelSender, DeliveryResult } from '../../../shared/ports/services.port';
import type { DirectoryStore } from '../../../shared/ports/store.port';

/** 频率限制等可重试；地址或参数错误不可重试 */
const PERMANENT_ERRCODES = new Set([93000, 40008, 40058, 44004]);

export interface WecomCard {
  msgtype: 'template_card';
  template_card: {
    card_type: 'text_notice';
    source: { desc: string };
    main_title: { title: string; desc?: string };
    sub_title_text: string;
    jump_list: Array<{ type: 2; appid: string; pagepath: string; title: string }>;
    card_action: { type: 2; appid: string; pagepath: string };
  };
}

export function wecomCard(entry: OutboxEntry, appid: string): WecomCard {
  const [title, ...rest] = entry.title.split(' · ');
  return {
    msgtype: 'template_card',
    template_card: {
      card_type: 'text_notice',
      source: { desc: '码上提' },
      main_title: { title: (title ?? entry.title).slice(0, 26), ...(rest.length ? { desc: rest.join(' · ').slice(0, 30) } : {}) },
      sub_title_text: entry.body.slice(0, 112),
      jump_list: [{ type: 2, appid, pagepath: entry.page, title: '打开工单' }],
      card_action: { type: 2, appid, pagepath: entry.page },
    },
  };
}

export class WecomWebhookSender implements ChannelSender {
  constructor(
    private readonly directory: Pick<DirectoryStore, 'getGroup'>,
    private readonly appid: string,
    private readonly timeoutMs = 5000,
  ) {}

  async send(entry: OutboxEntry): Promise<DeliveryResult> {
    const groupId = entry.recipient.replace(/^group:/, '');
    const group = await this.directory.getGroup(groupId);
    if (!group?.webhookUrl) return { ok: false, error: '小组未配置企业微信群机器人', retryable: false };
    let res: Response;
    try {
      res = await fetch(group.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(wecomCard(entry, this.appid)),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      return { ok: false, error: `网络错误：${e instanceof Error ? e.message : String(e)}`, retryable: true };
    }
    if (!res.ok) return { ok: false, error: `HTTP ${res.status}`, retryable: res.status >= 500 || res.status === 429 };
    const body = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    if (!body || body.errcode === undefined) return { ok: false, error: '企业微信返回内容无法识别', retryable: true };
    if (body.errcode !== 0) return { ok: false, error: `企业微信错误 ${body.errcode}：${body.errmsg ?? ''}`, retryable: !PERMANENT_ERRCODES.has(body.errcode) };
    return { ok: true };
  }
}
