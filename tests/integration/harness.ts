/**
 * 集成测试的公共部分：临时目录里的真实 SQLite、可拨动的时钟、演示县的通讯录（不带演示工单，结果可预期）。
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../cloudfunctions/_local/runtime';
import { seedDemoCounty } from '../../cloudfunctions/_runtime/demo-county';
import type { Envelope } from '../../shared/api/envelope';

export class TestClock {
  constructor(public current = new Date('2026-11-20T02:00:00.000Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const HOUR = 3_600_000;

export function tempDir(prefix = 'mashangti-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestApp {
  rt: LocalRuntime;
  clock: TestClock;
  dir: string;
  intake<T = any>(openid: string | null, action: string, payload?: Record<string, unknown>): Promise<Envelope<T>>;
  work<T = any>(openid: string | null, action: string, payload?: Record<string, unknown>): Promise<Envelope<T>>;
  /** 提交一条反映并断言成功，返回工单 id */
  submit(openid: string, text: string, extra?: Record<string, unknown>): Promise<string>;
  close(): void;
}

let seq = 0;

export async function createTestApp(options: Partial<LocalRuntimeOptions> & { dir?: string; seed?: boolean } = {}): Promise<TestApp> {
  const dir = options.dir ?? tempDir();
  const clock = new TestClock();
  const rt = createLocalRuntime({ dataDir: dir, clock, logger: { error: () => {} }, ...options });
  if (options.seed !== false) await seedDemoCounty(rt.deps, { tickets: false });
  const app: TestApp = {
    rt,
    clock,
    dir,
    intake: (openid, action, payload = {}) => rt.handlers.intake({ action, ...payload }, { openid }) as Promise<Envelope<any>>,
    work: (openid, action, payload = {}) => rt.handlers.work({ action, ...payload }, { openid }) as Promise<Envelope<any>>,
    async submit(openid, text, extra = {}) {
      const r = await app.intake<{ ticketId: string }>(openid, 'submitReport', { stationId: 'demo-station-1', text, clientRequestId: `req-${Date.now()}-${++seq}`, ...extra });
      if (!r.ok) throw new Error(`submit failed: ${r.error.code}`);
      return r.data.ticketId;
    },
    close: () => rt.close(),
  };
  return app;
}

export function expectCode(r: Envelope<unknown>, code: string): void {
  if (r.ok) throw new Error(`expected ${code}, got ok: ${JSON.stringify(r.data).slice(0, 200)}`);
  expect(r.error.code).toBe(code);
  expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
}

export async function countTickets(app: TestApp): Promise<number> {
  const page = await app.rt.store.listTickets({}, { limit: 1000 });
  return page.items.length;
}
