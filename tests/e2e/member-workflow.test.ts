/**
 * issue 3 端到端：居民提交 → 委员李建国（demo-member-1）在工作台接单、记录协商、提请办结 →
 * 召集人王丽华（demo-convener）从消息中心打开这条通知，两下点击办结并写好案例 →
 * 居民看到已办结、一键评价 → 案例出现在联络站页面。
 * 召集人从点开通知到看到"已办结"一共轻触几下，由浏览器里数到的触摸次数（Phone.taps）给出。
 */
import { button, callApi, fill, screenshot, startE2E, tap, tapInto, tapTestId, testId, text, waitForText, type E2E } from './harness';

// jest.config.js 里 e2e 项目的 testTimeout 在项目级不生效，这里显式设置
jest.setTimeout(180_000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

test('接单、协商、提请办结、召集人从通知两下办结、居民评价、案例上墙', async () => {
  // 1. 居民提交
  const resident = await e2e.phone('demo-resident-6');
  await resident.open('/pages/report/index?station=demo-station-1');
  const report = '箭楼社区三号楼前的化粪池满溢，污水流到人行道上，夏天气味很大';
  await fill(resident.page, 'report-text', report);
  await tapTestId(resident.page, 'submit');
  await testId(resident.page, 'ticket-no').waitFor({ timeout: 15_000 });
  const ticketNo = ((await testId(resident.page, 'ticket-no').textContent()) ?? '').trim();

  // 2. 委员在"待接单"里找到它并接单
  const member = await e2e.phone('demo-member-1');
  const m = member.page;
  await member.open('/packages/work/queue/index');
  const item = testId(m, 'queue-item').filter({ hasText: ticketNo });
  await item.waitFor({ timeout: 15_000 });
  await expect(item.textContent()).resolves.toContain('接单 0/3');
  await screenshot(m, 'queue');
  await tapInto(m, item, '/packages/work/ticket/index');
  await tapTestId(m, 'action-claim');
  await waitForText(testId(m, 'status'), '已接单');
  await expect(testId(m, 'claimants').textContent()).resolves.toContain('李建国');

  // 3. 记录协商
  await tapTestId(m, 'action-recordConsultation');
  await testId(m, 'consult-agreement').waitFor();
  await expect(testId(m, 'consult-place').locator('input').inputValue()).resolves.toBe('箭楼社区委员联络室');
  await fill(m, 'consult-participants', '李建国委员、居民代表三人、物业经理');
  await fill(m, 'consult-departments', '箭楼社区居委会、区城管局');
  const agreement = '区城管局三天内清掏化粪池并更换破损管道，居委会督促物业每季度检查一次。';
  await fill(m, 'consult-agreement', agreement);
  await screenshot(m, 'consultation');
  await tap(m, '保存协商记录');
  await waitForText(testId(m, 'status'), '协商中');
  await expect(testId(m, 'history').textContent()).resolves.toContain('区城管局三天内清掏化粪池');

  // 4. 提请办结（预填了协商结果，改成两句话的办理结果）
  await tapTestId(m, 'action-proposeClose');
  await testId(m, 'propose-summary').waitFor();
  await expect(testId(m, 'propose-summary').locator('textarea').inputValue()).resolves.toBe(agreement);
  const summary = '化粪池已清掏，破损管道已更换。物业每季度检查一次，居民确认不再满溢。';
  await fill(m, 'propose-summary', summary);
  await tap(m, '提请办结');
  await testId(m, 'proposal').waitFor();
  await waitForText(testId(m, 'status'), '待办结');
  // 委员此刻不能办结：按钮里没有"办结"
  await expect(testId(m, 'action-close').count()).resolves.toBe(0);

  // 5. 召集人：消息中心里的"待办结"通知（第 1 下）→ 工单页 → 办结（第 2 下）→ 确认办结（第 3 下）
  const convener = await e2e.phone('demo-convener');
  const c = convener.page;
  await convener.open('/packages/work/messages/index');
  const notice = testId(c, 'message').filter({ hasText: '待办结' }).filter({ hasText: report.slice(0, 10) });
  await notice.first().waitFor({ timeout: 15_000 });
  const tapsBefore = await convener.taps();
  await tapInto(c, notice.first(), '/packages/work/ticket/index');
  await testId(c, 'proposal').waitFor();
  await screenshot(c, 'convener-ticket');

  await tapTestId(c, 'action-close');
  await testId(c, 'case-summary').waitFor();
  await expect(testId(c, 'case-summary').locator('textarea').inputValue()).resolves.toBe(summary);
  await screenshot(c, 'close-form');
  await button(c, '确认办结').tap();
  await testId(c, 'outcome').waitFor();
  await waitForText(testId(c, 'status'), '已办结');
  await expect(testId(c, 'outcome').textContent()).resolves.toContain('已作为案例在联络站公开');
  // 从点开通知到办结：页面实际收到的轻触不超过 3 下（打开通知 1 下 + 办结 2 下）
  expect((await convener.taps()) - tapsBefore).toBeLessThanOrEqual(3);
  // 办结后召集人只剩"重新办理"
  await expect(testId(c, 'action-close').count()).resolves.toBe(0);
  await expect(testId(c, 'action-reopen').count()).resolves.toBe(1);

  // 6. 居民：我的反映 → 已办结 → 一键"满意"
  const r = resident.page;
  await resident.open('/pages/mine/index');
  const mine = testId(r, 'my-ticket').filter({ hasText: ticketNo });
  await mine.waitFor();
  await expect(mine.locator('[data-testid="status"]').textContent()).resolves.toBe('已办结');
  await tapInto(r, mine, '/pages/ticket/index');
  await testId(r, 'rate').waitFor();
  await expect(text(r, summary).isVisible()).resolves.toBe(true);
  await screenshot(r, 'rate');
  await button(testId(r, 'rate'), '满意').tap();
  await testId(r, 'my-rating').waitFor();
  await expect(testId(r, 'my-rating').textContent()).resolves.toContain('满意');
  await expect(testId(r, 'rate').count()).resolves.toBe(0);

  // 7. 联络站页面的"这里办成的事"里有这个案例
  await resident.open('/pages/station/index?station=demo-station-1');
  const kase = testId(r, 'case').filter({ hasText: summary });
  await kase.waitFor();
  await expect(kase.textContent()).resolves.toContain('居民评价：1 人满意');
});

test('没绑定的人点委员入口先去绑定，用邀请码绑定后进入工作台', async () => {
  const phone = await e2e.phone('new-wechat-user-1');
  const p = phone.page;
  await phone.open('/pages/mine/index');
  await tapTestId(p, 'member-entry');
  await testId(p, 'invite-code').waitFor();
  await fill(p, 'invite-code', 'WRONG99');
  await tap(p, '绑定');
  await expect(testId(p, 'error').textContent()).resolves.toContain('邀请码无效');
  await fill(p, 'invite-code', 'JL2026A');
  await tap(p, '绑定');
  await testId(p, 'whoami').waitFor();
  await expect(testId(p, 'whoami').textContent()).resolves.toContain('孙立新');
});

test('召集人把没人接的反映分给委员，把个人诉求转办给部门并写明理由', async () => {
  const assignMe = await callApi<{ ticketId: string }>(e2e.baseUrl, 'intake', 'demo-resident-7', {
    action: 'submitReport',
    stationId: 'demo-station-1',
    text: '箭楼社区广场晚上跳舞的音响太响，十点以后还在放，楼上老人睡不着',
    clientRequestId: 'e2e-assign-0001',
  });
  const referMe = await callApi<{ ticketId: string }>(e2e.baseUrl, 'intake', 'demo-resident-8', {
    action: 'submitReport',
    stationId: 'demo-station-1',
    text: '我在工地干了三个月活，老板一直拖欠我的工资不给',
    clientRequestId: 'e2e-refer-0001',
  });

  const convener = await e2e.phone('demo-convener');
  const c = convener.page;

  await convener.open(`/packages/work/ticket/index?id=${assignMe.ticketId}`);
  await tapTestId(c, 'action-assign');
  await tapTestId(c, 'assign-demo-member-2');
  await tap(c, '确认分单');
  await waitForText(testId(c, 'claimants'), '王秀英（召集人分单）', false);

  await convener.open(`/packages/work/ticket/index?id=${referMe.ticketId}`);
  await tapTestId(c, 'action-refer');
  await tap(c, '人社局');
  await fill(c, 'reason', '属于个人劳动报酬争议，不属于协商范围，转请区人社局劳动监察依法处理，委员跟进结果。');
  await tap(c, '确认转办');
  await waitForText(testId(c, 'outcome'), '已转办：人社局', false);
  await expect(testId(c, 'status').first().textContent()).resolves.toBe('已转办');

  // 居民在自己的反映里看到"已转办"和理由
  const resident = await e2e.phone('demo-resident-8');
  await resident.open(`/pages/ticket/index?id=${referMe.ticketId}`);
  await testId(resident.page, 'timeline').waitFor();
  await expect(testId(resident.page, 'status').first().textContent()).resolves.toBe('已转办');
  await expect(testId(resident.page, 'timeline').textContent()).resolves.toContain('劳动监察');
});

test('召集人看了系统分类的理由后改判为紧急，改了什么和理由记入历史', async () => {
  const t = await callApi<{ ticketId: string }>(e2e.baseUrl, 'intake', 'demo-resident-9', {
    action: 'submitReport',
    stationId: 'demo-station-1',
    text: '箭楼社区地下车库入口的排水沟堵了，下雨时积水往车库里流',
    clientRequestId: 'e2e-override-0001',
  });
  const convener = await e2e.phone('demo-convener');
  const c = convener.page;
  await convener.open(`/packages/work/ticket/index?id=${t.ticketId}`);
  await testId(c, 'triage').waitFor();
  await expect(testId(c, 'triage').textContent()).resolves.toContain('依据');
  await tapTestId(c, 'action-overrideTriage');
  await tapTestId(c, 'override-urgency-urgent');
  await tap(c, '保存调整');
  // 没写理由：就地提示
  await text(c, '请写明调整的理由', false).waitFor();
  await fill(c, 'reason', '雨季将至，积水会倒灌进地下车库，按紧急处理。');
  await tap(c, '保存调整');
  await waitForText(testId(c, 'history'), '一般→紧急', false);
  await expect(c.locator('.tag--urgent').first().textContent()).resolves.toBe('紧急');
});
