/**
 * 本地服务：用与云端相同的处理函数提供 POST /api/<函数名>，托管 h5 构建，接收照片上传，
 * 并在后台跑定时任务（跟进督单）、投递发件箱。只在本地模式下接受 x-openid 请求头作为身份（演示和测试用），
 * 也只在本地模式下、对同样可信的来源开放 POST /api/_dev（拨时钟、手动跑一轮定时任务，见 dev-api.ts）。
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
import { withMessageParams } from '../../shared/domain/errors';
import { messageParams } from '../../shared/domain/settings';
import { loadLocalEnv, type LocalEnv } from '../_runtime/env';
import { CONTENT_TYPES, hidesMarkup, sniffImage } from '../_runtime/adapters/files.local';
import { REPORT_URL_PREFIX } from '../_runtime/adapters/report-files.xlsx';
import type { Handler } from '../_runtime/router';
import { seedDemoCounty } from '../_runtime/demo-county';
import { createLocalRuntime, type LocalRuntime } from './runtime';
import { AdjustableClock, handleDev } from './dev-api';

const OPENID_PATTERN = /^[\w-]{1,64}$/;
/** JSON 请求体上限：管理后台一次粘贴 500 行导入也远用不到 */
export const MAX_JSON_BYTES = 1024 * 1024;
/** multipart 里除照片本身之外的部分（分隔线、字段头、几个小字段）最多这么大 */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
const UPLOADER_COOKIE = 'mst_uploader';
const REPO_ROOT = path.resolve(__dirname, '../..');

function send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(json);
}

/** 客户端自己走了（断开、中止）：平常事，记一条 warn；其余才是服务的错 */
const clientWentAway = (e: unknown): boolean => e instanceof Error && (e.message === 'aborted' || (e as NodeJS.ErrnoException).code === 'ECONNRESET');

function logError(message: string, pathname: string, e: unknown): void {
  if (clientWentAway(e)) {
    console.warn(JSON.stringify({ level: 'warn', message: 'client went away', path: pathname }));
    return;
  }
  console.error(JSON.stringify({ level: 'error', message, path: pathname, error: e instanceof Error ? e.stack : String(e) }));
}

const NO_EVENT = Symbol('no event');

/** 读 JSON 请求体：太大答 413、不是 JSON 答 400（已回复，返回 NO_EVENT）；空体当作 {} */
async function readJsonEvent(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
  const body = await readBody(req, MAX_JSON_BYTES);
  if (body === null) {
    send(res, 413, errorEnvelope('REQUEST.TOO_LARGE'));
    return NO_EVENT;
  }
  try {
    return JSON.parse(body || '{}');
  } catch {
    send(res, 400, errorEnvelope('REQUEST.INVALID'));
    return NO_EVENT;
  }
}

const declaredLength = (req: http.IncomingMessage): number | null => {
  const v = req.headers['content-length'];
  return v && /^\d+$/.test(v) ? Number(v) : null;
};

