/**
 * 企业微信群机器人与发件箱，对着 127.0.0.1 上真实的 HTTP 接收方（会慢、会挂住），真实的 SQLite：
 * - 接收方在超时之后才回答：这张卡片结果未知，推到 30 分钟以后再试，100 秒内只发一次（原来发三遍）；
 * - 一轮发到一半进程崩了：已发出的不再发（原来一轮结束才记，13 张里重发 4 张）；
 * - 一个 webhook 挂住：委员的站内消息不跟着等（原来要等这一轮的卡片都超时）。
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadLocalEnv } from '../../cloudfunctions/_runtime/env';
import { startServer, type StartedServer } from '../../cloudfunctions/_local/server';
import { WecomWebhookSender } from '../../cloudfunctions/_runtime/adapters/wecom.sender';
import type { OutboxEntry } from '../../shared/domain/model';
import type { Store } from '../../shared/ports/store.port';
import { deliverOutbox, UNKNOWN_OUTCOME, UNKNOWN_OUTCOME_RETRY_MS, type OutboxSender } from '../../shared/usecases/deliver-outbox';
import { openSqliteStore } from '../../cloudfunctions/_runtime/adapters/store.sqlite';
import type { CloudbaseDatabase } from '../../cloudfunctions/_runtime/adapters/db.cloudbase';
import { createCloudbaseStore } from '../../cloudfunctions/_runtime/adapters/store.cloudbase';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import { CloudbaseDbService, createDoubleDatabase } from '../contract/cloudbase-db.double';
import { GROUP, outboxFor, ticket } from '../contract/store-contract';
import { createTestApp, TestClock, tempDir, type TestApp } from './harness';

const POLES = '小区门口电线杆歪了，挡住了路，老人过路很危险，请尽快处理。';

/** 接收方：每张卡片按工单页路径计数；behaviour 决定怎么回答 */
interface Receiver {
  url: string;
  hits: Map<string, number>;
  /** 每收到一张卡片就 resolve 一次（按收到的顺序） */
  nextHit(): Promise<string>;
  close(): Promise<void>;
}

