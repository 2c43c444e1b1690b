/**
 * 端到端测试的运行环境：需要时先构建 h5，在空闲端口上用全新的临时数据目录起本地服务（带演示县），
 * 再启动 Debian 的 Chromium（手机尺寸、可触摸），测试结束全部清理。
 *
 * 选择器只用页面上看得见的中文或 data-testid；Taro h5 会把前面的页面留在 DOM 里隐藏着，
 * 所以一律在"当前可见的页面"里找（见 current()）。
 *
 * 不按固定时长睡：等用户等的东西——页面切换结束（settled()）、要去的页面出现（open()、arrived()），
 * 其余由测试等它要看的元素出现（locator.waitFor）。每部手机数自己收到的轻触（taps()）。
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

/**
 * 每部手机的页面里数用户的轻触：一根手指按下（touchstart）算一下。存 sessionStorage，页面重载也不丢；
 * 只在顶层页面里数。Playwright 的 tap() 会发出真的触摸事件，所以这是页面实际收到的次数，不是测试自己记的。
 */
const COUNT_TAPS = `(() => {
  if (window !== window.top) return;
  addEventListener('touchstart', (e) => {
    if (e.touches.length !== 1) return;
    sessionStorage.setItem('__mstTaps', String(Number(sessionStorage.getItem('__mstTaps') || 0) + 1));
  }, { capture: true, passive: true });
})();`;

/**
 * 以 openid 的身份打开 hash 路由下的页面，等它显示出来、切换结束（手机和电脑的浏览器都用它）。
 * 上一次跳转还在动画里时换页，会把要回去的页面留在隐藏状态（PLATFORM-NOTES）：先等它结束。
 */
export async function openRoute(page: Page, baseUrl: string, openid: string, route: string): Promise<void> {
  const url = `${baseUrl}/?as=${encodeURIComponent(openid)}#${route}`;
  if (page.url() === url) return settled(page); // 同一地址不会换页
  // 只改 hash 时文档不重载，要等的是"旧的那一页之后新进入的一页"（同一路径、不同查询串时也换了页）
  let from: string | null = null;
  if (page.url().split('#')[0] === url.split('#')[0]) {
    await settled(page);
    from = await topPageId(page);
  }
  await page.goto(url);
  await arrived(page, route, from);
}

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
  /** 打开 hash 路由下的页面，如 `/pages/station/index?station=demo-station-1`，等它显示出来、切换结束 */
  open(route: string): Promise<void>;
  /** 这部手机到现在为止收到的轻触次数（页面实际收到的触摸，见 COUNT_TAPS） */
  taps(): Promise<number>;
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

/**
 * dist/h5 不存在或比源码旧时构建（约 20–40 秒），免得测到过期的页面。jest 并行跑两个 e2e 文件，
 * 两个进程同时构建会互相覆盖 dist/h5：用一个目录锁让一个构建、另一个等它完再看是否还需要构建。
 */
export function ensureH5Build(): void {
  const lock = path.join(ROOT, 'dist/.h5-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // 别的进程正在构建；锁放了 10 分钟以上当作残留（构建进程被杀）
      const held = fs.statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (held) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    buildH5IfStale();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function buildH5IfStale(): void {
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
      await context.addInitScript(COUNT_TAPS);
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error(`[${openid}] 页面脚本出错：`, err.message));
      return {
        context,
        page,
        openid,
        open: (route: string) => openRoute(page, baseUrl, openid, route),
        async taps() {
          return page.evaluate(() => Number(sessionStorage.getItem('__mstTaps') || 0));
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

/**
 * 页面切换结束：最上面的页面入场动画已完（taro_page_stationed），其余页面都已遮住（taro_page_shade）。
 * Taro 的路由在跳转后过一个动画时长才给旧页面加 taro_page_shade；这之前"返回"，那个迟到的 shade
 * 会把返回到的页面藏起来——所以换页、返回之前等到这里成立，而不是睡一个固定时长。
 */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const pages = Array.from(document.querySelectorAll('.taro_router > .taro_page'));
      const top = pages[pages.length - 1];
      return !!top && top.classList.contains('taro_page_stationed') && pages.slice(0, -1).every((p) => p.classList.contains('taro_page_shade'));
    },
    undefined,
    { timeout, polling: 'raf' },
  );
}

/** 最上面那一页的 id（Taro 用"路径?stamp=序号"，每次进入一页都是新的 stamp）；还没有页面时为 null */
export function topPageId(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const pages = document.querySelectorAll('.taro_router > .taro_page');
    return pages.length ? pages[pages.length - 1]!.id : null;
  });
}

/**
 * 到了 route 那一页（只比路径，不比查询串）：地址栏的 hash 是它，最上面的页面是它（给了 from 时还得是
 * from 之后新进入的一页），切换已结束。
 */
export async function arrived(page: Page, route: string, from: string | null = null, timeout = 15_000): Promise<void> {
  const target = route.split('?')[0]!.replace(/^\//, '');
  await page.waitForFunction(
    // 在浏览器里执行：不定义具名的内部函数（tsx 会给它们包上页面里没有的 __name）
    ([path, previous]) => {
      const pages = Array.from(document.querySelectorAll('.taro_router > .taro_page'));
      const top = pages[pages.length - 1];
      return (
        location.hash.replace(/^#\/?/, '').split('?')[0] === path &&
        !!top &&
        top.id !== previous &&
        top.id.replace(/^\//, '').split('?')[0] === path &&
        top.classList.contains('taro_page_stationed') &&
        pages.slice(0, -1).every((p) => p.classList.contains('taro_page_shade'))
      );
    },
    [target, from] as const,
    { timeout, polling: 'raf' },
  );
}

/** 轻触一个会跳转的东西（列表项、通知），等到 route 那一页显示出来、切换结束 */
export async function tapInto(page: Page, target: Locator, route: string): Promise<void> {
  const from = await topPageId(page);
  await target.tap();
  await arrived(page, route, from);
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

/** 轻触一个按钮或一段文字（链接）；它若引起换页，等换页结束（结果由测试等它要看的元素） */
export async function tap(page: Page, value: string, exact = true): Promise<void> {
  const btn = button(page, value);
  await (exact && (await btn.count()) > 0 ? btn : text(page, value, exact)).tap();
  await settled(page);
}

export async function tapTestId(page: Page, id: string): Promise<void> {
  await testId(page, id).first().tap();
  await settled(page);
}

/**
 * 等 target 的文字变成 expected（exact：整段相等，去掉首尾空白；否则包含），如点了"接单"后等状态变成"已接单"。
 * 等不到时报出实际的文字。
 */
export async function waitForText(target: Locator, expected: string, exact = true, timeout = 15_000): Promise<void> {
  const pattern = exact ? new RegExp(`^\\s*${escapeRegExp(expected)}\\s*$`) : expected;
  try {
    await target.filter({ hasText: pattern }).first().waitFor({ timeout });
  } catch {
    const actual = await target
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => null);
    throw new Error(`等"${expected}"${exact ? '' : '（包含）'}没等到：${actual === null ? '找不到这个元素' : `实际是"${actual.trim()}"`}`);
  }
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
