/**
 * 云函数入口（cloudfunctions/<名字>/index.ts 的 createMain）在 CloudBase 适配器上整条跑通，不连云：
 * 数据库用进程内替身（真实 SDK 客户端），cloud.openapi 与云存储用替身，替身逐个核对调用形状。
 * 证明：身份只来自 getWXContext（不来自 event）；文本过 msgSecCheck v2、看 result.suggest；
 * 照片送 mediaCheckAsync、结果推送前不显示；订阅消息按额度发、点开是工单页、额度用完回落到站内消息；
 * cron 退避重试并记下每次尝试、两个实例不会重复发；小程序码存进云存储；
 * 每个函数实际调用的接口都在它的 config.json 里。
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedDemoCounty } from '../../cloudfunctions/_runtime/demo-county';
import type { CloudEnv, CloudMain, CloudPlatform } from '../../cloudfunctions/_runtime/platform.cloudbase';
import type { CloudbaseDatabase } from '../../cloudfunctions/_runtime/adapters/db.cloudbase';
import { createCloudbaseStore, type CloudbaseStore } from '../../cloudfunctions/_runtime/adapters/store.cloudbase';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import { parseSubscribeTemplates } from '../../cloudfunctions/_runtime/adapters/subscribe.wechat';
import type { Envelope } from '../../shared/api/envelope';
import type { Deps } from '../../shared/usecases/context';
import { CloudbaseDbService, createDoubleDatabase } from '../contract/cloudbase-db.double';
import { OpenApiDouble, StorageDouble, WxOpenApiError } from '../contract/openapi.double';
import { TestClock } from './harness';

// 入口源文件与构建出的 index.js 同名：写明 .ts，测的是源码而不是上一次的构建产物
/* eslint-disable @typescript-eslint/no-require-imports */
const cron: typeof import('../../cloudfunctions/cron/index') = require('../../cloudfunctions/cron/index.ts');
const intake: typeof import('../../cloudfunctions/intake/index') = require('../../cloudfunctions/intake/index.ts');
const mediacheck: typeof import('../../cloudfunctions/mediacheck/index') = require('../../cloudfunctions/mediacheck/index.ts');
const stationcode: typeof import('../../cloudfunctions/stationcode/index') = require('../../cloudfunctions/stationcode/index.ts');
const work: typeof import('../../cloudfunctions/work/index') = require('../../cloudfunctions/work/index.ts');
/* eslint-enable @typescript-eslint/no-require-imports */

const TPL_CLAIMED = 'tpl-claimed-0000000001';
const TPL_NEW = 'tpl-newreport-000000002';
const TEMPLATES = JSON.stringify([
  { templateId: TPL_NEW, events: ['ticket.submitted', 'ticket.urgent'], data: { thing1: 'body', time2: 'createdAt', phrase3: 'event' } },
  { templateId: TPL_CLAIMED, events: ['ticket.claimed', 'ticket.progress', 'ticket.closed'], data: { character_string1: 'ticketNo', thing2: 'body', phrase3: 'event', time4: 'createdAt' } },
]);

function env(extra: Partial<CloudEnv> = {}): CloudEnv {
  const base = { WEAPP_APPID: 'wx0123456789abcdef', WEAPP_STATE: 'formal' as const, SUBSCRIBE_TEMPLATES: TEMPLATES, CONTENT_REVIEW: 'allow' as const, MEDIA_CHECK: 'async' as const };
  const merged = { ...base, ...extra };
  return { ...merged, templates: parseSubscribeTemplates(merged.SUBSCRIBE_TEMPLATES) };
}

interface World {
  service: CloudbaseDbService;
  store: CloudbaseStore;
  openapi: OpenApiDouble;
  storage: StorageDouble;
  clock: TestClock;
  errors: string[];
  as(openid: string | null): void;
  platform: CloudPlatform;
  fns: { intake: CloudMain; work: CloudMain; cron: CloudMain; stationcode: CloudMain; mediacheck: CloudMain };
  call<T = any>(fn: 'intake' | 'work' | 'stationcode', openid: string | null, action: string, payload?: Record<string, unknown>): Promise<Envelope<T>>;
  runCron(): Promise<Envelope<any>>;
}

