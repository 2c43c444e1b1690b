/**
 * submitReport 的计划与它付出的存储往返：居民在等，所以最多 3 次（本县设置、站点连同小组委员、写入事务）。
 */
import { fakeDeps } from '../fakes/fake-deps';
import { submitReport } from '../../../shared/usecases/intake/submit-report';
import { getStation } from '../../../shared/usecases/intake/get-station';
import { withMessageParams } from '../../../shared/domain/errors';
import { messageParams, mergeSettings } from '../../../shared/domain/settings';

const report = (extra: Record<string, unknown> = {}) => ({ stationId: 's1', text: '小区门口的路灯坏了', clientRequestId: 'req-00000001', ...extra });

test('提交一条反映只付 3 次存储往返，写入工单、提交历史和给委员的通知', async () => {
  const { deps, store } = fakeDeps();
  const r = await submitReport(deps, 'wx-res', report());
  expect(r.ok).toBe(true);
  expect(store.calls).toEqual(['getCountySettings', 'getSubmitContext', 'createTicket']);
  expect(store.history.map((h) => h.action)).toEqual(['submit']);
  expect(store.outbox.filter((o) => o.channel === 'inapp').map((o) => o.recipient).sort()).toEqual(['member:m1', 'member:m2']);
});

test('同一次提交的重试拿回同一张工单，不重复立单', async () => {
  const { deps, store } = fakeDeps();
  const first = await submitReport(deps, 'wx-res', report());
  const again = await submitReport(deps, 'wx-res', report());
  expect(again.ok && first.ok && again.data.ticketId === first.data.ticketId && again.data.duplicateRequest).toBe(true);
  expect(store.tickets.size).toBe(1);
});

test('站点暂停之后，暂停前那一次提交的重试仍拿回原工单；新的提交被拒绝', async () => {
  const { deps, store } = fakeDeps();
  const first = await submitReport(deps, 'wx-res', report());
  store.stations.set('s1', { ...store.stations.get('s1')!, enabled: false });
  const retry = await submitReport(deps, 'wx-res', report());
  expect(retry.ok && first.ok && retry.data.ticketId).toBe(first.ok && first.data.ticketId);
  const fresh = await submitReport(deps, 'wx-res', report({ clientRequestId: 'req-00000002' }));
  expect(fresh.ok ? 'ok' : fresh.error.code).toBe('STATION.DISABLED');
});

test('一小时内超过本县设置的条数就限流，不写入', async () => {
  const { deps, store } = fakeDeps();
  store.settings = { reportsPerHourPerResident: 2 };
  for (const n of [1, 2]) expect((await submitReport(deps, 'wx-res', report({ clientRequestId: `req-0000000${n}` }))).ok).toBe(true);
  const third = await submitReport(deps, 'wx-res', report({ clientRequestId: 'req-00000003' }));
  expect(third.ok ? 'ok' : third.error.code).toBe('REPORT.RATE_LIMITED');
  expect(store.tickets.size).toBe(2);
});

test.each([
  ['字数超过本县的上限', { maxTextLength: 100 }, { text: '路'.repeat(101) }, 'REPORT.TEXT_TOO_LONG', '内容太长了，请控制在 100 字以内。'],
  ['照片多于本县的上限', { maxPhotos: 1 }, { photos: ['local://ok/a.jpg', 'local://ok/b.jpg'] }, 'REPORT.TOO_MANY_PHOTOS', '照片最多 1 张。'],
])('%s：按本县设置拒绝，提示里是本县的数字', async (_name, settings, extra, code, message) => {
  const { deps, store } = fakeDeps();
  store.settings = settings;
  const r = await submitReport(deps, 'wx-res', report(extra));
  expect(r.ok ? 'ok' : r.error.code).toBe(code);
  const shown = withMessageParams(r, messageParams(mergeSettings(settings)));
  expect(shown.ok ? '' : shown.error.message).toBe(message);
  expect(store.tickets.size).toBe(0);
});

test('存储里的设置不合规时用默认值，不拖垮提交', () => {
  expect(mergeSettings({ maxTextLength: -5, maxPhotos: 3, unknown: 1 })).toMatchObject({ maxTextLength: 1000, maxPhotos: 3 });
});

test('站点页把本县的提交限制带给表单', async () => {
  const { deps, store } = fakeDeps();
  store.settings = { maxTextLength: 500 };
  const r = await getStation(deps, 's1');
  expect(r.ok && r.data.limits).toEqual({ maxTextLength: 500, maxPhotos: 6, maxPhotoBytes: 10 * 1024 * 1024 });
});
