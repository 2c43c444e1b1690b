/**
 * issue 10 端到端：政协办在办公室电脑上（Chromium 1280×800，鼠标，不触摸），以 demo-admin（全县管理员）：
 * 建委员小组 → 在组里建联络站 → 添加委员、发邀请码 → 打开海报，从海报截图里解出二维码 →
 * 居民在自己的手机上打开解出的链接、提交一条反映 → 新委员在另一部手机上用邀请码绑定，在待接单里看到这条反映。
 * 从打开管理后台到"站已上线、第一条反映进了委员的待接单"用了多久，打印出来（给收尾说明用的数字，不设时限）。
 * 另外：粘贴导入的预览把有问题的行标红、写明原因；县级设置超出范围时提示出现在那一项下面。
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { arrived, current, fill, openRoute, screenshot, startE2E, tap, tapTestId, testId, topPageId, waitForText, type E2E } from './harness';

// jest.config.js 里 e2e 项目的 testTimeout 在项目级不生效，这里显式设置
jest.setTimeout(180_000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 600_000); // 源码比 dist/h5 新时先构建：机器忙时要好几分钟

afterAll(async () => {
  await e2e?.close();
});

interface Desk {
  page: Page;
  /** 打开 hash 路由下的页面，等它显示出来、切换结束 */
  open(route: string): Promise<void>;
}