/**
 * 读 JSON 请求体；超过上限时得到 null（调用方答 413）。
 * 超限后不断开连接：剩下的字节照收照扔，客户端才读得到 413，而不是被重置。
 */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  const declared = declaredLength(req);
  if (declared !== null && declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    let size = 0;
    let over = false;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** 127.0.0.0/8、::1 以及 IPv4 映射的回环地址 */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

type Identity = { ok: true; openid: string | null } | { ok: false; code: 'AUTH.HEADER_IDENTITY_REFUSED' | 'AUTH.HEADER_IDENTITY_UNTRUSTED' };

/**
 * 请求头 x-openid 能不能当身份：
 * - production：从不（生产身份只来自平台注入的 OPENID）；
 * - local：只信本机直接连来的请求（回环地址、没有经过代理转发）；运营者明确设了 TRUST_IDENTITY_HEADER=true 才信任何来源。
 */
export function headerTrusted(env: Pick<LocalEnv, 'MODE' | 'TRUST_IDENTITY_HEADER'>, peer: string | undefined, headers: http.IncomingHttpHeaders): boolean {
  if (env.MODE !== 'local') return false;
  if (env.TRUST_IDENTITY_HEADER === 'true') return true;
  const proxied = headers['x-forwarded-for'] !== undefined || headers['forwarded'] !== undefined || headers['x-real-ip'] !== undefined;
  return isLoopback(peer) && !proxied;
}

function identityOf(req: http.IncomingMessage, env: LocalEnv): Identity {
  const header = req.headers['x-openid'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return { ok: true, openid: null };
  if (env.MODE !== 'local') return { ok: false, code: 'AUTH.HEADER_IDENTITY_REFUSED' };
  if (!headerTrusted(env, req.socket.remoteAddress, req.headers)) return { ok: false, code: 'AUTH.HEADER_IDENTITY_UNTRUSTED' };
  return { ok: true, openid: OPENID_PATTERN.test(value) ? value : null };
}

/** 启动时打印：运行在哪个模式、为什么，以及请求头身份信谁 */
export function describeStartup(env: LocalEnv): string[] {
  const why = { MODE: `MODE=${env.MODE}`, NODE_ENV: '没有设 MODE，而 NODE_ENV=production', default: '没有设 MODE，NODE_ENV 也不是 production' }[env.modeReason];
  const lines = [`运行模式：${env.MODE === 'local' ? '本地演示（local）' : '生产（production）'}——因为 ${why}`];
  if (env.MODE !== 'local') {
    lines.push('身份：拒绝请求头 x-openid（生产身份只来自微信平台注入的 OPENID）');
    return lines;
  }
  if (env.nodeEnvProduction) lines.push('⚠ 注意：NODE_ENV=production，但 MODE=local 明确要求本地演示模式');
  if (env.TRUST_IDENTITY_HEADER === 'true') {
    lines.push('⚠⚠ 警告：TRUST_IDENTITY_HEADER=true —— 任何能连上本服务的人都能用 x-openid 冒充任何人（包括召集人和政协办管理员）。只在可信的局域网演示时这样用。');
  } else {
    lines.push('身份：只信任本机（回环地址）直接发来的 x-openid 请求头；其他机器带这个头的请求被拒绝（要让局域网里的手机切换身份，设 TRUST_IDENTITY_HEADER=true）');
  }
  return lines;
}

/** 每人每小时的上传次数（本地服务进程内计数，重启清零） */
class UploadQuota {
  private readonly recent = new Map<string, number[]>();
  constructor(private readonly perHour: number) {}

  /** 占一个名额；没名额返回 false。上传失败时用 release 还回来 */
  take(openid: string, now: number): boolean {
    const kept = (this.recent.get(openid) ?? []).filter((t) => t > now - 3600_000);
    if (kept.length >= this.perHour) {
      this.recent.set(openid, kept);
      return false;
    }
    kept.push(now);
    this.recent.set(openid, kept);
    if (this.recent.size > 10_000) this.sweep(now);
    return true;
  }

  release(openid: string, at: number): void {
    const list = this.recent.get(openid);
    const i = list ? list.lastIndexOf(at) : -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  private sweep(now: number): void {
    for (const [k, list] of this.recent) if (!list.some((t) => t > now - 3600_000)) this.recent.delete(k);
  }
}

function cookieOf(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface StartedServer {
  url: string;
  runtime: LocalRuntime;
  env: LocalEnv;
  close(): Promise<void>;
}

/** 不给 env 时读进程环境与仓库根目录的 .env（见 _runtime/env.ts） */
export async function startServer(env: LocalEnv = loadLocalEnv()): Promise<StartedServer> {
  const dataDir = path.resolve(env.DATA_DIR);
  // 海报二维码里的链接：设了 PUBLIC_URL 用它（手机要能访问到），否则用实际监听的地址
  let listeningUrl = '';
  // 本地的时钟可以拨（POST /api/_dev setClock），拨过之后照常往前走
  const clock = new AdjustableClock();
  const runtime = createLocalRuntime({
    dataDir,
    clock,
    publicUrl: () => env.PUBLIC_URL ?? listeningUrl,
    appid: env.WEAPP_APPID,
    subscribeTemplates: env.SUBSCRIBE_TEMPLATE_IDS.split(',').map((s) => s.trim()).filter(Boolean),
  });
  if (env.SEED_DEMO === 'true') {
    const seeded = await seedDemoCounty(runtime.deps, { webhookUrl: env.DEMO_WECOM_WEBHOOK });
    if (seeded) await runtime.deliver();
  }
  // 三率汇总：升级前就有工单的数据目录还没有汇总（也没有看板用的派生列），启动时按全部工单重数一次
  if ((await runtime.store.listFigureCells()).length === 0 && (await runtime.store.countTickets({})) > 0) {
    const r = await runtime.store.reconcileFigures();
    console.log(`三率汇总：按 ${r.tickets} 张工单重数，${r.cells} 格。`);
  }

  const handlers: Record<string, Handler> = runtime.handlers;
  const h5Dir = path.join(REPO_ROOT, 'dist/h5');
  const staticFiles = fs.existsSync(path.join(h5Dir, 'index.html')) ? sirv(h5Dir, { dev: false, etag: true }) : null;
  const quota = new UploadQuota(env.UPLOADS_PER_HOUR);

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
  // 定时任务（到期提醒、升级、回头看、回头督）与云端 cron 同一个用例：每个间隔跑一轮，写进发件箱的随即投递
  let scheduling: Promise<unknown> | null = null;
  const tick = () => {
    if (!scheduling) {
      scheduling = runtime
        .scheduled()
        .catch((e) => console.error('scheduled round failed', e))
        .finally(() => {
          scheduling = null;
        });
    }
    deliverSoon();
  };
  const timer = setInterval(tick, env.OUTBOX_INTERVAL_MS);
  timer.unref();

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // 客户端中途断开、请求流出错：记下来，不让它变成进程级的未处理错误
    req.on('error', (e) => logError('request stream failed', url.pathname, e));
    res.on('error', (e) => logError('response stream failed', url.pathname, e));
    try {
      if (req.method === 'GET' && url.pathname === '/healthz') return send(res, 200, { ok: true, mode: env.MODE });

      if (url.pathname.startsWith('/api/')) {
        const id = identityOf(req, env);
        if (!id.ok) {
          req.resume();
          return send(res, 403, errorEnvelope(id.code));
        }
        if (req.method !== 'POST') {
          req.resume();
          return send(res, 405, errorEnvelope('REQUEST.INVALID'));
        }
        const name = url.pathname.slice('/api/'.length);
        if (name === 'upload') return await handleUpload(req, res, runtime, id.openid, quota);
        if (name === '_dev') {
          // 与 x-openid 同一条规则：生产模式从不；本地模式只信本机直连（或明确设了 TRUST_IDENTITY_HEADER=true）
          if (env.MODE !== 'local' || !headerTrusted(env, req.socket.remoteAddress, req.headers)) {
            req.resume();
            return send(res, 403, errorEnvelope(env.MODE !== 'local' ? 'DEV.LOCAL_ONLY' : 'DEV.UNTRUSTED'));
          }
          const event = await readJsonEvent(req, res);
          if (event === NO_EVENT) return;
          const result = await handleDev(event, runtime, clock);
          return send(res, result.ok ? 200 : 400, result);
        }
        const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
        if (!handler) {
          req.resume();
          return send(res, 404, errorEnvelope('REQUEST.UNKNOWN_ACTION'));
        }
        const event = await readJsonEvent(req, res);
        if (event === NO_EVENT) return;
        const result = await handler(event, { openid: id.openid });
        return send(res, 200, result);
      }

      if (req.method === 'GET' && url.pathname.startsWith('/files/uploads/')) return await serveUpload(req, res, url, runtime, env);
      if (req.method === 'GET' && url.pathname.startsWith(REPORT_URL_PREFIX)) return serveReport(res, url, runtime);

      if (staticFiles) return staticFiles(req, res, () => send(res, 404, errorEnvelope('REQUEST.NOT_FOUND')));
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('码上提本地接口已启动。页面尚未构建：请运行 npm start（会先构建 h5）。');
    } catch (e) {
      logError('request failed', url.pathname, e);
      send(res, 500, errorEnvelope('SYSTEM.UNAVAILABLE'));
    }
  });
  // HTTP 本身就坏了（请求行、头太长……）：也答一个带错误码的 JSON，再关连接
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (err as { code?: string }).code === 'ECONNRESET') return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify(errorEnvelope(status === 431 ? 'REQUEST.TOO_LARGE' : 'REQUEST.INVALID'));
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });

  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : env.PORT;
  listeningUrl = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
  return {
    url: listeningUrl,
    runtime,
    env,
    async close() {
      clearInterval(timer);
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (scheduling) await scheduling;
      if (delivering) await delivering;
      runtime.close();
    },
  };
}

