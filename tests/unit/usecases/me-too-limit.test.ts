/**
 * "我也遇到了"每人每小时的上限（县里设置 meTooPerHourPerResident）：超了是带中文提示的拒绝，不写入。
 */
import { fakeDeps, NOW, ticketIn } from '../fakes/fake-deps';
import { meToo } from '../../../shared/usecases/intake/me-too';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();

test('一小时内点满上限后，再点得到 TICKET.ME_TOO_RATE_LIMITED，工单不变', async () => {
  const { deps, store } = fakeDeps();
  store.settings = { meTooPerHourPerResident: 2 };
  for (const id of ['ta', 'tb', 'tc']) ticketIn(store, { id, meToo: [] });
  expect((await meToo(deps, 'wx-busy', 'ta')).ok).toBe(true);
  expect((await meToo(deps, 'wx-busy', 'tb')).ok).toBe(true);
  const third = await meToo(deps, 'wx-busy', 'tc');
  expect(third.ok ? 'ok' : third.error.code).toBe('TICKET.ME_TOO_RATE_LIMITED');
  expect(third.ok ? '' : third.error.message).toContain('我也遇到了');
  expect(store.tickets.get('tc')!.meToo).toEqual([]);
  expect((await meToo(deps, 'wx-someone-else', 'tc')).ok).toBe(true);
});

test('一小时以前点的不算：工单后来被别人改过，也按历史里她点的时间数', async () => {
  const { deps, store } = fakeDeps();
  store.settings = { meTooPerHourPerResident: 1 };
  // 她两小时前点过 told，这张单刚被别人改过（updatedAt 在窗口里）
  ticketIn(store, { id: 'told', meToo: ['wx-back'], updatedAt: NOW });
  store.history.push({
    id: 'h-old', ticketId: 'told', at: ago(2 * HOUR), action: 'meToo', actorOpenid: 'wx-back', actorMemberId: null, actorName: '居民', relation: 'resident',
    from: 'pending', to: 'pending', note: '', visibleToResident: true,
  });
  ticketIn(store, { id: 'tnew', meToo: [] });
  expect((await meToo(deps, 'wx-back', 'tnew')).ok).toBe(true);
});

test('上限在设置里有范围：低于 1、超过 1000 都不合规', async () => {
  const { SettingsPatchSchema } = await import('../../../shared/domain/settings');
  expect(SettingsPatchSchema.safeParse({ meTooPerHourPerResident: 0 }).success).toBe(false);
  expect(SettingsPatchSchema.safeParse({ meTooPerHourPerResident: 1001 }).success).toBe(false);
  expect(SettingsPatchSchema.safeParse({ meTooPerHourPerResident: 5, reportsPerHourPerStation: 300 }).success).toBe(true);
  expect(SettingsPatchSchema.safeParse({ reportsPerHourPerStation: 5 }).success).toBe(false);
});