async function world(envOverrides: Partial<CloudEnv> = {}): Promise<World> {
  const service = new CloudbaseDbService(ALL_COLLECTIONS.map((c) => c.name));
  const db = createDoubleDatabase(service);
  const openapi = new OpenApiDouble();
  const storage = new StorageDouble();
  const clock = new TestClock();
  const errors: string[] = [];
  let current: string | null = null;
  let contextReads = 0;
  let cronRuns = 0;
  const platform: CloudPlatform = {
    wx: {
      init() {},
      DYNAMIC_CURRENT_ENV: Symbol('current'),
      getWXContext: () => {
        contextReads++;
        return current ? { OPENID: current, APPID: 'wx0123456789abcdef', SOURCE: 'wx_client' } : {};
      },
      openapi: openapi.api,
    },
    app: { database: () => db, getTempFileURL: (o) => storage.getTempFileURL(o), uploadFile: (o) => storage.uploadFile(o) },
  };
  const infos: string[] = [];
  const options = { clock, env: env(envOverrides), info: (m: string) => infos.push(m), logger: { error: (m: string, c: Record<string, unknown>) => errors.push(`${m} ${String(c.error).split('\n')[0]}`) } };
  const fns = {
    intake: intake.createMain(platform, options),
    work: work.createMain(platform, options),
    cron: cron.createMain(platform, options),
    stationcode: stationcode.createMain(platform, options),
    mediacheck: mediacheck.createMain(platform.app, { clock, log: (line) => infos.push(String(line.message)) }),
  };
  const store = createCloudbaseStore(db as CloudbaseDatabase);
  await seedDemoCounty({ store } as unknown as Deps, { tickets: false });
  expect(contextReads).toBe(0);
  const w: World = {
    service,
    store,
    openapi,
    storage,
    clock,
    errors,
    platform,
    fns,
    as: (openid) => {
      current = openid;
    },
    async call(fn, openid, action, payload = {}) {
      current = openid;
      return (await fns[fn]({ action, ...payload }, { request_id: `req-${action}` })) as Envelope<any>;
    },
    async runCron() {
      current = null;
      return (await fns.cron({ Type: 'Timer', TriggerName: 'deliver-outbox', Time: clock.now().toISOString() }, { request_id: `cron-${clock.now().getTime()}-${++cronRuns}` })) as Envelope<any>;
    },
  };
  return w;
}