/**
 * 提供上传的照片：类型按文件头嗅探（不看扩展名），带 nosniff，按沙箱文档处理，浏览器不会把它当网页执行。
 * 谁能看：urlsFor 发出的签名地址（视图已经判断过这个人能看这张工单），或者上传人自己（请求头身份或上传时发的 cookie）。
 */
async function serveUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, runtime: LocalRuntime, env: LocalEnv): Promise<void> {
  const name = url.pathname.slice('/files/uploads/'.length);
  const file = runtime.files.pathOf(name);
  if (!file || !fs.existsSync(file)) return send(res, 404, errorEnvelope('REQUEST.NOT_FOUND'));
  const signed = runtime.files.verifyUrl(name, url.searchParams.get('e'), url.searchParams.get('s'));
  if (!signed) {
    const id = identityOf(req, env);
    const viewer = (id.ok ? id.openid : null) ?? runtime.files.uploaderFromToken(cookieOf(req, UPLOADER_COOKIE));
    if (!viewer) return send(res, 401, errorEnvelope('AUTH.NO_IDENTITY'));
    if (!runtime.files.isUploader(name, viewer)) return send(res, 403, errorEnvelope('AUTH.FORBIDDEN'));
  }
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch {
    return send(res, 404, errorEnvelope('REQUEST.NOT_FOUND'));
  }
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(16);
    await handle.read(head, 0, 16, 0);
    const type = sniffImage(head);
    res.writeHead(200, {
      'content-type': type ? CONTENT_TYPES[type] : 'application/octet-stream',
      'content-length': size,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      ...(type ? {} : { 'content-disposition': 'attachment' }),
      'cache-control': 'private, max-age=3600',
    });
  } catch (e) {
    await handle.close();
    throw e;
  }
  const stream = handle.createReadStream({ start: 0, autoClose: true });
  stream.on('error', (e) => {
    logError('serving upload failed', url.pathname, e);
    res.destroy();
  });
  stream.pipe(res);
}