async function startReceiver(behaviour: 'ok' | { delayMs: number } | 'hang'): Promise<Receiver> {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const waiters: Array<(page: string) => void> = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const page = String(JSON.parse(data).template_card.card_action.pagepath);
      hits.set(page, (hits.get(page) ?? 0) + 1);
      waiters.shift()?.(page);
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      };
      if (behaviour === 'ok') answer();
      else if (behaviour !== 'hang') {
        const t = setTimeout(answer, behaviour.delayMs);
        timers.add(t);
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=test`,
    hits,
    nextHit: () => new Promise((resolve) => waiters.push(resolve)),
    close: () =>
      new Promise<void>((r) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function pointGroupAt(store: Store, url: string): Promise<void> {
  const group = (await store.getGroup('demo-group-1'))!;
  await store.putGroup({ ...group, webhookUrl: url });
}

const wecomEntries = async (app: TestApp): Promise<OutboxEntry[]> =>
  (await app.rt.store.listDueOutbox('9999-12-31', 1000)).filter((e) => e.channel === 'wecom');


/**
 * 模拟投递到第 5 张卡片时进程崩溃：那一次发送抛出，从那一刻起这个"进程"什么也写不进数据库。
 */
function crashAtFifthSend<S extends object>(real: OutboxSender, store: S): { crashing: OutboxSender; dying: S } {
  let calls = 0;
  let crashed = false;
  const crashing: OutboxSender = {
    async send(entry) {
      if (++calls === 5) {
        crashed = true;
        throw new Error('进程崩溃');
      }
      return real.send(entry);
    },
  };
  const dying = new Proxy(store, {
    get(target, prop, receiverObj) {
      const value = Reflect.get(target, prop, receiverObj);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (crashed ? Promise.reject(new Error('进程已崩溃')) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return { crashing, dying };
}

describe('接收方在超时之后才回答', () => {
  let app: TestApp;
  let receiver: Receiver;
  beforeEach(async () => {
    app = await createTestApp();
    // 发送超时 1.5 秒（生产是 5 秒），接收方 4 秒后才回答；留足余量，机器再忙请求也早已写出
    receiver = await startReceiver({ delayMs: 4000 });
    await pointGroupAt(app.rt.store, receiver.url);
  });
  afterEach(async () => {
    await receiver.close();
    app.close();
  });

  test('100 秒里每分钟一轮：同一张卡片只发一次，记为结果未知，30 分钟后才再试', async () => {
    const id = await app.submit('demo-resident-1', POLES);
    const wecom = new WecomWebhookSender(app.rt.store, 'touristappid', 1500);
    const deps = { store: app.rt.store, clock: app.clock, senders: { wecom } };
    for (const at of [0, 31_000, 31_000, 31_000]) {
      app.clock.advance(at);
      await deliverOutbox(deps);
    }
    expect(receiver.hits.get(`packages/work/ticket/index?id=${id}`)).toBe(1);
    const [entry] = (await app.rt.store.listDueOutbox('9999-12-31', 1000)).filter((e) => e.channel === 'wecom' && e.ticketId === id);
    expect(entry).toMatchObject({ status: 'pending', attempts: 1 });
    expect(entry!.lastError?.startsWith(UNKNOWN_OUTCOME)).toBe(true);
    expect(Date.parse(entry!.nextAttemptAt) - Date.parse('2026-11-20T02:00:00.000Z')).toBe(UNKNOWN_OUTCOME_RETRY_MS);
  });

  test('连不上（请求没发出去）不算结果未知：照常按退避很快重试', async () => {
    const closed = await startReceiver('ok');
    const url = closed.url;
    await closed.close();
    await pointGroupAt(app.rt.store, url);
    await app.submit('demo-resident-1', POLES);
    const deps = { store: app.rt.store, clock: app.clock, senders: { wecom: new WecomWebhookSender(app.rt.store, 'touristappid', 200) } };
    const r = await deliverOutbox(deps);
    expect(r).toMatchObject({ retried: 1, unknown: 0 });
    const [entry] = await wecomEntries(app);
    expect(entry!.lastError).toMatch(/^网络错误/);
    expect(Date.parse(entry!.nextAttemptAt) - app.clock.now().getTime()).toBe(30_000);
  });
});

describe('一轮发到一半进程崩了', () => {
  let app: TestApp;
  let receiver: Receiver;
  beforeEach(async () => {
    app = await createTestApp({ settings: { reportsPerHourPerResident: 1000 } });
    receiver = await startReceiver('ok');
    await pointGroupAt(app.rt.store, receiver.url);
  });
  afterEach(async () => {
    await receiver.close();
    app.close();
  });

  test('13 张卡片发到第 5 张时崩溃：重启后已发出的 4 张不再发，崩在途中的那张 30 分钟后才补发，每张恰好一次', async () => {
    const pages: string[] = [];
    for (let i = 0; i < 13; i++) pages.push(`packages/work/ticket/index?id=${await app.submit(`demo-resident-${(i % 5) + 1}`, `${POLES}（第${i + 1}条）`)}`);
    expect(await wecomEntries(app)).toHaveLength(13);
    const real = new WecomWebhookSender(app.rt.store, 'touristappid', 2000);

    const { crashing, dying } = crashAtFifthSend(real, app.rt.store);
    await expect(deliverOutbox({ store: dying, clock: app.clock, senders: { wecom: crashing } }, { concurrency: 1 })).rejects.toThrow('进程已崩溃');
    expect([...receiver.hits.values()].reduce((a, b) => a + b, 0)).toBe(4);

    // 重启后下一分钟的一轮
    app.clock.advance(60_000);
    await deliverOutbox({ store: app.rt.store, clock: app.clock, senders: { wecom: real } });
    const resent = pages.filter((p) => (receiver.hits.get(p) ?? 0) > 1);
    expect(resent).toEqual([]);
    expect(pages.filter((p) => receiver.hits.get(p) === 1)).toHaveLength(12);

    // 崩在途中的那张（结果未知）30 分钟后补发
    app.clock.advance(UNKNOWN_OUTCOME_RETRY_MS);
    await deliverOutbox({ store: app.rt.store, clock: app.clock, senders: { wecom: real } });
    expect(pages.map((p) => receiver.hits.get(p) ?? 0)).toEqual(pages.map(() => 1));
    expect(await wecomEntries(app)).toEqual([]);
  });
});

describe('一个 webhook 挂住', () => {
  let s: StartedServer;
  let receiver: Receiver;
  beforeAll(async () => {
    s = await startServer(loadLocalEnv({ PORT: '0', DATA_DIR: tempDir(), SEED_DEMO: 'true', OUTBOX_INTERVAL_MS: '100000' }));
    receiver = await startReceiver('hang');
    await pointGroupAt(s.runtime.store, receiver.url);
  });
  afterAll(async () => {
    await receiver.close();
    // 接收方断开后，在途的卡片记下结果（结果未知）才关数据库
    for (let i = 0; i < 200; i++) {
      const inFlight = (await s.runtime.store.listDueOutbox('9999-12-31', 1000)).some((e) => e.channel === 'wecom' && e.lastError === `${UNKNOWN_OUTCOME}：发送中断`);
      if (!inFlight) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await s.close();
  });

  const call = async (fn: string, openid: string, body: Record<string, unknown>) => {
    const res = await fetch(`${s.url}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify(body) });
    return (await res.json()) as { ok: boolean; data: any };
  };
  let n = 0;
  const submit = async (text: string) => {
    const r = await call('intake', 'demo-resident-1', { action: 'submitReport', stationId: 'demo-station-1', text, clientRequestId: `req-hang-${Date.now()}-${++n}` });
    expect(r.ok).toBe(true);
    return String(r.data.ticketId);
  };

  test('群机器人挂住、卡片在等超时的时候，新反映的站内消息 2 秒内就到委员的消息中心（原来要等卡片超时，约 5 秒）', async () => {
    // 第一条反映的卡片到了接收方，接收方不回答：投递的这一轮卡在等它
    const cardArrived = receiver.nextHit();
    await submit(`${POLES}（第一条）`);
    await cardArrived;

    // 委员等的是：第二条反映提交后，消息中心里出现它
    const started = performance.now();
    const second = await submit('小区里的路灯坏了一个多月了，晚上出门看不见路。');
    let waited = 0;
    for (;;) {
      const r = await call('work', 'demo-member-1', { action: 'myMessages' });
      waited = performance.now() - started;
      if (r.ok && (r.data.items as Array<{ ticketId: string }>).some((m) => m.ticketId === second)) break;
      if (waited > 10_000) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(Math.round(waited)).toBeLessThan(2000);
  });
});

