/**
 * 每一位反映人都有回音（issue 9 第 5、6、7、10 项）：
 * 点了"我也遇到了"的居民收到进展（去掉个人信息）、在自己的消息中心里读到、办结后各评一次；
 * 不满意可点原因，召集人重新办理前看得到；消息显示工单此刻的状态。
 * 跑在临时目录里的真实 SQLite 上（CloudBase 替身上的同样行为见 cloudbase-functions.test.ts 与存储契约）。
 */
import { createTestApp, expectCode, type TestApp } from './harness';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const POLES = '小区出行道路被电线杆挡住，车辆进出困难，救护车都开不进来。';

interface Msg { id: string; ticketId: string; event: string; title: string; body: string; page: string; read: boolean; ticketStatus: string | null; ticketStatusLabel: string | null }

async function residentInbox(openid: string, cursor?: string) {
  await app.rt.deliver();
  const r = await app.intake<{ items: Msg[]; unread: number; nextCursor: string | null }>(openid, 'myMessages', cursor ? { cursor } : {});
  if (!r.ok) throw new Error(r.error.code);
  return r.data;
}

async function closedTicketWithJoiner(): Promise<string> {
  const id = await app.submit('demo-resident-1', POLES);
  expect((await app.intake('demo-resident-2', 'meToo', { ticketId: id })).ok).toBe(true);
  expect((await app.work('demo-member-1', 'claimTicket', { ticketId: id })).ok).toBe(true);
  expect((await app.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '国网已将电线杆移至绿化带。' })).ok).toBe(true);
  return id;
}

test('点了"我也遇到了"的居民在自己的消息中心读到进展，委员写的电话和门牌已隐去；点开后标为已读', async () => {
  const id = await app.submit('demo-resident-1', POLES);
  expect((await app.intake('demo-resident-2', 'meToo', { ticketId: id })).ok).toBe(true);
  await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  await app.work('demo-member-1', 'addProgress', { ticketId: id, note: '已电话联系反映人 13912345678，住3栋2单元501室，明天去现场' });

  const inbox = await residentInbox('demo-resident-2');
  expect(inbox.items.map((m) => m.event)).toEqual(['ticket.progress', 'ticket.claimed']);
  expect(inbox.unread).toBe(2);
  const progress = inbox.items[0]!;
  expect(progress.body).toContain('明天去现场');
  expect(progress.body).not.toContain('13912345678');
  expect(progress.body).not.toContain('501');
  expect(progress.page).toBe(`pages/ticket/index?id=${id}`);
  expect(progress.ticketStatusLabel).toBe('已接单');

  // 我的反映：这张单标"有新进展"，还没办结所以不标"待评价"
  const mine = await app.intake('demo-resident-2', 'myReports', {});
  expect(mine.ok && mine.data.items.find((t: { id: string }) => t.id === id)).toMatchObject({ hasNews: true, awaitingRating: false, isOwner: false });

  // 只能标自己的：别人拿她的消息 id 标不了
  const other = await app.intake('demo-resident-3', 'markMessagesRead', { ids: [progress.id] });
  expect(other.ok && other.data.marked).toBe(0);
  const marked = await app.intake('demo-resident-2', 'markMessagesRead', { ids: inbox.items.map((m) => m.id) });
  expect(marked.ok && marked.data.marked).toBe(2);
  const after = await residentInbox('demo-resident-2');
  expect(after.unread).toBe(0);
  expect(after.items.every((m) => m.read)).toBe(true);
  const mineAfter = await app.intake('demo-resident-2', 'myReports', {});
  expect(mineAfter.ok && mineAfter.data.items.find((t: { id: string }) => t.id === id).hasNews).toBe(false);

  // 居民的消息中心只有居民身份的消息：委员的"新反映"不在这里
  const memberAsResident = await residentInbox('demo-member-1');
  expect(memberAsResident.items.map((m) => m.event)).not.toContain('ticket.submitted');
});

test('居民的消息中心分页：最新的在前，翻页不重不漏', async () => {
  const id = await app.submit('demo-resident-1', POLES);
  await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  for (let i = 0; i < 55; i++) {
    await app.work('demo-member-1', 'addProgress', { ticketId: id, note: `第${i + 1}次进展` });
    app.clock.advance(1000);
  }
  const first = await residentInbox('demo-resident-1');
  expect(first.items).toHaveLength(50);
  expect(first.unread).toBe(56);
  expect(first.items[0]!.body).toBe('第55次进展');
  expect(first.nextCursor).not.toBeNull();
  const second = await residentInbox('demo-resident-1', first.nextCursor!);
  expect(second.nextCursor).toBeNull();
  const all = [...first.items, ...second.items];
  expect(new Set(all.map((m) => m.id)).size).toBe(56);
  expect(all[all.length - 1]!.event).toBe('ticket.claimed');
});

