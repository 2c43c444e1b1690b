/**
 * 测本地服务用的原始 HTTP：node:net 直接写字节，能发出浏览器和 fetch 发不出的请求（没写完的表单、超大的体），
 * 并如实告诉测试：拿到了什么应答，还是连接被重置。
 */
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type RawOutcome = { kind: 'response'; response: RawResponse } | { kind: 'reset'; error: string } | { kind: 'closed-without-response' };

function parse(raw: Buffer): RawResponse | null {
  const text = raw.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const length = Number(headers['content-length'] ?? NaN);
  const bodyBytes = raw.subarray(Buffer.byteLength(text.slice(0, end + 4), 'latin1'));
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const body = dechunk(bodyBytes);
    return body ? { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') } : null;
  }
  if (!Number.isNaN(length) && bodyBytes.length < length) return null;
  return { status: Number(statusLine.split(' ')[1]), headers, body: bodyBytes.subarray(0, Number.isNaN(length) ? undefined : length).toString('utf8') };
}

/** 分块编码的应答体；还没收全时为 null */
function dechunk(b: Buffer): Buffer | null {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = b.indexOf('\r\n', at);
    if (eol < 0) return null;
    const size = parseInt(b.subarray(at, eol).toString('latin1'), 16);
    if (Number.isNaN(size)) return null;
    if (size === 0) return Buffer.concat(out);
    if (b.length < eol + 2 + size + 2) return null;
    out.push(b.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

export interface RawRequest {
  /** 依次写出的片段 */
  parts: Array<string | Buffer>;
  /** 写完后：half 只关写的一侧（还在读），destroy 直接断开，keep 保持连接 */
  then?: 'half' | 'destroy' | 'keep';
  timeoutMs?: number;
}

/** 发一个原始请求，等到一个完整的应答、连接被关或被重置 */
export function rawRequest(url: string, req: RawRequest): Promise<RawOutcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    let got = Buffer.alloc(0);
    let done = false;
    const finish = (o: RawOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => finish({ kind: 'closed-without-response' }), req.timeoutMs ?? 10_000);
    socket.on('data', (c: Buffer) => {
      got = Buffer.concat([got, c]);
      const r = parse(got);
      if (r) finish({ kind: 'response', response: r });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => finish({ kind: 'reset', error: e.code ?? e.message }));
    socket.on('close', () => {
      const r = parse(got);
      finish(r ? { kind: 'response', response: r } : { kind: 'closed-without-response' });
    });
    socket.on('connect', async () => {
      for (const p of req.parts) {
        if (done || socket.destroyed) return;
        const ok = socket.write(p);
        if (!ok) await new Promise<void>((r) => socket.once('drain', r).once('close', r));
      }
      if (req.then === 'destroy') socket.destroy();
      else if (req.then !== 'keep') socket.end();
    });
  });
}

/** 只用一次就关的连接：一个请求（头 + 体） */
export function httpHead(method: string, path: string, headers: Record<string, string | number>): string {
  return `${method} ${path} HTTP/1.1\r\nhost: localhost\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
}

export const BOUNDARY = '----mstTestBoundary7MA4YWxkTrZu0gW';

/** multipart 里一个文件字段的开头和结尾 */
export function multipart(file: Buffer, filename = 'photo.jpg'): { head: string; tail: string; body: Buffer } {
  const head = `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${filename}"\r\ncontent-type: image/jpeg\r\n\r\n`;
  const tail = `\r\n--${BOUNDARY}--\r\n`;
  return { head, tail, body: Buffer.concat([Buffer.from(head), file, Buffer.from(tail)]) };
}
