/**
 * 本地服务：用与云端相同的处理函数提供 POST /api/<函数名>，托管 h5 构建，接收照片上传，
 * 并在后台投递发件箱。只在本地模式下接受 x-openid 请求头作为身份（演示和测试用）。
 *
 *   npm run api        只起接口（快，给脚本和测试用）
 *   npm start          需要时先构建 h5，再起接口 + 页面
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import busboy from 'busboy';
import sirv from 'sirv';
import { errorEnvelope } from '../../shared/api/envelope';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { loadLocalEnv, type LocalEnv } from '../_runtime/env';
import { sniffImage } from '../_runtime/adapters/files.local';
import type { Handler } from '../_runtime/router';
import { seedDemoCounty } from '../_runtime/demo-county';
import { createLocalRuntime, type LocalRuntime } from './runtime';

const OPENID_PATTERN = /^[\w-]{1,64}$/;
const MAX_BODY_BYTES = 256 * 1024;
const REPO_ROOT = path.resolve(__dirname, '../..');

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(json);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

type Identity = { ok: true; openid: string | null } | { ok: false };

/** 本地模式：请求头给身份；生产模式：拒绝请求头身份（生产身份只来自平台注入的 OPENID）。 */
function identityOf(req: http.IncomingMessage, env: LocalEnv): Identity {
  const header = req.headers['x-openid'];
  const value = Array.isArray(header) ? header[0] : header;
  if (env.MODE !== 'local') return value ? { ok: false } : { ok: true, openid: null };
  return { ok: true, openid: value && OPENID_PATTERN.test(value) ? value : null };
}

export interface StartedServer {
  url: string;
  runtime: LocalRuntime;
  close(): Promise<void>;
}

/** 不给 env 时读进程环境与仓库根目录的 .env（见 _runtime/env.ts） */
export async function startServer(env: LocalEnv = loadLocalEnv()): Promise<StartedServer> {
  const dataDir = path.resolve(env.DATA_DIR);
  // 海报二维码里的链接：设了 PUBLIC_URL 用它（手机要能访问到），否则用实际监听的地址
  let listeningUrl = '';
  const runtime = createLocalRuntime({
    dataDir,
    publicUrl: () => env.PUBLIC_URL ?? listeningUrl,
    appid: env.WEAPP_APPID,
    subscribeTemplates: env.SUBSCRIBE_TEMPLATE_IDS.split(',').map((s) => s.trim()).filter(Boolean),
  });
  if (env.SEED_DEMO === 'true') {
    const seeded = await seedDemoCounty(runtime.deps, { webhookUrl: env.DEMO_WECOM_WEBHOOK });
    if (seeded) await runtime.deliver();
  }

  const handlers: Record<string, Handler> = runtime.handlers;
  const h5Dir = path.join(REPO_ROOT, 'dist/h5');
  const staticFiles = fs.existsSync(path.join(h5Dir, 'index.html')) ? sirv(h5Dir, { dev: false, etag: true }) : null;

  // 发件箱投递：一次只跑一轮；有写入时尽快补一轮
  let delivering: Promise<unknown> | null = null;
  let again = false;
  const deliverSoon = () => {
    if (delivering) {
      again = true;
      return;
    }
    delivering = runtime
      .deliver()
      .catch((e) => console.error('outbox delivery failed', e))
      .finally(() => {
        delivering = null;
        if (again) {
          again = false;
          deliverSoon();
        }
      });
  };
  runtime.store.onOutboxWritten = deliverSoon;
  const timer = setInterval(deliverSoon, env.OUTBOX_INTERVAL_MS);
  timer.unref();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { ok: true, mode: env.MODE });

      if (url.pathname.startsWith('/api/')) {
        const id = identityOf(req, env);
        if (!id.ok) return send(res, 403, errorEnvelope('AUTH.HEADER_IDENTITY_REFUSED'));
        if (req.method !== 'POST') return send(res, 405, errorEnvelope('REQUEST.INVALID'));
        const name = url.pathname.slice('/api/'.length);
        if (name === 'upload') return handleUpload(req, res, runtime, id.openid);
        const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
        if (!handler) return send(res, 404, errorEnvelope('REQUEST.UNKNOWN_ACTION'));
        let event: unknown;
        try {
          event = JSON.parse((await readBody(req)) || '{}');
        } catch {
          return send(res, 400, errorEnvelope('REQUEST.INVALID'));
        }
        const result = await handler(event, { openid: id.openid });
        return send(res, 200, result);
      }

      if (req.method === 'GET' && url.pathname.startsWith('/files/uploads/')) {
        const file = runtime.files.pathOf(url.pathname.slice('/files/uploads/'.length));
        if (!file || !fs.existsSync(file)) return send(res, 404, errorEnvelope('UPLOAD.INVALID'));
        res.writeHead(200, { 'content-type': file.endsWith('.png') ? 'image/png' : 'image/jpeg', 'cache-control': 'private, max-age=86400' });
        fs.createReadStream(file).pipe(res);
        return;
      }

      if (staticFiles) return staticFiles(req, res, () => send(res, 404, { ok: false }));
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('码上提本地接口已启动。页面尚未构建：请运行 npm start（会先构建 h5）。');
    } catch (e) {
      console.error(JSON.stringify({ level: 'error', message: 'request failed', path: url.pathname, error: e instanceof Error ? e.stack : String(e) }));
      if (!res.headersSent) send(res, 500, errorEnvelope('SYSTEM.UNAVAILABLE'));
    }
  });

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : env.PORT;
  listeningUrl = `http://${env.HOST}:${port}`;
  return {
    url: listeningUrl,
    runtime,
    async close() {
      clearInterval(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (delivering) await delivering;
      runtime.close();
    },
  };
}

function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, runtime: LocalRuntime, openid: string | null): void {
  if (!openid) return send(res, 200, errorEnvelope('AUTH.NO_IDENTITY'));
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: DEFAULT_SETTINGS.maxPhotoBytes, fields: 5 } });
  } catch {
    return send(res, 400, errorEnvelope('UPLOAD.INVALID'));
  }
  let answered = false;
  const answer = (status: number, body: unknown) => {
    if (answered) return;
    answered = true;
    send(res, status, body);
  };
  let got = false;
  bb.on('file', (_field, stream) => {
    got = true;
    const chunks: Buffer[] = [];
    let truncated = false;
    stream.on('limit', () => {
      truncated = true;
    });
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('close', () => {
      if (truncated) return answer(413, errorEnvelope('UPLOAD.TOO_LARGE'));
      const bytes = Buffer.concat(chunks);
      const ext = sniffImage(bytes);
      if (!ext) return answer(400, errorEnvelope('UPLOAD.INVALID'));
      answer(200, { ok: true, data: { fileId: runtime.files.save(bytes, ext) } });
    });
  });
  bb.on('close', () => {
    if (!got) answer(400, errorEnvelope('UPLOAD.INVALID'));
  });
  bb.on('error', () => answer(400, errorEnvelope('UPLOAD.INVALID')));
  req.pipe(bb);
}

if (require.main === module) {
  startServer()
    .then((s) => {
      console.log(`码上提本地服务已启动：${s.url}  （演示站点：${s.url}/#/pages/station/index?station=demo-station-1）`);
      const stop = () => s.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
