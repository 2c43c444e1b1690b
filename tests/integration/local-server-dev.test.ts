/**
 * POST /api/_dev（拨时钟、手动跑一轮定时任务）：只在本地模式、只对 x-openid 同样信得过的来源开放；
 * 坏的请求得到中文的错误码。拨过的时钟照常往前走，定时任务按拨过的时间做事。
 */
import { loadLocalEnv } from '../../cloudfunctions/_runtime/env';
import { startServer, type StartedServer } from '../../cloudfunctions/_local/server';
import { tempDir } from './harness';

async function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
}

describe('本地模式的 _dev', () => {
  let s: StartedServer;
  beforeAll(async () => {
    s = await startServer(loadLocalEnv({ MODE: 'local', HOST: '127.0.0.1', PORT: '0', DATA_DIR: tempDir(), SEED_DEMO: 'false', OUTBOX_INTERVAL_MS: '100000' }));
  });
  afterAll(() => s.close());

  test('setClock 把服务的时钟拨到给定时刻，之后照常往前走；runScheduled 按拨过的时间跑一轮并回答做了什么', async () => {
    const set = await post(s.url, '/api/_dev', { action: 'setClock', now: '2026-09-30T02:00:00Z' });
    expect(set.status).toBe(200);
    expect(Date.parse(set.json.data.now) - Date.parse('2026-09-30T02:00:00Z')).toBeLessThan(5000);
    const first = await post(s.url, '/api/_dev', { action: 'runScheduled' });
    expect(first.json).toMatchObject({ ok: true, data: { tickets: 0, steps: [], more: false } });
    expect(first.json.data.now >= '2026-09-30T02:00:00.000Z').toBe(true);
  });

  test.each([
    [{ action: 'setClock', now: '明天' }, 'DEV.CLOCK_INVALID'],
    [{ action: 'setClock', now: '2026-13-40T00:00:00Z' }, 'DEV.CLOCK_INVALID'],
    [{ action: 'setClock' }, 'DEV.CLOCK_INVALID'],
    [{ action: 'dropDatabase' }, 'DEV.UNKNOWN_ACTION'],
    [{}, 'DEV.UNKNOWN_ACTION'],
  ])('坏的请求 %j 得到 %s 和中文提示', async (body, code) => {
    const r = await post(s.url, '/api/_dev', body);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe(code);
    expect(r.json.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('经本机代理转发来的（不是本机直连）被拒绝，与 x-openid 同一条规则', async () => {
    const r = await post(s.url, '/api/_dev', { action: 'runScheduled' }, { 'x-forwarded-for': '203.0.113.9' });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('DEV.UNTRUSTED');
  });
});

describe('生产模式的 _dev', () => {
  let s: StartedServer;
  beforeAll(async () => {
    s = await startServer(loadLocalEnv({ MODE: 'production', HOST: '127.0.0.1', PORT: '0', DATA_DIR: tempDir(), SEED_DEMO: 'false', OUTBOX_INTERVAL_MS: '100000' }));
  });
  afterAll(() => s.close());

  test('连本机发来的也拒绝：403 DEV.LOCAL_ONLY，时钟不动', async () => {
    const r = await post(s.url, '/api/_dev', { action: 'setClock', now: '2030-01-01T00:00:00Z' });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('DEV.LOCAL_ONLY');
    expect(Math.abs(s.runtime.deps.clock.now().getTime() - Date.now())).toBeLessThan(5000);
  });
});
