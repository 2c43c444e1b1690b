/**
 * 订阅消息渠道和内容安全检查，直接对着 cloud.openapi 的替身（核对调用形状、按 { errCode, errMsg } 抛错）：
 * 发送的参数逐字段与文档一致；额度一条一发；各种错误是否重试、是否退还额度；字段按类型裁剪；
 * msgSecCheck 第 2 版的参数、长文本分段、没有 openid 时不放行。
 */
import type { OutboxEntry } from '../../shared/domain/model';
import { MsgSecCheckContentChecker } from '../../cloudfunctions/_runtime/adapters/content.wechat';
import { fieldValue, formatShanghaiTime, parseSubscribeTemplates, SubscribeMessageSender } from '../../cloudfunctions/_runtime/adapters/subscribe.wechat';
import { OpenApiDouble, WxOpenApiError } from '../contract/openapi.double';

const TPL = 'tpl-progress-000000001';
const templates = parseSubscribeTemplates(JSON.stringify([{ templateId: TPL, events: ['ticket.claimed', 'ticket.closed'], data: { character_string1: 'ticketNo', thing2: 'body', phrase3: 'event', time4: 'createdAt', thing5: '=码上提' } }]));

const entry = (extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id: 'o-1',
  ticketId: 'mhx2k9abcd',
  recipient: 'openid:o-resident-1',
  channel: 'subscribe',
  event: 'ticket.claimed',
  title: '委员已接单 · 261120-K7M2Q',
  body: '李建国委员接下了您反映的"小区出行道路被电线杆挡住，车辆进出困难"，会尽快与您联系。',
  page: 'pages/ticket/index?id=mhx2k9abcd',
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-11-20T02:00:00.000Z',
  lastError: null,
  createdAt: '2026-11-20T02:05:00.000Z',
  sentAt: null,
  ...extra,
});

/** 订阅额度的最小替身：openid|模板 → 剩余条数 */
function quota(initial: Record<string, number> = {}) {
  const left = new Map(Object.entries(initial));
  return {
    left,
    async consumeSubscription(openid: string, templateId: string) {
      const k = `${openid}|${templateId}`;
      const n = left.get(k) ?? 0;
      if (n <= 0) return false;
      left.set(k, n - 1);
      return true;
    },
    async grantSubscriptions(openid: string, ids: string[]) {
      for (const id of ids) left.set(`${openid}|${id}`, (left.get(`${openid}|${id}`) ?? 0) + 1);
    },
  };
}

