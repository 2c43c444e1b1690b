/**
 * 站的每小时上限（县里设置 reportsPerHourPerStation）：submitReport 把上限交给写入事务，
 * 事务说站满了，居民得到 REPORT.STATION_BUSY 和一句请她稍后再试或打站里电话的话。
 */
import { fakeDeps } from '../fakes/fake-deps';
import { submitReport } from '../../../shared/usecases/intake/submit-report';
import type { SubmitRateLimit } from '../../../shared/ports/store.port';

const report = { stationId: 's1', text: '小区门口的路灯坏了', clientRequestId: 'req-00000001' };

test('站的上限随居民的限流一起交给写入事务（窗口一小时）', async () => {
  const { deps, store } = fakeDeps();
  store.settings = { reportsPerHourPerStation: 50, reportsPerHourPerResident: 4 };
  const seen: SubmitRateLimit[] = [];
  const create = store.createTicket.bind(store);
  store.createTicket = async (t, h, o, limit) => {
    seen.push(limit!);
    return create(t, h, o, limit);
  };
  expect((await submitReport(deps, 'wx-res', report)).ok).toBe(true);
  expect(seen).toEqual([{ sinceIso: '2026-11-20T01:00:00.000Z', max: 4, stationMax: 50 }]);
});

test('事务说这个站满了：REPORT.STATION_BUSY，提示请她稍后再试、急事打联络站电话；什么也没写', async () => {
  const { deps, store } = fakeDeps();
  store.createTicket = async () => ({ created: false, rateLimited: true, stationBusy: true });
  const r = await submitReport(deps, 'wx-new-openid', report);
  expect(r.ok ? 'ok' : r.error.code).toBe('REPORT.STATION_BUSY');
  expect(r.ok ? '' : r.error.message).toMatch(/稍后|过一会儿/);
  expect(r.ok ? '' : r.error.message).toContain('联络站电话');
  expect(store.tickets.size).toBe(0);
});

test('居民自己超了仍是 REPORT.RATE_LIMITED（先看居民，再看站）', async () => {
  const { deps, store } = fakeDeps();
  store.createTicket = async () => ({ created: false, rateLimited: true });
  const r = await submitReport(deps, 'wx-res', report);
  expect(r.ok ? 'ok' : r.error.code).toBe('REPORT.RATE_LIMITED');
});