/**
 * 上传一张照片（multipart，字段 file）。每个结局都是带错误码的 JSON：
 * 没身份 AUTH.NO_IDENTITY；这一小时传太多 UPLOAD.RATE_LIMITED（429）；超过本县的照片上限 UPLOAD.TOO_LARGE（413）；
 * 不是 jpg / png、没有文件、表单没写完或被截断 UPLOAD.INVALID（400）。客户端中途断开不影响服务。
 */
async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, runtime: LocalRuntime, openid: string | null, quota: UploadQuota): Promise<void> {
  if (!openid) {
    req.resume();
    return send(res, 200, errorEnvelope('AUTH.NO_IDENTITY'));
  }
  const settings = await runtime.deps.loadSettings();
  const maxBytes = settings.maxPhotoBytes;
  const tooLarge = withMessageParams(errorEnvelope('UPLOAD.TOO_LARGE'), messageParams(settings));
  const bodyLimit = maxBytes + MULTIPART_OVERHEAD_BYTES;
  const declared = declaredLength(req);
  if (declared !== null && declared > bodyLimit) {
    req.resume();
    return send(res, 413, tooLarge);
  }
  let bb: busboy.Busboy;
  try {
    // 上限设成 maxBytes + 1：busboy 读到恰好等于上限就算截断，正好 maxBytes 的照片要能传
    bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes + 1, fields: 5, parts: 8, fieldSize: 1024 } });
  } catch {
    req.resume();
    return send(res, 400, errorEnvelope('UPLOAD.INVALID'));
  }
  const takenAt = Date.now();
  if (!quota.take(openid, takenAt)) {
    req.resume();
    return send(res, 429, errorEnvelope('UPLOAD.RATE_LIMITED'));
  }

  let answered = false;
  let saved = false;
  const answer = (status: number, body: unknown, headers?: http.OutgoingHttpHeaders) => {
    if (answered) return;
    answered = true;
    if (!saved) quota.release(openid, takenAt);
    // 不再交给 busboy；剩下的字节照收照扔，客户端读得到应答
    req.unpipe(bb);
    req.resume();
    send(res, status, body, headers);
  };

  let received = 0;
  req.on('data', (c: Buffer) => {
    received += c.length;
    if (received > bodyLimit) answer(413, tooLarge);
  });
  req.on('aborted', () => answer(400, errorEnvelope('UPLOAD.INVALID')));
  req.on('error', () => answer(400, errorEnvelope('UPLOAD.INVALID')));

  let got = false;
  bb.on('file', (_field, stream) => {
    got = true;
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    stream.on('limit', () => {
      truncated = true;
    });
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBytes) chunks.push(c);
    });
    stream.on('error', () => answer(400, errorEnvelope('UPLOAD.INVALID')));
    stream.on('end', () => {
      if (answered) return;
      if (truncated || size > maxBytes) return answer(413, tooLarge);
      const bytes = Buffer.concat(chunks);
      const ext = sniffImage(bytes);
      if (!ext || hidesMarkup(bytes)) return answer(400, errorEnvelope('UPLOAD.INVALID'));
      let fileId: string;
      try {
        fileId = runtime.files.save(bytes, ext, openid);
      } catch (e) {
        logError('saving upload failed', '/api/upload', e);
        return answer(500, errorEnvelope('SYSTEM.UNAVAILABLE'));
      }
      saved = true;
      // 上传人预览自己刚传的照片（<img> 不带 x-openid）：凭这个 cookie
      const cookie = `${UPLOADER_COOKIE}=${runtime.files.uploaderToken(openid)}; Path=/files/; HttpOnly; SameSite=Strict`;
      answer(200, { ok: true, data: { fileId } }, { 'set-cookie': cookie });
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
      for (const line of describeStartup(s.env)) console.log(`  ${line}`);
      const stop = () => s.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}

/**
 * 每月通报的 .xlsx：地址里的文件名带随机数，知道地址就能下（政协办的桌面浏览器直接点开下载），一天后过期。
 */
function serveReport(res: http.ServerResponse, url: URL, runtime: LocalRuntime): void {
  const name = decodeURIComponent(url.pathname.slice(REPORT_URL_PREFIX.length));
  const file = runtime.reports.pathOf(name, Date.now());
  if (!file) return send(res, 404, errorEnvelope('REQUEST.NOT_FOUND'));
  res.writeHead(200, {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name.replace(/-[\w-]{12}\.xlsx$/, '.xlsx'))}`,
    'cache-control': 'no-store',
  });
  fs.createReadStream(file).pipe(res);
}
