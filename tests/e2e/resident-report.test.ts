/**
 * issue 2 端到端：居民扫码（打开联络站链接）→ 填写 → 提交 → 拿到编号 → 我的反映里看到"待接单"；
 * 委员在消息中心看到新反映。还有：空提交给出中文提示且已填内容不丢；提交失败后重试沿用同一个
 * clientRequestId；第二位居民看到相似反映并点"我也遇到了"。
 */
import { ERROR_MESSAGES } from '@shared/domain/errors';
import { button, callApi, current, fill, screenshot, settled, startE2E, tap, tapInto, tapTestId, testId, text, waitForText, type E2E } from './harness';

// jest.config.js 里 e2e 项目的 testTimeout 在项目级不生效，这里显式设置
jest.setTimeout(120_000);

let e2e: E2E;

/** 1×1 的 PNG，够服务端按文件头认出是图片 */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

const STATION = '/pages/station/index?station=demo-station-1';

test('居民从联络站链接进入，提交反映，拿到编号，在我的反映里看到待接单；委员在消息中心收到新反映', async () => {
  const resident = await e2e.phone('demo-resident-1');
  const { page } = resident;
  await resident.open(STATION);

  await expect(testId(page, 'station-name').textContent()).resolves.toBe('箭楼社区委员联络室');
  await expect(text(page, '下陆区第三委员小组', false).isVisible()).resolves.toBe(true);
  await expect(testId(page, 'current-identity').textContent()).resolves.toContain('demo-resident-1');
  await screenshot(page, 'station');

  await tap(page, '我要反映');
  const report = '菜市场后面那条巷子的下水道堵了一个星期，污水漫到路上，老人买菜只能踮着脚走';
  await fill(page, 'report-text', report);
  await waitForText(testId(page, 'counter'), `${report.length}/1000`);
  await tapTestId(page, 'kind-problem');
  await fill(page, 'contact-name', '张阿姨');
  await fill(page, 'contact-phone', '13812345678');
  await tapTestId(page, 'privacy'); // 离开电话输入框

  // 加两张照片，删掉一张
  for (let i = 0; i < 2; i++) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), testId(page, 'add-photo').first().tap()]);
    await chooser.setFiles({ name: `photo-${i}.png`, mimeType: 'image/png', buffer: TINY_PNG });
    await testId(page, 'photo').nth(i).waitFor({ timeout: 10_000 });
  }
  await testId(page, 'photo').nth(1).getByText('删除').tap();
  await testId(page, 'photo').nth(1).waitFor({ state: 'detached' });
  await expect(testId(page, 'photo').count()).resolves.toBe(1);
  await expect(testId(page, 'contact-phone-masked').textContent()).resolves.toContain('138****5678');
  await screenshot(page, 'report');

  await tapTestId(page, 'submit');
  const no = testId(page, 'ticket-no');
  await no.waitFor({ timeout: 15_000 });
  const ticketNo = ((await no.textContent()) ?? '').trim();
  expect(ticketNo).toMatch(/^\d{6}-[0-9A-Z]{5}$/);
  await screenshot(page, 'done');

  await tap(page, '我的反映');
  const mine = testId(page, 'my-ticket').filter({ hasText: ticketNo });
  await mine.waitFor();
  await expect(mine.locator('[data-testid="status"]').textContent()).resolves.toBe('待接单');

  // 打开这一条：时间线、照片、联系方式打码
  await tapInto(page, mine, '/pages/ticket/index');
  await testId(page, 'timeline').waitFor();
  await expect(current(page).locator('.photo-grid__img').count()).resolves.toBe(1);
  await expect(text(page, '138****5678', false).isVisible()).resolves.toBe(true);

  // 委员李建国（demo-member-1）：消息中心里有这条新反映
  const member = await e2e.phone('demo-member-1');
  await member.open('/packages/work/messages/index');
  const message = testId(member.page, 'message').filter({ hasText: report.slice(0, 12) });
  await message.first().waitFor({ timeout: 15_000 });
  await expect(message.first().textContent()).resolves.toContain('新反映');
  await expect(message.first().locator('[data-testid="unread-dot"]').count()).resolves.toBe(1);
});

test('海报上的 h5 链接 /?station= 直接打开那个联络站', async () => {
  const phone = await e2e.phone('demo-resident-1');
  await phone.page.goto(`${e2e.baseUrl}/?station=demo-station-2&as=demo-resident-1`);
  await testId(phone.page, 'station-name').waitFor();
  await expect(testId(phone.page, 'station-name').textContent()).resolves.toBe('岩子河村协商驿站');
  expect(phone.page.url()).toContain('#/pages/station/index?station=demo-station-2');
});