function must<T>(r: Envelope<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}`);
  return r.data;
}

let seq = 0;
const submit = (w: World, openid: string, text: string, extra: Record<string, unknown> = {}) =>
  w.call<{ ticketId: string }>('intake', openid, 'submitReport', { stationId: 'demo-station-1', text, clientRequestId: `cf-request-${++seq}`, ...extra });

describe('身份只来自平台', () => {
  test('没有 OPENID 的调用得到 AUTH.NO_IDENTITY；event 里伪造的 openid / userInfo 不起作用', async () => {
    const w = await world();
    const r = await w.call('intake', null, 'myReports', { openid: 'demo-resident-1', userInfo: { openId: 'demo-resident-1' } });
    expect(!r.ok && r.error.code).toBe('AUTH.NO_IDENTITY');
    const id = must(await submit(w, 'wx-real-resident', '小区门口的路灯坏了两个星期，晚上很黑。', { openid: 'wx-forged', userInfo: { openId: 'wx-forged' } })).ticketId;
    expect((await w.store.getTicket(id))?.residentOpenid).toBe('wx-real-resident');
    expect(must(await w.call<{ items: unknown[] }>('intake', 'wx-forged', 'myReports')).items).toEqual([]);
  });
});

describe('内容安全：msgSecCheck 第 2 版', () => {
  test('提交的文本以调用人的 openid 送检，调用形状与文档一致', async () => {
    const w = await world();
    must(await submit(w, 'wx-res-a', '菜市场门口占道经营，电动车过不去。'));
    expect(w.openapi.callsOf('security.msgSecCheck')).toEqual([{ version: 2, openid: 'wx-res-a', scene: 3, content: '菜市场门口占道经营，电动车过不去。' }]);
    expect(w.openapi.shapeErrors).toEqual([]);
  });

  test('risky 拦下（REPORT.CONTENT_BLOCKED），review 默认放行、设为 block 时拦下', async () => {
    const w = await world();
    w.openapi.msgSecCheckResult = () => ({ errCode: 0, errMsg: 'ok', result: { suggest: 'risky', label: 20001 } });
    const blocked = await submit(w, 'wx-res-b', '一段被判为有风险的文字');
    expect(!blocked.ok && blocked.error.code).toBe('REPORT.CONTENT_BLOCKED');
    w.openapi.msgSecCheckResult = () => ({ errCode: 0, errMsg: 'ok', result: { suggest: 'review', label: 21000 } });
    expect((await submit(w, 'wx-res-b', '一段需要人工复核的文字，小区停车难。')).ok).toBe(true);

    const strict = await world({ CONTENT_REVIEW: 'block' });
    strict.openapi.msgSecCheckResult = () => ({ errCode: 0, errMsg: 'ok', result: { suggest: 'review', label: 21000 } });
    const r = await submit(strict, 'wx-res-b', '一段需要人工复核的文字，小区停车难。');
    expect(!r.ok && r.error.code).toBe('REPORT.CONTENT_BLOCKED');
  });

  test('接口出错（抛 { errCode, errMsg }）时不放行：返回 SYSTEM.UNAVAILABLE 并记日志', async () => {
    const w = await world();
    w.openapi.msgSecCheckResult = () => new WxOpenApiError(-604101, 'openapi.security.msgSecCheck:fail system error: error code: -604101');
    const r = await submit(w, 'wx-res-c', '楼下化粪池满溢好几天了。');
    expect(!r.ok && r.error.code).toBe('SYSTEM.UNAVAILABLE');
    expect(w.errors.join('\n')).toMatch(/-604101/);
    expect(await w.store.listTickets({ involvingResident: 'wx-res-c' })).toEqual({ items: [], nextCursor: null });
  });
});

describe('照片：云存储 fileID + mediaCheckAsync', () => {
  test('照片送检；结果推送到 mediacheck 之前谁都看不到地址，pass 之后提交人看得到，risky 一直看不到', async () => {
    const w = await world();
    const ok1 = w.storage.put('reports/2026-11-20/aaa111.jpg');
    const bad = w.storage.put('reports/2026-11-20/bbb222.jpg');
    const id = must(await submit(w, 'wx-photo', '井盖丢了，很危险，附照片。', { photos: [ok1, bad] })).ticketId;
    const checks = w.openapi.callsOf('security.mediaCheckAsync') as Array<{ mediaUrl: string; openid: string }>;
    expect(checks).toHaveLength(2);
    expect(checks.every((c) => c.openid === 'wx-photo' && c.mediaUrl.startsWith('https://'))).toBe(true);
    expect(w.openapi.shapeErrors).toEqual([]);

    const view = async () => must(await w.call<{ photos: Array<{ fileId: string; url: string }> }>('intake', 'wx-photo', 'getTicket', { ticketId: id })).photos;
    expect((await view()).map((p) => p.url)).toEqual(['', '']);

    const media = w.service.peek('media');
    const traceOf = (fileId: string) => String(media.find((m) => m.fileId === fileId)!.traceId);
    const push = (traceId: string, suggest: string) => w.fns.mediacheck({ ToUserName: 'gh_x', FromUserName: 'o_x', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', appid: 'wx0123456789abcdef', trace_id: traceId, version: 2, result: { suggest, label: suggest === 'pass' ? 100 : 20002 }, detail: [] });
    expect(await push(traceOf(ok1), 'pass')).toBe('success');
    expect(await push(traceOf(bad), 'risky')).toBe('success');
    // 伪造的、重复的推送什么也不改
    await push('trace-unknown', 'pass');
    await push(traceOf(bad), 'pass');
    const shown = await view();
    expect(shown[0]!.url).toMatch(/^https:\/\//);
    expect(shown[1]!.url).toBe('');
  });

  test('不是 reports/ 下的、不存在的 fileID 一律 REPORT.PHOTO_INVALID', async () => {
    const w = await world();
    const elsewhere = w.storage.put('station-codes/demo-station-1.png');
    for (const fileId of [elsewhere, 'cloud://double-env.6d61-double-env-1300000000/reports/2026-11-20/missing.jpg', 'https://example.com/a.jpg']) {
      const r = await submit(w, 'wx-photo-2', '路面塌陷了一个坑。', { photos: [fileId] });
      expect(!r.ok && r.error.code).toBe('REPORT.PHOTO_INVALID');
    }
  });

  test('MEDIA_CHECK=off：不送检，照片直接给地址', async () => {
    const w = await world({ MEDIA_CHECK: 'off' });
    const f = w.storage.put('reports/2026-11-20/ccc333.jpg');
    const id = must(await submit(w, 'wx-photo-3', '公园的健身器材坏了。', { photos: [f] })).ticketId;
    expect(w.openapi.callsOf('security.mediaCheckAsync')).toEqual([]);
    const t = must(await w.call<{ photos: Array<{ url: string }> }>('intake', 'wx-photo-3', 'getTicket', { ticketId: id }));
    expect(t.photos[0]!.url).toMatch(/^https:\/\//);
  });
});

describe('订阅消息与 cron 投递', () => {
  test('有额度就发（点开工单页），没额度的回落到站内消息；发出的每个字段都合规', async () => {
    const w = await world();
    // 李建国接受过一次"新反映"订阅，王秀英没有
    must(await w.call('intake', 'demo-member-1', 'recordSubscription', { templateIds: [TPL_NEW], accepted: [TPL_NEW] }));
    const id = must(await submit(w, 'wx-res-d', '5栋门口的路灯坏了一个多月，晚上老人出门看不见路。')).ticketId;
    const report = must(await w.runCron());
    expect(report.rounds).toBeGreaterThanOrEqual(1);

    const sends = w.openapi.callsOf('subscribeMessage.send') as Array<Record<string, any>>;
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ touser: 'demo-member-1', templateId: TPL_NEW, page: `packages/work/ticket/index?id=${id}`, miniprogramState: 'formal' });
    expect(Object.keys(sends[0]!.data).sort()).toEqual(['phrase3', 'thing1', 'time2']);
    expect(sends[0]!.data.phrase3.value).toBe('新反映');
    expect(sends[0]!.data.time2.value).toBe('2026年11月20日 10:00');
    expect(w.openapi.shapeErrors).toEqual([]);

    // 王秀英：订阅渠道标为失败（不重试），站内消息照样有
    const outbox = w.service.peek('outbox');
    const wang = outbox.find((e) => e.recipient === 'openid:demo-member-2' && e.channel === 'subscribe')!;
    expect(wang).toMatchObject({ status: 'failed', attempts: 1 });
    expect(String(wang.lastError)).toMatch(/没有剩余的订阅消息次数/);
    const msgs = must(await w.call<{ items: Array<{ ticketId: string; page: string }> }>('work', 'demo-member-2', 'myMessages'));
    expect(msgs.items.map((m) => m.ticketId)).toContain(id);
    expect(must(await w.call<{ items: Array<{ page: string }> }>('work', 'demo-member-1', 'myMessages')).items[0]!.page).toBe(`packages/work/ticket/index?id=${id}`);
    expect(await w.store.subscriptionBalance('demo-member-1')).toEqual({ [TPL_NEW]: 0 });
  });

  test('微信系统繁忙：退避重试、额度退回、每次尝试都记下；43101（用户拒收）不退额度、不重试', async () => {
    const w = await world();
    must(await w.call('intake', 'demo-member-1', 'recordSubscription', { templateIds: [TPL_NEW], accepted: [TPL_NEW] }));
    must(await w.call('intake', 'demo-member-3', 'recordSubscription', { templateIds: [TPL_NEW], accepted: [TPL_NEW] }));
    w.openapi.subscribeResult = (p) => (p.touser === 'demo-member-1' ? new WxOpenApiError(-1, 'system error') : new WxOpenApiError(43101, 'user refuse to accept the msg'));
    must(await submit(w, 'wx-res-e', '小区广场舞音响太吵，晚上十点还在放。'));
    must(await w.runCron());
    const entry = (who: string) => w.service.peek('outbox').find((e) => e.recipient === `openid:${who}` && e.channel === 'subscribe')!;
    expect(entry('demo-member-1')).toMatchObject({ status: 'pending', attempts: 1 });
    expect(String(entry('demo-member-1').lastError)).toMatch(/-1/);
    expect(Date.parse(String(entry('demo-member-1').nextAttemptAt))).toBeGreaterThan(w.clock.now().getTime());
    expect(entry('demo-member-3')).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await w.store.subscriptionBalance('demo-member-1')).toEqual({ [TPL_NEW]: 1 });
    expect(await w.store.subscriptionBalance('demo-member-3')).toEqual({ [TPL_NEW]: 0 });

    // 排期未到不重发；到了再发，这次成功
    must(await w.runCron());
    expect(w.openapi.callsOf('subscribeMessage.send')).toHaveLength(2);
    w.openapi.subscribeResult = () => ({ errCode: 0, errMsg: 'ok' });
    w.clock.advance(10 * 60_000);
    must(await w.runCron());
    expect(entry('demo-member-1')).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  test('两个 cron 同时触发：只有一个在投递，没有重复发送；小程序端调用 cron 被拒绝', async () => {
    const w = await world();
    must(await w.call('intake', 'demo-member-1', 'recordSubscription', { templateIds: [TPL_NEW], accepted: [TPL_NEW, TPL_NEW] }));
    must(await w.call('intake', 'demo-member-1', 'recordSubscription', { templateIds: [TPL_NEW], accepted: [TPL_NEW] }));
    must(await submit(w, 'wx-res-f', '老旧小区加装电梯，希望委员们一起推动。'));
    const [a, b] = await Promise.all([w.runCron(), w.runCron()]);
    const reports = [must(a), must(b)];
    expect(reports.filter((r) => r.skipped)).toHaveLength(1);
    expect(w.openapi.callsOf('subscribeMessage.send')).toHaveLength(1);
    w.as('demo-member-1');
    const forbidden = (await w.fns.cron({}, {})) as Envelope<unknown>;
    expect(!forbidden.ok && forbidden.error.code).toBe('AUTH.FORBIDDEN');
  });
});

describe('每一位反映人都有回音（CloudBase 适配器 + 数据库替身）', () => {
  test('"我也遇到了"的居民在消息中心读到进展和办结（显示工单此刻的状态）、标为已读，并与反映人各评一次', async () => {
    const w = await world();
    const id = must(await submit(w, 'wx-res-f', '小区出行道路被电线杆挡住，车辆进出困难。')).ticketId;
    must(await w.call('intake', 'wx-res-g', 'meToo', { ticketId: id }));
    must(await w.call('work', 'demo-member-1', 'claimTicket', { ticketId: id }));
    must(await w.call('work', 'demo-member-1', 'addProgress', { ticketId: id, note: '已电话联系 13912345678，明天去现场' }));
    must(await w.runCron());
    type Msgs = { items: Array<{ id: string; event: string; body: string; read: boolean; ticketStatusLabel: string | null }>; unread: number };
    const before = must(await w.call<Msgs>('intake', 'wx-res-g', 'myMessages'));
    expect(before.items.map((m) => [m.event, m.ticketStatusLabel])).toEqual([['ticket.progress', '已接单'], ['ticket.claimed', '已接单']]);
    expect(before.items[0]!.body).not.toContain('13912345678');
    expect(before.unread).toBe(2);
    expect(must(await w.call<{ marked: number }>('intake', 'wx-res-g', 'markMessagesRead', { ids: [before.items[0]!.id] })).marked).toBe(1);

    must(await w.call('work', 'demo-convener', 'closeTicket', { ticketId: id, caseSummary: '电线杆已移走。' }));
    must(await w.runCron());
    const after = must(await w.call<Msgs>('intake', 'wx-res-g', 'myMessages'));
    expect(after.items.map((m) => [m.event, m.ticketStatusLabel, m.read])).toEqual([['ticket.closed', '已办结', false], ['ticket.progress', '已办结', true], ['ticket.claimed', '已办结', false]]);
    expect(after.unread).toBe(2);

    must(await w.call('intake', 'wx-res-f', 'rateTicket', { ticketId: id, rating: 'satisfied' }));
    must(await w.call('intake', 'wx-res-g', 'rateTicket', { ticketId: id, rating: 'unsatisfied', reasons: ['slow'] }));
    const second = await w.call('intake', 'wx-res-g', 'rateTicket', { ticketId: id, rating: 'satisfied' });
    expect(!second.ok && second.error.code).toBe('TICKET.ALREADY_RATED');
    const view = must(await w.call<{ ratings: Array<{ by: string; rating: string; reasons: string[] }> }>('work', 'demo-convener', 'getTicket', { ticketId: id }));
    expect(view.ratings.map((r) => [r.by, r.rating, r.reasons])).toEqual([['owner', 'satisfied', []], ['joiner', 'unsatisfied', ['办得太慢']]]);
  });
});

describe('联络站小程序码', () => {
  test('管理员生成：scene = 站点 id，打开联络站页，图片存进云存储；非管理员被拒；控制台（无 OPENID）可以批量生成', async () => {
    const w = await world();
    const r = must(await w.call<{ items: Array<{ stationId: string; fileId: string; url: string; error: string | null }> }>('stationcode', 'demo-admin', 'generate', { stationId: 'demo-station-1' }));
    expect(w.openapi.callsOf('wxacode.getUnlimited')).toEqual([{ scene: 'demo-station-1', page: 'pages/station/index', checkPath: true, envVersion: 'release', width: 430 }]);
    expect(r.items[0]).toMatchObject({ stationId: 'demo-station-1', error: null });
    expect(r.items[0]!.fileId).toMatch(/^cloud:\/\/.+\/station-codes\/demo-station-1\.png$/);
    expect(r.items[0]!.url).toMatch(/^https:\/\//);

    const member = await w.call('stationcode', 'demo-member-1', 'generate', { stationId: 'demo-station-1' });
    expect(!member.ok && member.error.code).toBe('AUTH.FORBIDDEN');
    const missing = await w.call('stationcode', 'demo-admin', 'generate', { stationId: 'no-such-station' });
    expect(!missing.ok && missing.error.code).toBe('STATION.NOT_FOUND');

    const all = must(await w.call<{ items: Array<{ stationId: string; error: string | null }> }>('stationcode', null, 'generateAll'));
    expect(all.items.map((i) => i.stationId).sort()).toEqual(['demo-station-1', 'demo-station-2', 'demo-station-3']);
    expect(all.items.every((i) => i.error === null)).toBe(true);
    expect(w.openapi.shapeErrors).toEqual([]);
  });

  test('体验版：不检查页面是否已发布，指向体验版；站点 id 超过 32 个字符时说明原因', async () => {
    const w = await world({ WEAPP_STATE: 'trial' });
    await w.store.putStation({ id: 'a-very-long-station-identifier-0123456789', name: '长 id 站', address: '', groupId: 'demo-group-1', enabled: true, neighbours: [], intro: '' });
    must(await w.call('stationcode', null, 'generate', { stationId: 'demo-station-2' }));
    expect(w.openapi.callsOf('wxacode.getUnlimited')[0]).toMatchObject({ checkPath: false, envVersion: 'trial' });
    const long = must(await w.call<{ items: Array<{ error: string | null }> }>('stationcode', null, 'generate', { stationId: 'a-very-long-station-identifier-0123456789' }));
    expect(long.items[0]!.error).toMatch(/32/);
  });
});

describe('config.json 的 permissions.openapi', () => {
  test('各函数在这些场景里实际调用的开放接口，都列在它的 config.json 里', async () => {
    const w = await world();
    must(await w.call('intake', 'demo-member-1', 'recordSubscription', { templateIds: [TPL_NEW], accepted: [TPL_NEW] }));
    const photo = w.storage.put('reports/2026-11-20/ddd444.jpg');
    const id = must(await submit(w, 'wx-res-g', '路灯坏了。', { photos: [photo] })).ticketId;
    const mark = () => new Set(w.openapi.calls.map((c) => c.api));
    const used: Record<string, Set<string>> = {};
    const track = async (fn: string, run: () => Promise<unknown>) => {
      const before = w.openapi.calls.length;
      await run();
      used[fn] ??= new Set();
      for (const c of w.openapi.calls.slice(before)) used[fn]!.add(c.api);
    };
    used.intake = mark();
    must(await w.call('work', 'demo-member-1', 'claimTicket', { ticketId: id }));
    await track('work', async () => must(await w.call('work', 'demo-member-1', 'addProgress', { ticketId: id, note: '已联系社区。', photos: [w.storage.put('reports/2026-11-20/eee555.jpg')] })));
    await track('cron', () => w.runCron());
    await track('stationcode', () => w.call('stationcode', null, 'generate', { stationId: 'demo-station-1' }));
    for (const [fn, apis] of Object.entries(used)) {
      const config = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cloudfunctions', fn, 'config.json'), 'utf8')) as { permissions: { openapi: string[] } };
      for (const api of apis) expect(`${fn}: ${config.permissions.openapi.includes(api) ? 'declared' : 'MISSING'} ${api}`).toBe(`${fn}: declared ${api}`);
    }
    expect(used.work).toEqual(new Set(['security.msgSecCheck', 'security.mediaCheckAsync']));
    expect(used.cron).toEqual(new Set(['subscribeMessage.send']));
    expect(used.stationcode).toEqual(new Set(['wxacode.getUnlimited']));
  });
});