describe('订阅消息渠道', () => {
  test('有额度：按文档的形状发一条，点开工单页，字段按类型裁好；额度减一', async () => {
    const api = new OpenApiDouble();
    const q = quota({ [`o-resident-1|${TPL}`]: 1 });
    const sender = new SubscribeMessageSender(api.api, q, templates, { miniprogramState: 'trial' });
    expect(await sender.send(entry())).toEqual({ ok: true });
    expect(api.callsOf('subscribeMessage.send')).toEqual([
      {
        touser: 'o-resident-1',
        templateId: TPL,
        page: 'pages/ticket/index?id=mhx2k9abcd',
        data: {
          character_string1: { value: '261120-K7M2Q' },
          thing2: { value: '李建国委员接下了您反映的"小区出行道路…' },
          phrase3: { value: '已接单' },
          time4: { value: '2026年11月20日 10:05' },
          thing5: { value: '码上提' },
        },
        miniprogramState: 'trial',
        lang: 'zh_CN',
      },
    ]);
    expect(api.shapeErrors).toEqual([]);
    expect(q.left.get(`o-resident-1|${TPL}`)).toBe(0);
  });

  test('没额度、没配模板、收件人不是个人：不调用接口，标为此渠道不可达（不重试）', async () => {
    const api = new OpenApiDouble();
    const sender = new SubscribeMessageSender(api.api, quota(), templates, { miniprogramState: 'formal' });
    expect(await sender.send(entry())).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/没有剩余/) });
    expect(await sender.send(entry({ event: 'ticket.merged' }))).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/没有配置订阅消息模板/) });
    expect(await sender.send(entry({ recipient: 'group:g-1' }))).toMatchObject({ ok: false, retryable: false });
    expect(api.calls).toEqual([]);
  });

  test.each([
    [-1, true, true, '系统繁忙：重试，退还额度'],
    [45009, true, true, '频率限制：重试，退还额度'],
    [43101, false, false, '用户拒收 / 额度已用完：不重试，不退'],
    [47003, false, true, '参数不对：不重试，退还额度'],
    [40003, false, true, 'openid 无效：不重试，退还额度'],
  ])('错误 %d → retryable=%s，退还额度=%s（%s）', async (errCode, retryable, refunded) => {
    const api = new OpenApiDouble();
    api.subscribeResult = () => new WxOpenApiError(errCode, `openapi.subscribeMessage.send:fail ${errCode}`);
    const q = quota({ [`o-resident-1|${TPL}`]: 1 });
    const r = await new SubscribeMessageSender(api.api, q, templates, { miniprogramState: 'formal' }).send(entry());
    expect(r).toMatchObject({ ok: false, retryable, error: expect.stringContaining(String(errCode)) });
    expect(q.left.get(`o-resident-1|${TPL}`)).toBe(refunded ? 1 : 0);
  });

  test('字段类型：thing ≤ 20 字，phrase 只留汉字 ≤ 5，character_string 只留字母数字，time 用北京时间', () => {
    const e = entry();
    expect([...fieldValue('thing1', 'a'.repeat(30), e)]).toHaveLength(20);
    expect(fieldValue('phrase2', 'OK 已办结了吗', e)).toBe('已办结了吗');
    expect(fieldValue('character_string3', '编号 261120-K7M2Q', e)).toBe('261120-K7M2Q');
    expect(fieldValue('time4', '2026-12-31T16:30:00.000Z', e)).toBe('2027年1月1日 00:30');
    expect(fieldValue('date5', '2026-12-31T16:30:00.000Z', e)).toBe('2027年1月1日');
    expect(formatShanghaiTime('2026-11-20T02:05:00.000Z')).toBe('2026年11月20日 10:05');
  });
});

describe('内容安全 msgSecCheck', () => {
  test('参数与文档一致：version 2、调用人 openid、场景、原文', async () => {
    const api = new OpenApiDouble();
    expect(await new MsgSecCheckContentChecker(api.api).checkText('  楼道灯坏了  ', 'o-user')).toEqual({ pass: true });
    expect(api.callsOf('security.msgSecCheck')).toEqual([{ version: 2, openid: 'o-user', scene: 3, content: '楼道灯坏了' }]);
  });

  test('超过 2500 字分段检查，任何一段 risky 就不通过', async () => {
    const api = new OpenApiDouble();
    let n = 0;
    api.msgSecCheckResult = () => ({ errCode: 0, errMsg: 'ok', result: { suggest: ++n === 2 ? 'risky' : 'pass', label: 100 } });
    const r = await new MsgSecCheckContentChecker(api.api).checkText('字'.repeat(3000), 'o-user');
    expect(r.pass).toBe(false);
    expect((api.callsOf('security.msgSecCheck') as Array<{ content: string }>).map((c) => c.content.length)).toEqual([2500, 500]);
    expect(api.shapeErrors).toEqual([]);
  });

  test('没有 openid 不检查也不放行；接口抛 { errCode, errMsg } 时抛出（由处理层返回系统繁忙）；看不懂的结果也抛出', async () => {
    const api = new OpenApiDouble();
    const checker = new MsgSecCheckContentChecker(api.api);
    expect((await checker.checkText('你好', null)).pass).toBe(false);
    expect(api.calls).toEqual([]);
    api.msgSecCheckResult = () => new WxOpenApiError(-604101, 'system error: error code: -604101');
    await expect(checker.checkText('你好', 'o-user')).rejects.toThrow(/-604101/);
    api.msgSecCheckResult = () => ({ errCode: 0, errMsg: 'ok' });
    await expect(checker.checkText('你好', 'o-user')).rejects.toThrow(/无法识别/);
  });
});
