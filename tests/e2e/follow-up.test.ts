/**
 * 跟进督单的端到端：办结之后用 POST /api/_dev 把服务的时钟拨到一周后、跑一轮定时任务（回头看），
 * 反映人打开她的消息中心，回头看的问题就在那条消息里，她点一下"满意"就答完了（一次轻触）；评价记下，问题不再出现。
 * 已经评价过的"我也遇到了"的居民，在她的反映页上被问"问题有没有反弹"，同样一点就答。
 */
import { callApi, startE2E, tapTestId, testId, waitForText, type E2E } from './harness';

jest.setTimeout(120_000);

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
}, 300_000);
afterAll(async () => {
  await e2e?.close();
});

async function dev<T = any>(body: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${e2e.baseUrl}/api/_dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { ok: boolean; data: T; error?: { code: string } };
  if (!json.ok) throw new Error(`_dev ${String(body.action)} 失败：${json.error?.code}`);
  return json.data;
}

test('办结一周后，居民在消息中心一点就答完回头看（没评价的这一问就是评价）；评价过的居民在反映页答"有没有反弹"', async () => {
  const resident = 'e2e-follow-up-resident';
  const joiner = 'e2e-follow-up-joiner';
  const { ticketId } = await callApi<{ ticketId: string }>(e2e.baseUrl, 'intake', resident, {
    action: 'submitReport',
    stationId: 'demo-station-1',
    text: '小区东门的路灯坏了两个星期，晚上回家很黑，老人容易摔倒。',
    clientRequestId: 'e2e-follow-up-0001',
  });
  await callApi(e2e.baseUrl, 'intake', joiner, { action: 'meToo', ticketId });
  await callApi(e2e.baseUrl, 'work', 'demo-member-1', { action: 'claimTicket', ticketId });
  await callApi(e2e.baseUrl, 'work', 'demo-convener', { action: 'closeTicket', ticketId, caseSummary: '委员联系物业，三天内换好了东门的路灯。' });
  await callApi(e2e.baseUrl, 'intake', joiner, { action: 'rateTicket', ticketId, rating: 'basic' });

  await dev({ action: 'setClock', now: new Date(Date.now() + 8 * 86_400_000).toISOString() });
  // 本地服务自己每个间隔也跑一轮定时任务（和云端 cron 一样），回头看可能由它先问了：不看这一轮的报告，
  // 看两位居民各自待答的那一问——反映人没评价，问的就是评价；"我也遇到了"的居民评过了，问有没有反弹
  // 到点的工单多于一轮能看的张数时，像定时任务那样一轮接一轮，直到看完
  for (let more = true; more; ) more = (await dev<{ more: boolean }>({ action: 'runScheduled' })).more;
  const asked = await Promise.all(
    [resident, joiner].map((who) => callApi<{ followUp: { kind: string } | null }>(e2e.baseUrl, 'intake', who, { action: 'getTicket', ticketId })),
  );
  expect(asked.map((v) => v.followUp?.kind)).toEqual(['rating', 'rebound']);

  // 反映人：消息中心里那条"回头看"，一点"满意"
  const phone = await e2e.phone(resident);
  await phone.open('/pages/messages/index');
  await testId(phone.page, 'follow-up').waitFor({ timeout: 15_000 });
  const before = await phone.taps();
  await tapTestId(phone.page, 'follow-up-satisfied');
  await testId(phone.page, 'follow-up').waitFor({ state: 'detached', timeout: 15_000 });
  expect((await phone.taps()) - before).toBe(1);
  const view = await callApi<{ rating: { rating: string } | null; followUp: unknown }>(e2e.baseUrl, 'intake', resident, { action: 'getTicket', ticketId });
  expect(view.rating?.rating).toBe('satisfied');
  expect(view.followUp).toBeNull();

  // 评价过的居民：反映页上问"有没有反弹"
  const other = await e2e.phone(joiner);
  await other.open(`/pages/ticket/index?id=${ticketId}`);
  await waitForText(testId(other.page, 'follow-up'), '有没有反弹', false);
  await tapTestId(other.page, 'follow-up-notRebounded');
  await testId(other.page, 'follow-up').waitFor({ state: 'detached', timeout: 15_000 });
  const joinerView = await callApi<{ followUp: unknown }>(e2e.baseUrl, 'intake', joiner, { action: 'getTicket', ticketId });
  expect(joinerView.followUp).toBeNull();
});
