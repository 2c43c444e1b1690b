/**
 * 并发与误用：名额内的接单每个名额只被赢得一次；两个召集人同时办结只有一个成功；没有丢失的更新。
 */
import { createTestApp, type TestApp } from './harness';
import type { Member } from '../../shared/domain/model';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

async function addMembers(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `load-member-${i}`;
    const m: Member = { id, name: `委员${i}`, sector: '测试', phone: null, groups: [{ groupId: 'demo-group-1', role: 'member' }], isAdmin: false, openid: id, inviteCode: null, active: true };
    await app.rt.store.putMember(m);
    ids.push(id);
  }
  return ids;
}

test('50 位委员同时接同一单，正好名额数（3）的人接到，其余得到明确的拒绝', async () => {
  const members = await addMembers(50);
  const id = await app.submit('demo-resident-1', '小区广场舞音响太吵，晚上十点还在放，影响老人和孩子休息。');
  const results = await Promise.all(members.map((m) => app.work(m, 'claimTicket', { ticketId: id })));
  const won = results.filter((r) => r.ok);
  const refused = results.filter((r) => !r.ok).map((r) => (!r.ok ? r.error.code : ''));
  expect(won).toHaveLength(3);
  expect(new Set(refused)).toEqual(new Set(['TICKET.CLAIM_FULL']));
  const t = await app.rt.store.getTicket(id);
  expect(t?.claimants).toHaveLength(3);
  expect(new Set(t?.claimants.map((c) => c.memberId)).size).toBe(3);
  const history = await app.rt.store.listHistory(id);
  expect(history.filter((h) => h.action === 'claim')).toHaveLength(3);
});

test('召集人放开全组接单后，并发接单的人数等于新名额', async () => {
  const members = await addMembers(20);
  const id = await app.submit('demo-resident-1', '老旧小区加装电梯，希望委员们一起推动。');
  const opened = await app.work('demo-convener', 'setClaimLimit', { ticketId: id, limit: 10 });
  expect(opened.ok).toBe(true);
  const results = await Promise.all(members.map((m) => app.work(m, 'claimTicket', { ticketId: id })));
  expect(results.filter((r) => r.ok)).toHaveLength(10);
});

test('两次同时办结：一次成功，一次得到清楚的错误，只记一条办结历史', async () => {
  const id = await app.submit('demo-resident-1', '小区路灯坏了，晚上很黑。');
  await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  await app.work('demo-member-1', 'proposeClose', { ticketId: id, summary: '已修好' });
  const [a, b] = await Promise.all([
    app.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '路灯已修复。' }),
    app.work('demo-admin', 'closeTicket', { ticketId: id, caseSummary: '路灯已修复（管理员）。' }),
  ]);
  expect([a.ok, b.ok].sort()).toEqual([false, true]);
  const loser = a.ok ? b : a;
  expect(!loser.ok && loser.error.code).toBe('TICKET.TRANSITION_NOT_ALLOWED');
  const history = await app.rt.store.listHistory(id);
  expect(history.filter((h) => h.action === 'close')).toHaveLength(1);
});

test('并发的"我也遇到了"一个都不丢', async () => {
  const id = await app.submit('demo-resident-1', '菜市场门口占道经营，电动车过不去。');
  const residents = Array.from({ length: 30 }, (_, i) => `metoo-${i}`);
  const results = await Promise.all(residents.map((r) => app.intake(r, 'meToo', { ticketId: id })));
  expect(results.every((r) => r.ok)).toBe(true);
  expect((await app.rt.store.getTicket(id))?.meToo).toHaveLength(30);
});

test('存储层：版本号不符的条件更新不写入任何东西', async () => {
  const id = await app.submit('demo-resident-1', '楼道堆放杂物。');
  const t = (await app.rt.store.getTicket(id))!;
  const stale = await app.rt.store.updateTickets([{ next: { ...t, status: 'closed', version: t.version + 1 }, expectedVersion: t.version - 1 }], [], []);
  expect(stale).toBe(false);
  expect((await app.rt.store.getTicket(id))?.status).toBe('pending');
});
