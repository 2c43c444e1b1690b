/**
 * 本地服务的照片（issue 9 第 13 条）：类型看文件头、带 nosniff；藏着网页的"图片"被拒绝；
 * 照片只给上传人和视图发出的签名地址看；反映只收本人传的照片；每人每小时有上传上限。
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadLocalEnv } from '../../cloudfunctions/_runtime/env';
import { startServer, type StartedServer } from '../../cloudfunctions/_local/server';
import { tempDir } from './harness';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000100' + '05fe02fea7d69d0000000049454e44ae426082', 'hex');
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

async function post(base: string, body: unknown, openid: string) {
  const res = await fetch(`${base}/api/intake`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify(body) });
  return (await res.json()) as any;
}

async function upload(base: string, bytes: Buffer, openid: string) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg');
  const res = await fetch(`${base}/api/upload`, { method: 'POST', headers: { 'x-openid': openid }, body: form });
  return { status: res.status, cookie: res.headers.get('set-cookie'), json: (await res.json()) as any };
}

const fileUrl = (fileId: string) => `/files/uploads/${fileId.slice('local://uploads/'.length)}`;

let s: StartedServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = tempDir();
  s = await startServer(loadLocalEnv({ PORT: '0', DATA_DIR: dataDir, SEED_DEMO: 'true', OUTBOX_INTERVAL_MS: '100000', UPLOADS_PER_HOUR: '12' }));
});
afterAll(() => s.close());

describe('文件类型', () => {
  test('JPEG 文件头后面跟着网页：上传被拒绝', async () => {
    const polyglot = Buffer.concat([JPEG_HEAD, Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>')]);
    const r = await upload(s.url, polyglot, 'demo-resident-1');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'UPLOAD.INVALID' } });
    expect(fs.readdirSync(path.join(dataDir, 'uploads')).filter((f) => !f.startsWith('.'))).toHaveLength(0);
  });

  test('就算磁盘上的文件被换成网页，也按文件头的类型发出，带 nosniff，不会被当网页执行', async () => {
    const up = await upload(s.url, PNG, 'demo-resident-1');
    const file = path.join(dataDir, 'uploads', up.json.data.fileId.slice('local://uploads/'.length));
    fs.writeFileSync(file, '<html><script>alert(1)</script></html>');
    const res = await fetch(`${s.url}${fileUrl(up.json.data.fileId)}`, { headers: { 'x-openid': 'demo-resident-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe('attachment');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });

  test('照片按嗅探出的类型发出（不看扩展名），带 nosniff', async () => {
    const up = await upload(s.url, PNG, 'demo-resident-1');
    const res = await fetch(`${s.url}${fileUrl(up.json.data.fileId)}`, { headers: { 'x-openid': 'demo-resident-1' } });
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });
});

describe('谁能看、谁能用', () => {
  test('没有身份、也不是视图发出的地址：看不到照片；别人也看不到；上传人自己能看', async () => {
    const up = await upload(s.url, PNG, 'demo-resident-1');
    const url = `${s.url}${fileUrl(up.json.data.fileId)}`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).error.code).toBe('AUTH.NO_IDENTITY');
    const other = await fetch(url, { headers: { 'x-openid': 'demo-resident-2' } });
    expect(other.status).toBe(403);
    expect(((await other.json()) as any).error.code).toBe('AUTH.FORBIDDEN');
    expect((await fetch(url, { headers: { 'x-openid': 'demo-resident-1' } })).status).toBe(200);
  });

  test('上传人在页面上预览刚传的照片（<img> 不带请求头）：凭上传时发的 cookie，只能看自己传的', async () => {
    const mine = await upload(s.url, PNG, 'demo-resident-1');
    const theirs = await upload(s.url, PNG, 'demo-resident-2');
    expect(mine.cookie).toMatch(/HttpOnly/);
    const cookie = mine.cookie!.split(';')[0];
    expect((await fetch(`${s.url}${fileUrl(mine.json.data.fileId)}`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${s.url}${fileUrl(theirs.json.data.fileId)}`, { headers: { cookie } })).status).toBe(403);
    const forged = `${cookie.split('=')[0]}=${Buffer.from('demo-resident-2').toString('base64url')}.${cookie.split('.')[1]}`;
    expect((await fetch(`${s.url}${fileUrl(theirs.json.data.fileId)}`, { headers: { cookie: forged } })).status).toBe(401);
  });

  test('工单视图发出的照片地址，能看这张工单的人（接单前的小组委员）打开就能看；改过的地址不行', async () => {
    const up = await upload(s.url, PNG, 'demo-resident-1');
    const submit = await post(s.url, { action: 'submitReport', stationId: 'demo-station-1', text: '路口的井盖松动了，晚上看不清', photos: [up.json.data.fileId], clientRequestId: 'upload-view-1' }, 'demo-resident-1');
    expect(submit.ok).toBe(true);
    const res = await fetch(`${s.url}/api/work`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': 'demo-member-1' }, body: JSON.stringify({ action: 'getTicket', ticketId: submit.data.ticketId }) });
    const view = (await res.json()) as any;
    const photoUrl: string = view.data.photos[0].url;
    expect(photoUrl).toMatch(/^\/files\/uploads\/.+\?e=\d+&s=/);
    const img = await fetch(`${s.url}${photoUrl}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${s.url}${photoUrl.replace(/s=./, 's=A')}`)).status).toBe(401);
    expect((await fetch(`${s.url}${photoUrl.replace(/e=\d+/, 'e=99999999999999')}`)).status).toBe(401);
  });

  test('提交反映只收本人上传的照片：拿别人的 fileId 得到 REPORT.PHOTO_INVALID', async () => {
    const theirs = await upload(s.url, PNG, 'demo-resident-2');
    const r = await post(s.url, { action: 'submitReport', stationId: 'demo-station-1', text: '小区门口的路灯不亮了', photos: [theirs.json.data.fileId], clientRequestId: 'upload-steal-1' }, 'demo-resident-1');
    expect(r).toMatchObject({ ok: false, error: { code: 'REPORT.PHOTO_INVALID' } });
    const own = await post(s.url, { action: 'submitReport', stationId: 'demo-station-1', text: '小区门口的路灯不亮了', photos: [theirs.json.data.fileId], clientRequestId: 'upload-own-1' }, 'demo-resident-2');
    expect(own.ok).toBe(true);
  });
});

describe('上传上限', () => {
  test('每人每小时超过上限（这里设为 12 张）得到 429 UPLOAD.RATE_LIMITED；别人不受影响；被拒的上传不占名额', async () => {
    const who = 'quota-resident';
    expect((await upload(s.url, Buffer.from('not an image'), who)).status).toBe(400);
    for (let i = 0; i < 12; i++) expect((await upload(s.url, PNG, who)).json.ok).toBe(true);
    const over = await upload(s.url, PNG, who);
    expect(over.status).toBe(429);
    expect(over.json).toMatchObject({ ok: false, error: { code: 'UPLOAD.RATE_LIMITED', message: expect.stringContaining('一小时') } });
    expect((await upload(s.url, PNG, 'quota-other')).json.ok).toBe(true);
  });
});
