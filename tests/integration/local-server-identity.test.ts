/**
 * 本地模式信谁的请求头（issue 9 第 14 条）：x-openid 只信本机直接连来的请求，运营者明确设了
 * TRUST_IDENTITY_HEADER=true 才信别的机器；NODE_ENV=production 在没设 MODE 时就是生产模式；启动时说清楚模式和原因。
 */
import os from 'node:os';
import { loadLocalEnv } from '../../cloudfunctions/_runtime/env';
import { describeStartup, headerTrusted, startServer, type StartedServer } from '../../cloudfunctions/_local/server';
import { tempDir } from './harness';

/** 本机一块非回环网卡的地址：从它连过来，服务看到的对端就不是回环地址 */
const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;
const withLan = lanAddress ? test : test.skip;

async function whoami(base: string, openid: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/work`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid, ...headers }, body: JSON.stringify({ action: 'whoami' }) });
  return { status: res.status, json: (await res.json()) as any };
}

const local = { MODE: 'local', TRUST_IDENTITY_HEADER: 'false' } as const;

describe('请求头身份信谁（逐项）', () => {
  test.each([
    ['本机 IPv4', local, '127.0.0.1', {}, true],
    ['本机 127.x 其他地址', local, '127.0.0.2', {}, true],
    ['本机 IPv6', local, '::1', {}, true],
    ['IPv4 映射的本机地址', local, '::ffff:127.0.0.1', {}, true],
    ['局域网地址', local, '192.168.1.20', {}, false],
    ['IPv4 映射的局域网地址', local, '::ffff:10.0.0.8', {}, false],
    ['本机上的代理转发来的（x-forwarded-for）', local, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, false],
    ['本机上的代理转发来的（forwarded）', local, '127.0.0.1', { forwarded: 'for=203.0.113.9' }, false],
    ['运营者明确信任任何来源', { MODE: 'local', TRUST_IDENTITY_HEADER: 'true' }, '192.168.1.20', {}, true],
    ['生产模式连本机也不信', { MODE: 'production', TRUST_IDENTITY_HEADER: 'true' }, '127.0.0.1', {}, false],
  ] as const)('%s', (_name, env, peer, headers, trusted) => {
    expect(headerTrusted(env, peer, headers)).toBe(trusted);
  });
});

describe('HOST=0.0.0.0 且没有明确信任', () => {
  let s: StartedServer;
  let port: string;
  beforeAll(async () => {
    s = await startServer(loadLocalEnv({ HOST: '0.0.0.0', PORT: '0', DATA_DIR: tempDir(), SEED_DEMO: 'true', OUTBOX_INTERVAL_MS: '100000' }));
    port = new URL(s.url).port;
  });
  afterAll(() => s.close());

  test('本机发来的 x-openid 照常是调用人', async () => {
    const r = await whoami(`http://127.0.0.1:${port}`, 'demo-convener');
    expect(r.json).toMatchObject({ ok: true, data: { member: { name: '王丽华' } } });
  });

  withLan('别的机器（非回环地址）发来的 x-openid 被拒绝：403 AUTH.HEADER_IDENTITY_UNTRUSTED', async () => {
    const r = await whoami(`http://${lanAddress}:${port}`, 'demo-convener');
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'AUTH.HEADER_IDENTITY_UNTRUSTED' } });
  });

  test('经本机代理转发来的 x-openid 也被拒绝', async () => {
    const r = await whoami(`http://127.0.0.1:${port}`, 'demo-convener', { 'x-forwarded-for': '203.0.113.9' });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('AUTH.HEADER_IDENTITY_UNTRUSTED');
  });
});

describe('运营者明确设了 TRUST_IDENTITY_HEADER=true', () => {
  let s: StartedServer;
  beforeAll(async () => {
    s = await startServer(loadLocalEnv({ HOST: '0.0.0.0', PORT: '0', TRUST_IDENTITY_HEADER: 'true', DATA_DIR: tempDir(), SEED_DEMO: 'true', OUTBOX_INTERVAL_MS: '100000' }));
  });
  afterAll(() => s.close());

  withLan('别的机器发来的 x-openid 也信，启动信息里大声警告', async () => {
    const r = await whoami(`http://${lanAddress}:${new URL(s.url).port}`, 'demo-convener');
    expect(r.json).toMatchObject({ ok: true, data: { member: { name: '王丽华' } } });
    expect(describeStartup(s.env).join('\n')).toMatch(/警告：TRUST_IDENTITY_HEADER=true.*冒充/);
  });
});

describe('模式怎么定，启动时说清楚', () => {
  test('没设 MODE 时 NODE_ENV=production 就是生产模式', () => {
    const env = loadLocalEnv({ NODE_ENV: 'production' });
    expect(env).toMatchObject({ MODE: 'production', modeReason: 'NODE_ENV' });
    expect(describeStartup(env).join('\n')).toMatch(/运行模式：生产（production）——因为 没有设 MODE，而 NODE_ENV=production[\s\S]*拒绝请求头 x-openid/);
  });

  test('明确写了 MODE=local 就是本地模式，并提醒 NODE_ENV=production 被覆盖了', () => {
    const env = loadLocalEnv({ NODE_ENV: 'production', MODE: 'local' });
    expect(env).toMatchObject({ MODE: 'local', modeReason: 'MODE' });
    expect(describeStartup(env).join('\n')).toMatch(/运行模式：本地演示（local）——因为 MODE=local[\s\S]*NODE_ENV=production[\s\S]*只信任本机/);
  });

  test('什么都没设：本地模式，只信本机', () => {
    const env = loadLocalEnv({});
    expect(env).toMatchObject({ MODE: 'local', modeReason: 'default', TRUST_IDENTITY_HEADER: 'false' });
    expect(describeStartup(env)[0]).toBe('运行模式：本地演示（local）——因为 没有设 MODE，NODE_ENV 也不是 production');
  });

  test('NODE_ENV=production 的本地服务拒绝请求头身份', async () => {
    const s = await startServer(loadLocalEnv({ NODE_ENV: 'production', PORT: '0', DATA_DIR: tempDir(), SEED_DEMO: 'false' }));
    try {
      const r = await whoami(s.url, 'demo-convener');
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('AUTH.HEADER_IDENTITY_REFUSED');
    } finally {
      await s.close();
    }
  });
});
