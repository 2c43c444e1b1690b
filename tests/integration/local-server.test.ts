/**
 * 本地服务：健康检查、HTTP 上的调用约定、照片上传、本地模式之外拒绝请求头身份。
 */
import { loadLocalEnv } from '../../cloudfunctions/_runtime/env';
import { startServer, type StartedServer } from '../../cloudfunctions/_local/server';
import { tempDir } from './harness';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100' + '05fe02fea7d69d0000000049454e44ae426082', 'hex');

async function post(base: string, path: string, body: unknown, openid?: string) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
}

async function upload(base: string, bytes: Buffer, openid = 'demo-resident-1') {
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'photo.png');
  const res = await fetch(`${base}/api/upload`, { method: 'POST', headers: { 'x-openid': openid }, body: form });
  return { status: res.status, json: (await res.json()) as any };
}

describe('本地模式', () => {
  let s: StartedServer;
  beforeAll(async () => {
    s = await startServer(loadLocalEnv({ PORT: '0', DATA_DIR: tempDir(), SEED_DEMO: 'true', OUTBOX_INTERVAL_MS: '100000' }));
  });
  afterAll(() => s.close());

  test('健康检查在就绪后返回 200', async () => {
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
  });

  test('首次启动播种演示县：站点、委员小组和几条演示工单', async () => {
    const r = await post(s.url, '/api/intake', { action: 'getStation', stationId: 'demo-station-1' }, 'demo-resident-1');
    expect(r.json.ok).toBe(true);
    expect(r.json.data.stats.open).toBeGreaterThan(0);
    const cases = await post(s.url, '/api/intake', { action: 'listCases', stationId: 'demo-station-1' }, 'demo-resident-1');
    expect(cases.json.data.items.length).toBeGreaterThan(0);
  });

  test('请求头 x-openid 在本地模式下就是调用人', async () => {
    const r = await post(s.url, '/api/work', { action: 'whoami' }, 'demo-convener');
    expect(r.json).toMatchObject({ ok: true, data: { member: { name: '王丽华' }, groups: [{ role: 'convener' }] } });
  });

  test('上传照片得到 fileId，提交时引用它；假图片被拒绝', async () => {
    const up = await upload(s.url, PNG);
    expect(up.json.ok).toBe(true);
    expect(up.json.data.fileId).toMatch(/^local:\/\/uploads\/[a-f0-9]+\.png$/);
    const submit = await post(s.url, '/api/intake', { action: 'submitReport', stationId: 'demo-station-1', text: '井盖缺失，很危险', photos: [up.json.data.fileId], clientRequestId: 'photo-test-1' }, 'demo-resident-1');
    expect(submit.json.ok).toBe(true);
    const t = await post(s.url, '/api/intake', { action: 'getTicket', ticketId: submit.json.data.ticketId }, 'demo-resident-1');
    const photoUrl = t.json.data.photos[0].url;
    const img = await fetch(`${s.url}${photoUrl}`);
    expect(img.headers.get('content-type')).toBe('image/png');
    const fake = await upload(s.url, Buffer.from('<script>alert(1)</script>'));
    expect(fake.json).toMatchObject({ ok: false, error: { code: 'UPLOAD.INVALID' } });
  });

  test('请求体不是 JSON、函数名不存在，都得到信封格式的中文错误', async () => {
    const bad = await fetch(`${s.url}/api/intake`, { method: 'POST', headers: { 'x-openid': 'a' }, body: '{not json' });
    expect(((await bad.json()) as any).error.code).toBe('REQUEST.INVALID');
    const none = await post(s.url, '/api/admin-secret', { action: 'x' }, 'a');
    expect(none.json.error.code).toBe('REQUEST.UNKNOWN_ACTION');
  });
});

describe('生产模式', () => {
  let s: StartedServer;
  beforeAll(async () => {
    s = await startServer(loadLocalEnv({ MODE: 'production', PORT: '0', DATA_DIR: tempDir(), SEED_DEMO: 'false' }));
  });
  afterAll(() => s.close());

  test('请求头里的身份被拒绝', async () => {
    const r = await post(s.url, '/api/intake', { action: 'myReports' }, 'demo-resident-1');
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('AUTH.HEADER_IDENTITY_REFUSED');
  });

  test('没有平台身份就不能提交', async () => {
    const r = await post(s.url, '/api/intake', { action: 'myReports' });
    expect(r.json.error.code).toBe('AUTH.NO_IDENTITY');
  });
});

describe('环境变量', () => {
  test('格式不对时启动前就报错，说清楚是哪一项', () => {
    expect(() => loadLocalEnv({ PORT: 'abc', MODE: 'demo' })).toThrow(/环境变量不正确[\s\S]*MODE: 应为 local \/ production 之一[\s\S]*PORT: 应为整数/);
    expect(() => loadLocalEnv({ WEAPP_APPID: 'abc' })).toThrow(/WEAPP_APPID 应为 wx 开头的 18 位，或 touristappid/);
  });

  test('空值当作没设置，用默认值', () => {
    const env = loadLocalEnv({ PORT: '', DEMO_WECOM_WEBHOOK: '', WEAPP_APPID: '' });
    expect(env).toMatchObject({ PORT: 8787, WEAPP_APPID: 'touristappid', MODE: 'local' });
    expect(env.DEMO_WECOM_WEBHOOK).toBeUndefined();
  });
});
