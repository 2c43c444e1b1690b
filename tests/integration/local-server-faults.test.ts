/**
 * 本地服务扛得住坏请求（issue 9 第 11、12 条）：没写完的上传、中途断开、超大的请求体，
 * 每一个都得到带错误码的 JSON 应答（或者客户端已经走了），服务照常工作，不会被一个请求打倒。
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { loadLocalEnv } from '../../cloudfunctions/_runtime/env';
import { startServer, type StartedServer } from '../../cloudfunctions/_local/server';
import { tempDir } from './harness';
import { BOUNDARY, httpHead, multipart, rawRequest, type RawOutcome } from './local-server-raw';

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const MAX_PHOTO = 10 * 1024 * 1024;
const MAX_JSON_BYTES = 1024 * 1024;

let s: StartedServer;
beforeAll(async () => {
  s = await startServer(loadLocalEnv({ PORT: '0', DATA_DIR: tempDir(), SEED_DEMO: 'false', OUTBOX_INTERVAL_MS: '100000' }));
});
afterAll(() => s.close());

async function stillServing() {
  const res = await fetch(`${s.url}/healthz`);
  expect(res.status).toBe(200);
}

function expectEnvelope(o: RawOutcome, status: number, code: string) {
  expect(o.kind).toBe('response');
  if (o.kind !== 'response') return;
  expect(o.response.status).toBe(status);
  expect(o.response.headers['content-type']).toMatch(/^application\/json/);
  expect(JSON.parse(o.response.body)).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
}

const uploadHead = (length: number, openid = 'demo-resident-1') =>
  httpHead('POST', '/api/upload', { 'x-openid': openid, 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': length });

describe('没写完的上传不会打倒服务', () => {
  test('表单写到一半就收尾（客户端关了写的一侧）：答 400 UPLOAD.INVALID，服务照常', async () => {
    const { head } = multipart(JPEG_HEAD);
    const o = await rawRequest(s.url, { parts: [httpHead('POST', '/api/upload', { 'x-openid': 'demo-resident-1', 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'transfer-encoding': 'chunked' }), chunk(Buffer.concat([Buffer.from(head), JPEG_HEAD])), '0\r\n\r\n'], then: 'keep' });
    expectEnvelope(o, 400, 'UPLOAD.INVALID');
    await stillServing();
  });

  test('声明了长度却只发一半就断开：服务照常，接着还能正常上传', async () => {
    const { head } = multipart(JPEG_HEAD);
    await rawRequest(s.url, { parts: [uploadHead(100_000), head, JPEG_HEAD], then: 'destroy' });
    await rawRequest(s.url, { parts: [uploadHead(100_000), head, JPEG_HEAD], then: 'half', timeoutMs: 2000 });
    await new Promise((r) => setTimeout(r, 100));
    await stillServing();
    const form = new FormData();
    form.append('file', new Blob([JPEG_HEAD]), 'a.jpg');
    const ok = await fetch(`${s.url}/api/upload`, { method: 'POST', headers: { 'x-openid': 'demo-resident-1' }, body: form });
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
  });

  test('分隔线不对、根本不是 multipart：都是带错误码的 400', async () => {
    const bad = await rawRequest(s.url, { parts: [uploadHead(20), 'not a multipart body'] });
    expectEnvelope(bad, 400, 'UPLOAD.INVALID');
    const plain = await rawRequest(s.url, { parts: [httpHead('POST', '/api/upload', { 'x-openid': 'demo-resident-1', 'content-type': 'text/plain', 'content-length': 5 }), 'hello'] });
    expectEnvelope(plain, 400, 'UPLOAD.INVALID');
    await stillServing();
  });

  test('HTTP 本身坏了：也是带错误码的 JSON', async () => {
    const o = await rawRequest(s.url, { parts: ['THIS IS NOT HTTP\r\n\r\n'] });
    expectEnvelope(o, 400, 'REQUEST.INVALID');
    await stillServing();
  });

  test('JSON 请求中途断开：服务照常', async () => {
    await rawRequest(s.url, { parts: [httpHead('POST', '/api/intake', { 'x-openid': 'demo-resident-1', 'content-type': 'application/json', 'content-length': 1000 }), '{"action":'], then: 'destroy' });
    await new Promise((r) => setTimeout(r, 100));
    await stillServing();
  });
});

describe('独立进程里的本地服务（npm run api）', () => {
  test('一个没写完就收尾的上传不会让进程退出', async () => {
    const root = path.resolve(__dirname, '../..');
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['cloudfunctions/_local/server.ts'], {
      cwd: root,
      env: { ...process.env, MODE: 'local', PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir(), SEED_DEMO: 'false', OUTBOX_INTERVAL_MS: '100000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let exited: number | null | undefined;
    child.on('exit', (code) => (exited = code));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`服务没有启动：${output}`)), 30_000);
        child.stdout.on('data', (c: Buffer) => {
          output += c.toString();
          const m = /已启动：(http:\/\/[\d.:]+)/.exec(output);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      });
      const { head } = multipart(JPEG_HEAD);
      const parts = [httpHead('POST', '/api/upload', { 'x-openid': 'demo-resident-1', 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'transfer-encoding': 'chunked' }), chunk(Buffer.concat([Buffer.from(head), JPEG_HEAD])), '0\r\n\r\n'];
      const o = await rawRequest(url, { parts, then: 'keep' });
      await rawRequest(url, { parts: [httpHead('POST', '/api/upload', { 'x-openid': 'demo-resident-1', 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'content-length': 99_999 }), head], then: 'destroy' });
      await new Promise((r) => setTimeout(r, 300));
      expect(exited).toBeUndefined();
      expectEnvelope(o, 400, 'UPLOAD.INVALID');
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      if (exited === undefined) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
    }
  }, 60_000);
});

describe('超大的请求体得到 413 和错误码，而不是连接被重置', () => {
  test('JSON 超过 1 MB（照实声明长度）：413 REQUEST.TOO_LARGE', async () => {
    const body = Buffer.alloc(MAX_JSON_BYTES + 1, 0x20);
    const o = await rawRequest(s.url, { parts: [httpHead('POST', '/api/intake', { 'x-openid': 'demo-resident-1', 'content-type': 'application/json', 'content-length': body.length }), body] });
    expectEnvelope(o, 413, 'REQUEST.TOO_LARGE');
    await stillServing();
  });

  test('JSON 超过 1 MB（分块发送，不声明长度）：413 REQUEST.TOO_LARGE', async () => {
    const piece = Buffer.alloc(256 * 1024, 0x20);
    const parts = [httpHead('POST', '/api/intake', { 'x-openid': 'demo-resident-1', 'content-type': 'application/json', 'transfer-encoding': 'chunked' }), ...Array.from({ length: 6 }, () => chunk(piece)), '0\r\n\r\n'];
    expectEnvelope(await rawRequest(s.url, { parts }), 413, 'REQUEST.TOO_LARGE');
    await stillServing();
  });

  test('正好 1 MB 的 JSON 照常处理', async () => {
    const json = JSON.stringify({ action: 'myReports', pad: '' });
    const body = json.replace('"pad":""', `"pad":"${'x'.repeat(MAX_JSON_BYTES - json.length)}"`);
    expect(Buffer.byteLength(body)).toBe(MAX_JSON_BYTES);
    const o = await rawRequest(s.url, { parts: [httpHead('POST', '/api/intake', { 'x-openid': 'demo-resident-1', 'content-type': 'application/json', 'content-length': body.length }), body] });
    expect(o.kind === 'response' && o.response.status).toBe(200);
  });

  test('照片超过上限（照实声明长度）：413 UPLOAD.TOO_LARGE，提示里写明多少 MB', async () => {
    const { body } = multipart(Buffer.concat([JPEG_HEAD, Buffer.alloc(20 * 1024 * 1024)]));
    const o = await rawRequest(s.url, { parts: [uploadHead(body.length), body] });
    expectEnvelope(o, 413, 'UPLOAD.TOO_LARGE');
    if (o.kind === 'response') expect(JSON.parse(o.response.body).error.message).toContain('10MB');
    await stillServing();
  });

  test('照片超过上限（分块发送）：413 UPLOAD.TOO_LARGE', async () => {
    const { head, tail } = multipart(Buffer.alloc(0));
    const piece = Buffer.alloc(1024 * 1024, 7);
    const parts = [
      httpHead('POST', '/api/upload', { 'x-openid': 'demo-resident-2', 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, 'transfer-encoding': 'chunked' }),
      chunk(Buffer.concat([Buffer.from(head), JPEG_HEAD])),
      ...Array.from({ length: 12 }, () => chunk(piece)),
      chunk(Buffer.from(tail)),
      '0\r\n\r\n',
    ];
    expectEnvelope(await rawRequest(s.url, { parts }), 413, 'UPLOAD.TOO_LARGE');
    await stillServing();
  });

  test('正好是上限大小（10,485,760 字节）的照片可以上传', async () => {
    const photo = Buffer.concat([JPEG_HEAD, Buffer.alloc(MAX_PHOTO - JPEG_HEAD.length, 1)]);
    expect(photo.length).toBe(10_485_760);
    const { body } = multipart(photo);
    const o = await rawRequest(s.url, { parts: [uploadHead(body.length, 'demo-resident-3'), body] });
    expect(o.kind).toBe('response');
    if (o.kind === 'response') expect(JSON.parse(o.response.body)).toMatchObject({ ok: true, data: { fileId: expect.stringMatching(/\.jpg$/) } });
  });

  test('比上限多 1 字节的照片被拒绝', async () => {
    const photo = Buffer.concat([JPEG_HEAD, Buffer.alloc(MAX_PHOTO + 1 - JPEG_HEAD.length, 1)]);
    const { body } = multipart(photo);
    expectEnvelope(await rawRequest(s.url, { parts: [uploadHead(body.length, 'demo-resident-3'), body] }), 413, 'UPLOAD.TOO_LARGE');
  });
});

function chunk(b: Buffer | string): Buffer {
  const buf = Buffer.isBuffer(b) ? b : Buffer.from(b);
  return Buffer.concat([Buffer.from(`${buf.length.toString(16)}\r\n`), buf, Buffer.from('\r\n')]);
}