test('办结后反映人和"我也遇到了"的居民都被请去评价，各评一次，每一条都算；没加入的居民不能评', async () => {
  const id = await closedTicketWithJoiner();
  const inbox = await residentInbox('demo-resident-2');
  expect(inbox.items[0]).toMatchObject({ event: 'ticket.closed', ticketStatusLabel: '已办结' });
  expect(inbox.items[0]!.title).toContain('请您评价');

  const mine = await app.intake('demo-resident-2', 'myReports', {});
  expect(mine.ok && mine.data.items.find((t: { id: string }) => t.id === id)).toMatchObject({ awaitingRating: true });
  const view = await app.intake('demo-resident-2', 'getTicket', { ticketId: id });
  expect(view.ok && view.data.canRate).toBe(true);

  const owner = await app.intake('demo-resident-1', 'rateTicket', { ticketId: id, rating: 'satisfied' });
  expect(owner.ok && owner.data.rating).toMatchObject({ rating: 'satisfied', reasons: [] });
  const joiner = await app.intake('demo-resident-2', 'rateTicket', { ticketId: id, rating: 'basic', comment: '路通了，还有一根没挪' });
  if (!joiner.ok) throw new Error(joiner.error.code);
  expect(joiner.data.rating).toMatchObject({ rating: 'basic', comment: '路通了，还有一根没挪' });
  expect(joiner.data.canRate).toBe(false);
  expectCode(await app.intake('demo-resident-2', 'rateTicket', { ticketId: id, rating: 'satisfied' }), 'TICKET.ALREADY_RATED');
  expectCode(await app.intake('demo-resident-1', 'rateTicket', { ticketId: id, rating: 'basic' }), 'TICKET.ALREADY_RATED');
  expectCode(await app.intake('demo-resident-9', 'rateTicket', { ticketId: id, rating: 'unsatisfied' }), 'TICKET.NOT_FOUND');
  // 本组委员看得到工单，但没反映也没加入，不能替居民评
  expectCode(await app.intake('demo-member-2', 'rateTicket', { ticketId: id, rating: 'satisfied' }), 'AUTH.FORBIDDEN');

  const mineAfter = await app.intake('demo-resident-2', 'myReports', {});
  expect(mineAfter.ok && mineAfter.data.items.find((t: { id: string }) => t.id === id).awaitingRating).toBe(false);

  const stored = await app.rt.store.getTicket(id);
  expect(stored!.ratings!.map((r) => [r.openid, r.rating])).toEqual([['demo-resident-1', 'satisfied'], ['demo-resident-2', 'basic']]);
  // 旧读者读的 rating 字段仍是反映人的
  expect(stored!.rating?.rating).toBe('satisfied');
  const work = await app.work('demo-convener', 'getTicket', { ticketId: id });
  expect(work.ok && work.data.ratings.map((r: { by: string; rating: string }) => [r.by, r.rating])).toEqual([['owner', 'satisfied'], ['joiner', 'basic']]);
});

test('不满意：居民点选原因、写一句话；召集人收到通知，重新办理前在工单上看到原因；重新办理后每人可再评', async () => {
  const id = await closedTicketWithJoiner();
  const r = await app.intake('demo-resident-2', 'rateTicket', { ticketId: id, rating: 'unsatisfied', reasons: ['partly', 'noContact'], comment: '还有一根没挪' });
  if (!r.ok) throw new Error(r.error.code);
  expect(r.data.rating).toMatchObject({ rating: 'unsatisfied', reasons: ['partly', 'noContact'] });
  expectCode(await app.intake('demo-resident-1', 'rateTicket', { ticketId: id, rating: 'unsatisfied', reasons: ['不存在的原因'] }), 'REQUEST.INVALID');

  await app.rt.deliver();
  const msgs = await app.work('demo-convener', 'myMessages', {});
  const notice = msgs.ok && msgs.data.items.find((m: Msg) => m.event === 'ticket.unsatisfied');
  expect(notice.body).toContain('只解决了一部分、没人联系我');
  expect(notice.body).toContain('还有一根没挪');

  const view = await app.work('demo-convener', 'getTicket', { ticketId: id });
  if (!view.ok) throw new Error(view.error.code);
  expect(view.data.actions).toContain('reopen');
  expect(view.data.ratings).toEqual([{ by: 'joiner', rating: 'unsatisfied', reasons: ['只解决了一部分', '没人联系我'], comment: '还有一根没挪', at: expect.any(String) }]);

  expect((await app.work('demo-convener', 'reopenTicket', { ticketId: id, reason: '居民说还有一根没挪' })).ok).toBe(true);
  expect((await app.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '两根电线杆都已移走。' })).ok).toBe(true);
  const again = await app.intake('demo-resident-2', 'rateTicket', { ticketId: id, rating: 'satisfied' });
  expect(again.ok && again.data.rating.rating).toBe('satisfied');
  const history = await app.rt.store.listHistory(id);
  expect(history.find((h) => h.action === 'reopen')?.data?.previousRatings).toEqual([expect.objectContaining({ openid: 'demo-resident-2', rating: 'unsatisfied', reasons: ['partly', 'noContact'] })]);
});

test('消息显示工单此刻的状态：办结之后，召集人的"待办结"消息显示已办结', async () => {
  const id = await app.submit('demo-resident-1', POLES);
  await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  await app.work('demo-member-1', 'proposeClose', { ticketId: id, summary: '电线杆已移走。' });
  await app.rt.deliver();
  const before = await app.work('demo-convener', 'myMessages', {});
  expect(before.ok && before.data.items.find((m: Msg) => m.event === 'ticket.proposed')).toMatchObject({ ticketStatus: 'proposed', ticketStatusLabel: '待办结' });
  await app.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '电线杆已移走。' });
  const after = await app.work('demo-convener', 'myMessages', {});
  if (!after.ok) throw new Error(after.error.code);
  expect(after.data.items.find((m: Msg) => m.event === 'ticket.proposed')).toMatchObject({ ticketStatus: 'closed', ticketStatusLabel: '已办结' });
  // 居民的"委员已接单"也显示已办结
  const resident = await residentInbox('demo-resident-1');
  expect(resident.items.find((m) => m.event === 'ticket.claimed')).toMatchObject({ ticketStatus: 'closed', ticketStatusLabel: '已办结' });
});