/** 办公室的电脑：1280×800 的桌面浏览器，用鼠标点（没有触摸），以 openid 的身份 */
async function desk(openid: string): Promise<Desk> {
  const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[${openid} 电脑] 页面脚本出错：`, err.message));
  return {
    page,
    open: (route: string) => openRoute(page, e2e.baseUrl, openid, route),
  };
}

/** 点一下会换页的东西（导航、"打印海报"），等新的一页显示出来 */
async function clickInto(page: Page, id: string, route: string): Promise<void> {
  const from = await topPageId(page);
  await testId(page, id).first().click();
  await arrived(page, route, from);
}

/** 在选项块里点文字为 label 的那个 */
async function choose(page: Page, id: string, label: string): Promise<void> {
  await testId(page, id).locator(`[data-testid="${id}-option"]`).filter({ hasText: label }).first().click();
}

async function click(page: Page, id: string): Promise<void> {
  await testId(page, id).first().click();
}

/** 截下海报上的码，解出里面的链接 */
async function decodePosterCode(page: Page): Promise<string> {
  const code = testId(page, 'poster-code').first();
  await code.waitFor();
  // 等图片真的解码显示出来，而不是只等元素出现
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.taro_page:last-child [data-testid="poster-code"] img');
    return !!img && img.complete && img.naturalWidth > 0;
  });
  const png = PNG.sync.read(await code.screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
  if (!found) throw new Error(`海报上的码没有解出来（截图 ${png.width}×${png.height}）`);
  return found.data;
}

test('政协办建组、建站、加委员发邀请码、印海报；居民扫海报上的码反映，新委员绑定后在待接单里看到它', async () => {
  const groupName = '铁山区第一委员小组';
  const stationName = '鹿獐山社区委员联络室';
  const memberName = '周建华';
  const report = '鹿獐山社区二号楼后面的排水沟堵了，一下雨污水就漫到楼道口，老人进出很不方便';

  // 1. 打开管理后台
  const office = await desk('demo-admin');
  const o = office.page;
  const started = Date.now();
  await office.open('/packages/admin/index/index');
  await waitForText(testId(o, 'admin-who'), '管理全县（市）', false);
  await screenshot(o, 'admin-home');

  // 2. 建委员小组
  await clickInto(o, 'nav-groups', '/packages/admin/groups/index');
  await click(o, 'new-group');
  await fill(o, 'group-name', groupName);
  await fill(o, 'group-area', '铁山区');
  await click(o, 'save-group');
  await waitForText(testId(o, 'notice'), `已建好「${groupName}」`, false);

  // 3. 给这个小组建联络站（表单里已选好小组）
  await clickInto(o, 'group-new-station', '/packages/admin/stations/index');
  await testId(o, 'station-form').waitFor();
  await expect(testId(o, 'station-group').locator('[aria-checked="true"]').textContent()).resolves.toBe(groupName);
  await fill(o, 'station-name', stationName);
  await fill(o, 'station-address', '黄石市铁山区鹿獐山社区居委会二楼');
  await fill(o, 'station-hours', '每周三下午 2:30–5:00');
  await fill(o, 'station-phone', '0714-5326001');
  await click(o, 'save-station');
  await waitForText(testId(o, 'notice'), `已建好「${stationName}」`, false);
  const stationRow = testId(o, 'station-row').filter({ hasText: stationName });
  await expect(stationRow.locator('[data-testid="station-state"]').textContent()).resolves.toBe('受理中');
  await screenshot(o, 'admin-stations');

  // 4. 添加委员，发邀请码
  await clickInto(o, 'nav-members', '/packages/admin/members/index');
  await click(o, 'new-member');
  await fill(o, 'member-name', memberName);
  await fill(o, 'member-sector', '经济界');
  await fill(o, 'member-phone', '13907145566');
  await choose(o, 'member-group', groupName);
  await click(o, 'save-member');
  await waitForText(testId(o, 'notice'), `已添加${memberName}`, false);
  await click(o, 'notice-issue-invite');
  const memberRow = testId(o, 'member-row').filter({ hasText: memberName });
  const rowNotice = memberRow.locator('[data-testid="row-notice"]');
  await rowNotice.waitFor();
  const inviteCode = /邀请码：(\w+)/.exec((await rowNotice.textContent()) ?? '')?.[1];
  expect(inviteCode).toBeTruthy();
  await waitForText(memberRow.locator('[data-testid="member-invite"]'), inviteCode!, false);
  await expect(memberRow.locator('[data-testid="member-bound"]').textContent()).resolves.toBe('未绑定');
  await screenshot(o, 'admin-members');

  // 5. 海报：从联络站列表点"海报"，截下码解出链接
  await clickInto(o, 'nav-stations', '/packages/admin/stations/index');
  const from = await topPageId(o);
  await testId(o, 'station-row').filter({ hasText: stationName }).locator('[data-testid="station-poster"]').click();
  await arrived(o, '/packages/admin/poster/index', from);
  await waitForText(testId(o, 'poster-station'), stationName);
  await expect(testId(o, 'poster-phone').textContent()).resolves.toContain('0714-5326001');
  await expect(testId(o, 'poster').first().textContent()).resolves.toContain(groupName);
  await expect(testId(o, 'poster-privacy').textContent()).resolves.toContain('只有接单办理的委员');
  const link = await decodePosterCode(o);
  expect(link).toMatch(/#\/pages\/station\/index\?station=/);
  await testId(o, 'poster').first().screenshot({ path: '/tmp/mst-admin-poster.png' });

  // 6. 居民：手机打开解出的链接（和扫码一样），看到新站，写一条反映提交
  const resident = await e2e.phone('admin-e2e-resident');
  const r = resident.page;
  await r.goto(link);
  await arrived(r, '/pages/station/index');
  await waitForText(testId(r, 'station-name'), stationName);
  await tap(r, '我要反映');
  await fill(r, 'report-text', report);
  await tapTestId(r, 'submit');
  await testId(r, 'ticket-no').waitFor({ timeout: 15_000 });

  // 7. 新委员：另一部手机，用邀请码绑定，进入工作台，待接单里有这条反映
  const member = await e2e.phone('admin-e2e-new-member');
  const m = member.page;
  await member.open('/packages/work/bind/index');
  await fill(m, 'invite-code', inviteCode!);
  const bindFrom = await topPageId(m);
  await tap(m, '绑定');
  await arrived(m, '/packages/work/queue/index', bindFrom);
  await waitForText(testId(m, 'whoami'), `${memberName} · ${groupName}`, false);
  await testId(m, 'queue-item').filter({ hasText: report.slice(0, 12) }).first().waitFor({ timeout: 15_000 });
  const seconds = (Date.now() - started) / 1000;
  console.log(`从打开管理后台到"站已上线、第一条反映进了新委员的待接单"：${seconds.toFixed(1)} 秒（由测试脚本操作，含建组、建站、加委员、发码、印海报、扫码反映、绑定）`);
  await screenshot(m, 'admin-member-queue');

  // 8. 回到后台：委员显示已绑定，联络站有 1 件未办结，操作记录里有这几步
  await office.open('/packages/admin/members/index');
  await waitForText(testId(o, 'member-row').filter({ hasText: memberName }).locator('[data-testid="member-bound"]'), '已绑定微信');
  await office.open('/packages/admin/stations/index');
  await waitForText(testId(o, 'station-row').filter({ hasText: stationName }).locator('[data-testid="station-counts"]'), '未办结 1', false);
  await office.open('/packages/admin/audit/index');
  const audit = testId(o, 'audit-list');
  await audit.waitFor();
  for (const line of [`保存委员小组 · 委员小组「${groupName}」`, `保存联络站 · 联络站「${stationName}」`, `保存委员 · 委员「${memberName}」`, `发邀请码 · 委员「${memberName}」`]) {
    await expect(audit.textContent()).resolves.toContain(line);
  }
  await screenshot(o, 'admin-audit');
});

test('粘贴导入：预览把有问题的行标红并写明原因，导入其余的，给出邀请码', async () => {
  const office = await desk('demo-admin');
  const o = office.page;
  await office.open('/packages/admin/import/index');
  const pasted = [
    '姓名\t小组\t身份\t电话\t界别',
    '赵　敏\t下陆区第三委员小组\t委员\t13807148801\t科技界',
    '',
    '钱国栋，下陆区第三委员小组，召集人，，教育界',
    '孙丽\t不存在的小组\t委员\t\t',
    '李四\t下陆区第三委员小组\t组员\t\t',
  ].join('\n');
  await fill(o, 'paste', pasted);
  await click(o, 'preview-import');
  await testId(o, 'import-preview').waitFor();
  await expect(testId(o, 'import-row').count()).resolves.toBe(2);
  const bad = testId(o, 'import-row-bad');
  await expect(bad.count()).resolves.toBe(2);
  await expect(bad.filter({ hasText: '孙丽' }).textContent()).resolves.toContain('这一行的委员小组不存在');
  await expect(bad.filter({ hasText: '李四' }).textContent()).resolves.toContain('身份只能是"委员"或"召集人"');
  await expect(testId(o, 'import-row').filter({ hasText: '赵敏' }).textContent()).resolves.toContain('第 2 行');
  await screenshot(o, 'admin-import-preview');

  await click(o, 'run-import');
  await waitForText(testId(o, 'import-result'), '已导入 2 人', false);
  await expect(testId(o, 'import-row').filter({ hasText: '钱国栋' }).locator('[data-testid="import-row-result"]').textContent()).resolves.toMatch(/已导入 · 邀请码 \w+/);

  // 邀请条：两张，各有姓名、小组和码
  await clickInto(o, 'print-import-slips', '/packages/admin/slips/index');
  await expect(testId(o, 'slip').count()).resolves.toBe(2);
  await expect(testId(o, 'slip').filter({ hasText: '钱国栋' }).textContent()).resolves.toContain('下陆区第三委员小组');
  await screenshot(o, 'admin-slips');
});

test('县级设置超出范围：SETTINGS.INVALID 的中文提示出现在那一项下面，改好后保存', async () => {
  const office = await desk('demo-admin');
  const o = office.page;
  await office.open('/packages/admin/settings/index');
  await testId(o, 'settings-form').waitFor();
  await fill(o, 'setting-maxPhotos', '12');
  await click(o, 'save-settings');
  const err = testId(o, 'error-maxPhotos');
  await waitForText(err, '设置的数值超出了允许的范围。');
  await expect(current(o).locator('[data-testid="error-maxTextLength"]').count()).resolves.toBe(0);
  await fill(o, 'setting-maxPhotos', '4');
  await click(o, 'save-settings');
  await waitForText(testId(o, 'notice'), '已保存', false);
  await expect(testId(o, 'setting-maxPhotos').locator('input').inputValue()).resolves.toBe('4');
});