/** 同样的两条规则直接对着两套存储（SQLite、CloudBase 适配器 + 数据库替身）：每次尝试单条记下，结果未知推后 */
describe.each([
  ['嵌入式 SQLite', () => openSqliteStore(tempDir('mashangti-outbox-')) as Store],
  ['CloudBase 适配器 + 数据库替身', () => createCloudbaseStore(createDoubleDatabase(new CloudbaseDbService(ALL_COLLECTIONS.map((c) => c.name))) as CloudbaseDatabase) as Store],
])('发件箱投递：%s', (_name, open) => {
  let store: Store;
  let receiver: Receiver;
  const clock = new TestClock();
  afterEach(async () => {
    await receiver.close();
    (store as { close?: () => void }).close?.();
  });

  /** 一张工单带 n 张卡片，每张打开不同的页，接收方按页计数 */
  async function cardsFor(n: number): Promise<string[]> {
    await store.putGroup({ ...GROUP, webhookUrl: receiver.url });
    const t = ticket(1, { createdAt: clock.now().toISOString() });
    const pages = Array.from({ length: n }, (_, i) => `packages/work/ticket/index?id=${t.id}&card=${i}`);
    const entries = pages.map((page, i) => outboxFor(t, `o-card-${String(i).padStart(2, '0')}`, { channel: 'wecom', recipient: `group:${GROUP.id}`, page, nextAttemptAt: clock.now().toISOString(), createdAt: clock.now().toISOString() }));
    await store.createTicket(t, [], entries);
    return pages;
  }

  test('发到第 5 张崩溃：下一轮不重发已发出的，崩在途中的 30 分钟后补发，13 张每张恰好一次', async () => {
    store = open();
    receiver = await startReceiver('ok');
    const pages = await cardsFor(13);
    const real = new WecomWebhookSender(store, 'touristappid', 2000);
    const { crashing, dying } = crashAtFifthSend(real, store);
    await expect(deliverOutbox({ store: dying, clock, senders: { wecom: crashing } }, { concurrency: 1 })).rejects.toThrow('进程已崩溃');
    clock.advance(60_000);
    await deliverOutbox({ store, clock, senders: { wecom: real } });
    expect(pages.filter((p) => (receiver.hits.get(p) ?? 0) > 1)).toEqual([]);
    expect(pages.filter((p) => receiver.hits.get(p) === 1)).toHaveLength(12);
    clock.advance(UNKNOWN_OUTCOME_RETRY_MS);
    await deliverOutbox({ store, clock, senders: { wecom: real } });
    expect(pages.map((p) => receiver.hits.get(p) ?? 0)).toEqual(pages.map(() => 1));
  });

  test('接收方超时之后才回答：100 秒里每分钟一轮只发一次，记为结果未知', async () => {
    store = open();
    receiver = await startReceiver({ delayMs: 4000 });
    const [page] = await cardsFor(1);
    const wecom = new WecomWebhookSender(store, 'touristappid', 1500);
    for (let i = 0; i < 4; i++) {
      await deliverOutbox({ store, clock, senders: { wecom } });
      clock.advance(31_000);
    }
    expect(receiver.hits.get(page!)).toBe(1);
    const [entry] = await store.listDueOutbox('9999-12-31', 10, ['wecom']);
    expect(entry!.lastError!.startsWith(UNKNOWN_OUTCOME)).toBe(true);
  });
});
