/**
 * issue 12 端到端：政协办在办公室电脑上（Chromium 1280×800，鼠标）打开三率看板，往前翻一个月再翻回来，
 * 导出每月通报：浏览器下载到一个 .xlsx，读回来有按小组、按联络站的表，合计一行的"收到"与页面上的大数字一致。
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { periodLabel, periodOf, previousPeriod } from '../../shared/domain/figures';
import { readWorkbook } from '../integration/xlsx-reader';
import { openRoute, startE2E, testId, waitForText, type E2E } from './harness';

jest.setTimeout(180_000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 600_000);

afterAll(async () => {
  await e2e?.close();
});

test('政协办打开看板、换月份、导出每月通报', async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[政协办电脑] 页面脚本出错：', err.message));
  await openRoute(page, e2e.baseUrl, 'demo-admin', '/packages/admin/dashboard/index');

  const thisMonth = periodOf(new Date().toISOString());
  await waitForText(testId(page, 'month-label').first(), periodLabel(thisMonth));
  await testId(page, 'dashboard').first().waitFor();
  await testId(page, 'rate-response').first().waitFor();
  await testId(page, 'definitions').first().waitFor();

  await testId(page, 'month-prev').first().click();
  await waitForText(testId(page, 'month-label').first(), periodLabel(previousPeriod(thisMonth)));
  await testId(page, 'month-next').first().click();
  await waitForText(testId(page, 'month-label').first(), periodLabel(thisMonth));
  const received = (await testId(page, 'num-received').first().locator('.dash-number__value').innerText()).trim();

  const [download] = await Promise.all([page.waitForEvent('download'), testId(page, 'export-report').first().click()]);
  expect(download.suggestedFilename()).toBe(`每月通报-${thisMonth}.xlsx`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mst-report-')), 'report.xlsx');
  await download.saveAs(file);
  const book = await readWorkbook(fs.readFileSync(file));
  expect(Object.keys(book)).toEqual(expect.arrayContaining(['概述', '按小组', '按联络站', '过期与不满意', '热点话题']));
  const rows = book['按联络站']!.rows;
  expect(rows[rows.length - 1]!.slice(0, 2)).toEqual(['合计', received]);
  await context.close();
});
