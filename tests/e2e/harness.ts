/**
 * 端到端测试的运行环境：需要时先构建 h5，在空闲端口上用全新的临时数据目录起本地服务（带演示县），
 * 再启动 Debian 的 Chromium（手机尺寸、可触摸），测试结束全部清理。
 *
 * 选择器只用页面上看得见的中文或 data-testid；Taro h5 会把前面的页面留在 DOM 里隐藏着，
 * 所以一律在"当前可见的页面"里找（见 current()）。
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const H5_INDEX = path.join(ROOT, 'dist/h5/index.html');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** 页面切换动画结束前"返回"会让上一页停在隐藏状态（PLATFORM-NOTES），每次跳转后等一等。 */
export const SETTLE_MS = 400;

export interface E2E {
  baseUrl: string;
  browser: Browser;
  /** 一部手机：独立的 localStorage（身份、草稿），以 openid 的身份打开 */
  phone(openid: string): Promise<Phone>;
  close(): Promise<void>;
}

export interface Phone {
  context: BrowserContext;
  page: Page;
  openid: string;
  /** 打开 hash 路由下的页面，如 `/pages/station/index?station=demo-station-1` */
  open(route: string): Promise<void>;
}

/** 源码（页面、构建配置、编进页面的 shared/）里最新的修改时间 */
function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(tsx?|css|html|json|js)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of ['miniprogram/src', 'miniprogram/config', 'shared']) walk(path.join(ROOT, d));
  for (const f of ['miniprogram/babel.config.js']) if (fs.existsSync(path.join(ROOT, f))) newest = Math.max(newest, fs.statSync(path.join(ROOT, f)).mtimeMs);
  return newest;
}

/** dist/h5 不存在或比源码旧时构建（约 20–40 秒），免得测到过期的页面。 */
export function ensureH5Build(): void {
  if (fs.existsSync(H5_INDEX) && fs.statSync(H5_INDEX).mtimeMs >= newestSourceMtime()) return;
  const taro = path.join(ROOT, 'node_modules/.bin/taro');
  const r = spawnSync(taro, ['build', '--type', 'h5'], { cwd: path.join(ROOT, 'miniprogram'), stdio: 'pipe', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0 || !fs.existsSync(H5_INDEX)) {
    throw new Error(`h5 构建失败（退出码 ${r.status}）：\n${(r.stdout ?? '').slice(-2000)}\n${(r.stderr ?? '').slice(-2000)}`);
  }
  // 内容没变时 webpack 不重写 index.html：手动更新时间，下次不再误判为过期
  const now = new Date();
  fs.utimesSync(H5_INDEX, now, now);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(url: string, server: ChildProcess, log: () => string, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`本地服务启动失败（退出码 ${server.exitCode}）：\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // 还没起来
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`本地服务 ${timeoutMs / 1000} 秒内没有就绪：\n${log()}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startE2E(): Promise<E2E> {
  ensureH5Build();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`找不到 Chromium（${CHROMIUM}）：请先 apt-get install -y chromium fonts-noto-cjk`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mst-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const server = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['cloudfunctions/_local/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, MODE: 'local', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: 'true', OUTBOX_INTERVAL_MS: '200' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr?.on('data', (c: Buffer) => (output += c.toString()));

  let browser: Browser | null = null;
  try {
    await waitForHealthy(baseUrl, server, () => output.slice(-4000));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (e) {
    await stopProcess(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const b = browser;
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    browser: b,
    async phone(openid: string) {
      const context = await b.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error(`[${openid}] 页面脚本出错：`, err.message));
      return {
        context,
        page,
        openid,
        async open(route: string) {
          await page.goto(`${baseUrl}/?as=${encodeURIComponent(openid)}#${route}`);
          await page.waitForTimeout(SETTLE_MS);
        },
      };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await b.close().catch(() => undefined);
      await stopProcess(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** 当前可见的页面（Taro h5 把页面栈里的旧页面隐藏着留在 DOM 里） */
export function current(page: Page): Locator {
  return page.locator('.taro_page').filter({ visible: true }).last();
}

/** 当前页面里看得见的一段文字 */
export function text(page: Page, value: string | RegExp, exact = true): Locator {
  return current(page).getByText(value, { exact }).filter({ visible: true }).first();
}

export function testId(page: Page, id: string): Locator {
  return current(page).locator(`[data-testid="${id}"]`).filter({ visible: true });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** 文字为 label 的按钮（NutUI 的 Button 由外层接收点击，里面的文字不接收） */
export function button(scope: Page | Locator, label: string): Locator {
  const root = 'goto' in scope ? current(scope) : scope;
  return root.locator('.nut-button').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }).filter({ visible: true }).first();
}

/** 轻触一个按钮或一段文字（链接），再等页面稳定 */
export async function tap(page: Page, value: string, exact = true): Promise<void> {
  const btn = button(page, value);
  await (exact && (await btn.count()) > 0 ? btn : text(page, value, exact)).tap();
  await page.waitForTimeout(SETTLE_MS);
}

export async function tapTestId(page: Page, id: string): Promise<void> {
  await testId(page, id).first().tap();
  await page.waitForTimeout(SETTLE_MS);
}

/** 往当前页面的输入框里填字（Taro 的 Input/Textarea 在 h5 上是原生 input/textarea） */
export async function fill(page: Page, id: string, value: string): Promise<void> {
  const host = testId(page, id).first();
  const native = host.locator('xpath=self::input | self::textarea | .//input | .//textarea').first();
  await native.fill(value);
}

/** 截图给人看（不入库），路径在 /tmp */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(os.tmpdir(), `mst-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** 直接调本地接口（准备数据用，如"另一位居民先提交了一条"）；返回 data，失败时抛出 */
export async function callApi<T = unknown>(baseUrl: string, fn: 'intake' | 'work', openid: string, payload: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${baseUrl}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(payload),
  });
  const body = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${fn}.${String(payload.action)} 失败：${body.error?.code} ${body.error?.message}`);
  return body.data as T;
}