test('用身份切换条换成委员，能看到委员工作台', async () => {
  const phone = await e2e.phone('demo-resident-1');
  await phone.open(STATION);
  await tapTestId(phone.page, 'switch-identity');
  await Promise.all([phone.page.waitForEvent('load'), testId(phone.page, 'identity-demo-member-2').tap()]);
  await waitForText(testId(phone.page, 'current-identity'), 'demo-member-2', false);
  await settled(phone.page);
  // 换身份后页面重新载入：等联络站读出来（用户看到的就是这个），再点页脚的委员入口，等进入工作台
  await testId(phone.page, 'station-name').waitFor();
  await tapTestId(phone.page, 'member-entry');
  await phone.page.waitForURL(/packages\/work\//);
  await testId(phone.page, 'whoami').waitFor();
  await expect(testId(phone.page, 'whoami').textContent()).resolves.toContain('王秀英');
});

test('什么都没写就提交：显示中文提示，已选的类型和联系人都还在，重新打开也还在', async () => {
  const resident = await e2e.phone('demo-resident-3');
  const { page } = resident;
  await resident.open('/pages/report/index?station=demo-station-1');
  await tapTestId(page, 'kind-suggestion');
  await fill(page, 'contact-name', '李大爷');
  await tapTestId(page, 'submit');

  await expect(testId(page, 'error').textContent()).resolves.toBe(ERROR_MESSAGES['REPORT.TEXT_EMPTY']);
  await expect(testId(page, 'kind-suggestion').getAttribute('class')).resolves.toContain('choice--on');
  await expect(testId(page, 'contact-name').locator('input').inputValue()).resolves.toBe('李大爷');

  await page.reload();
  await text(page, '已恢复您上次没提交的内容。').waitFor();
  await expect(testId(page, 'contact-name').locator('input').inputValue()).resolves.toBe('李大爷');
});

test('提交时网络断了：提示中文、内容留着；重试用同一个 clientRequestId，成功后草稿清除', async () => {
  const resident = await e2e.phone('demo-resident-4');
  const { page } = resident;
  await resident.open('/pages/report/index?station=demo-station-1');
  await fill(page, 'report-text', '健身广场的单杠松动了，孩子们常去玩，怕出事');

  const ids: string[] = [];
  let failNext = true;
  await page.route('**/api/intake', async (route) => {
    const body = route.request().postDataJSON() as { action?: string; clientRequestId?: string };
    if (body.action !== 'submitReport') return route.continue();
    ids.push(String(body.clientRequestId));
    if (failNext) {
      failNext = false;
      return route.abort('internetdisconnected');
    }
    return route.continue();
  });

  await tapTestId(page, 'submit');
  await testId(page, 'error').waitFor();
  await expect(testId(page, 'error').textContent()).resolves.toBe(ERROR_MESSAGES['SYSTEM.UNAVAILABLE']);
  await expect(testId(page, 'report-text').locator('textarea').inputValue()).resolves.toContain('单杠松动');

  await tapTestId(page, 'submit');
  await testId(page, 'ticket-no').waitFor({ timeout: 15_000 });
  expect(ids).toHaveLength(2);
  expect(ids[0]).toBe(ids[1]);

  // 草稿已清除：再打开表单是空的
  await resident.open('/pages/report/index?station=demo-station-1');
  await expect(testId(page, 'report-text').locator('textarea').inputValue()).resolves.toBe('');
});

test('第二位居民写到同一件事时看到相似反映，点"我也遇到了"加入而不重复提交', async () => {
  const first = '北门菜市场旁边的公厕一直锁着，赶集的老人没地方上厕所';
  const created = await callApi<{ ticketId: string; ticketNo: string }>(e2e.baseUrl, 'intake', 'demo-resident-5', {
    action: 'submitReport',
    stationId: 'demo-station-1',
    text: first,
    clientRequestId: 'e2e-similar-0001',
  });

  const resident = await e2e.phone('demo-resident-2');
  const { page } = resident;
  await resident.open('/pages/report/index?station=demo-station-1');
  await fill(page, 'report-text', '北门菜市场旁边的公厕一直锁着，没法用');
  const item = testId(page, 'similar-item').filter({ hasText: '公厕' });
  await item.first().waitFor({ timeout: 10_000 });
  await screenshot(page, 'similar');
  await button(item.first(), '我也遇到了').tap();

  const joined = testId(page, 'joined');
  await joined.waitFor();
  await expect(joined.textContent()).resolves.toContain('共 2 人反映');

  await tap(page, '查看这条反映');
  await expect(testId(page, 'metoo-count').textContent()).resolves.toBe('共 2 人反映');

  // 我的反映里也有这一条（我也遇到了）
  await resident.open('/pages/mine/index');
  const mine = testId(page, 'my-ticket').filter({ hasText: created.ticketNo });
  await mine.waitFor();
  await expect(mine.textContent()).resolves.toContain('我也遇到了');
});
