/**
 * 企业微信群机器人：向小组配置的 webhook 发一张"文本通知"模板卡片，点开直达小程序里的工单页。
 * 本地与云端同一实现（只是一次 HTTP POST，用 node:http(s) 直接发，才分得清请求有没有写出去）：
 * - 没连上、请求没写完就断了：确定没发出去，可重试，由发件箱按指数退避重发；
 * - 请求已经写出去、超时或连接断开没等到回答：结果未知（outcomeUnknown）——对方可能已经收到，
 *   发件箱推到很久以后再试，不会几十秒内同一张卡片发三遍；
 * - errcode 非 0：频率限制等可重试，地址或参数错误不可重试。
 */
import http from 'node:http';
import https from 'node:https';
import type { OutboxEntry } from '../../../shared/domain/model';
import type { ChannelSender } from '../../../shared/ports/services.port';
import type { DirectoryStore } from '../../../shared/ports/store.port';
import type { SendOutcome } from '../../../shared/usecases/deliver-outbox';

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

type PostResult = { status: number; text: string } | { error: string; written: boolean };

/** 企业微信的回答很短；再长的不读 */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** POST 一段 JSON，最多等 timeoutMs；written：请求是否已整个交给了操作系统（之后出的事，结果就未知了） */
export function postJson(url: string, body: string, timeoutMs: number): Promise<PostResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ error: '地址无效', written: false });
      return;
    }
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
    if (!client) {
      resolve({ error: `不支持的协议 ${target.protocol}`, written: false });
      return;
    }
    let written = false;
    let settled = false;
    const finish = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    // 每次新连接（agent: false）：复用的空闲连接可能已被对方关掉，请求写出去后才断，会被误当成结果未知
    const req = client.request(target, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
      });
      res.on('end', () => finish({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => finish({ error: e.message, written: true }));
      res.on('aborted', () => finish({ error: '回答中途断开', written: true }));
    });
    req.on('finish', () => {
      written = true;
    });
    req.on('error', (e) => finish({ error: e.message, written }));
    const timer = setTimeout(() => {
      finish({ error: `超过 ${timeoutMs} 毫秒没有回答`, written });
      req.destroy();
    }, timeoutMs);
    req.end(body);
  });
}

export class WecomWebhookSender implements ChannelSender {
  constructor(
    private readonly directory: Pick<DirectoryStore, 'getGroup'>,
    private readonly appid: string,
    private readonly timeoutMs = 5000,
  ) {}

  async send(entry: OutboxEntry): Promise<SendOutcome> {
    const groupId = entry.recipient.replace(/^group:/, '');
    const group = await this.directory.getGroup(groupId);
    if (!group?.webhookUrl) return { ok: false, error: '小组未配置企业微信群机器人', retryable: false };
    const res = await postJson(group.webhookUrl, JSON.stringify(wecomCard(entry, this.appid)), this.timeoutMs);
    if ('error' in res) {
      return res.written
        ? { ok: false, error: `已发出，未等到回答：${res.error}`, retryable: true, outcomeUnknown: true }
        : { ok: false, error: `网络错误：${res.error}`, retryable: true };
    }
    if (res.status < 200 || res.status >= 300) return { ok: false, error: `HTTP ${res.status}`, retryable: res.status >= 500 || res.status === 429 };
    let parsed: { errcode?: number; errmsg?: string } | null = null;
    try {
      parsed = JSON.parse(res.text) as { errcode?: number; errmsg?: string } | null;
    } catch {
      parsed = null;
    }
    if (!parsed || typeof parsed.errcode !== 'number') return { ok: false, error: '企业微信返回内容无法识别', retryable: true };
    if (parsed.errcode !== 0) return { ok: false, error: `企业微信错误 ${parsed.errcode}：${parsed.errmsg ?? ''}`, retryable: !PERMANENT_ERRCODES.has(parsed.errcode) };
    return { ok: true };
  }
}
