/**
 * 跟进督单的端到端：办结之后用 POST /api/_dev 把服务的时钟拨到一周后、跑一轮定时任务（回头看），
 * 反映人打开她的反映，回头看的问题就在那里，她点一下"满意"就答完了（一次轻触）；评价记下，问题不再出现。
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

test('办结一周后，居民在她的反映页上一点就答完回头看（这一问就是评价）', async () => {
  const resident = 'e2e-follow-up-resident';
  const { ticketId } = await callApi<{ ticketId: string }>(e2e.baseUrl, 'intake', resident, {
    action: 'submitReport',
    stationId: 'demo-station-1',
    text: '小区东门的路灯坏了两个星期，晚上回家很黑，老人容易摔倒。',
    clientRequestId: 'e2e-follow-up-0001',
  });
  await callApi(e2e.baseUrl, 'work', 'demo-member-1', { action: 'claimTicket', ticketId });
  await callApi(e2e.baseUrl, 'work', 'demo-convener', { action: 'closeTicket', ticketId, caseSummary: '委员联系物业，三天内换好了东门的路灯。' });

  await dev({ action: 'setClock', now: new Date(Date.now() + 8 * 86_400_000).toISOString() });
  const round = await dev<{ steps: Array<{ ticketId: string; kind: string; people: number }> }>({ action: 'runScheduled' });
  expect(round.steps.filter((s) => s.ticketId === ticketId)).toEqual([expect.objectContaining({ kind: 'followUp', people: 1 })]);

  const phone = await e2e.phone(resident);
  await phone.open(`/pages/ticket/index?id=${ticketId}`);
  await testId(phone.page, 'follow-up').waitFor({ timeout: 15_000 });
  const before = await phone.taps();
  await tapTestId(phone.page, 'follow-up-satisfied');
  await waitForText(testId(phone.page, 'my-rating'), '满意', false);
  expect((await phone.taps()) - before).toBe(1);
  await expect(testId(phone.page, 'follow-up').count()).resolves.toBe(0);

  const view = await callApi<{ rating: { rating: string } | null; followUp: unknown }>(e2e.baseUrl, 'intake', resident, { action: 'getTicket', ticketId });
  expect(view.rating?.rating).toBe('satisfied');
  expect(view.followUp).toBeNull();
});
