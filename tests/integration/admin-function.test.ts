/**
 * admin 云函数整条跑通，两套存储各跑一遍：本地（处理函数 + 临时目录里的真实 SQLite）与云端
 * （cloudfunctions/admin/index.ts 的入口 + CloudBase 适配器 + 进程内数据库替身，小程序码走 cloud.openapi 替身）。
 * 每个动作、每种拒绝；以及"政协办建站、发码 → 居民在新站反映 → 新委员绑定后接到这一单"。
 */
import { seedDemoCounty } from '../../cloudfunctions/_runtime/demo-county';
import type { CloudMain, CloudPlatform } from '../../cloudfunctions/_runtime/platform.cloudbase';
import type { CloudbaseDatabase } from '../../cloudfunctions/_runtime/adapters/db.cloudbase';
import { createCloudbaseStore } from '../../cloudfunctions/_runtime/adapters/store.cloudbase';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import type { Envelope } from '../../shared/api/envelope';
import type { Deps } from '../../shared/usecases/context';
import { CloudbaseDbService, createDoubleDatabase } from '../contract/cloudbase-db.double';
import { OpenApiDouble, StorageDouble } from '../contract/openapi.double';
import { createTestApp, expectCode, TestClock } from './harness';

/* eslint-disable @typescript-eslint/no-require-imports */
const adminFn: typeof import('../../cloudfunctions/admin/index') = require('../../cloudfunctions/admin/index.ts');
const intakeFn: typeof import('../../cloudfunctions/intake/index') = require('../../cloudfunctions/intake/index.ts');
const workFn: typeof import('../../cloudfunctions/work/index') = require('../../cloudfunctions/work/index.ts');
/* eslint-enable @typescript-eslint/no-require-imports */

type Fn = 'admin' | 'intake' | 'work';
interface Backend {
  call<T = any>(fn: Fn, openid: string | null, action: string, payload?: Record<string, unknown>): Promise<Envelope<T>>;
  /** 生成小程序码的次数（只有云端有） */
  wxacodeCalls(): number;
  close(): void;
}

async function sqliteBackend(): Promise<Backend> {
  const app = await createTestApp({ settings: { reportsPerHourPerResident: 1000 } });
  const handlers = app.rt.handlers as Record<Fn, (e: unknown, c: { openid: string | null }) => Promise<Envelope<unknown>>>;
  return {
    call: (fn, openid, action, payload = {}) => handlers[fn]({ action, ...payload }, { openid }) as Promise<Envelope<any>>,
    wxacodeCalls: () => 0,
    close: () => app.close(),
  };
}

async function cloudbaseBackend(): Promise<Backend> {
  const service = new CloudbaseDbService(ALL_COLLECTIONS.map((c) => c.name));
  const db = createDoubleDatabase(service);
  const openapi = new OpenApiDouble();
  const storage = new StorageDouble();
  let current: string | null = null;
  const platform: CloudPlatform = {
    wx: { init() {}, DYNAMIC_CURRENT_ENV: Symbol('current'), getWXContext: () => (current ? { OPENID: current } : {}), openapi: openapi.api },
    app: { database: () => db, getTempFileURL: (o) => storage.getTempFileURL(o), uploadFile: (o) => storage.uploadFile(o) },
  };
  const options = {
    clock: new TestClock(),
    env: { WEAPP_APPID: 'wx0123456789abcdef', WEAPP_STATE: 'formal' as const, SUBSCRIBE_TEMPLATES: '', CONTENT_REVIEW: 'allow' as const, MEDIA_CHECK: 'off' as const, templates: [] },
    logger: { error: (m: string, c: Record<string, unknown>) => console.error(m, c.error) },
  };
  const fns: Record<Fn, CloudMain> = { admin: adminFn.createMain(platform, options), intake: intakeFn.createMain(platform, options), work: workFn.createMain(platform, options) };
  await seedDemoCounty({ store: createCloudbaseStore(db as CloudbaseDatabase) } as unknown as Deps, { tickets: false });
  return {
    async call(fn, openid, action, payload = {}) {
      current = openid;
      return (await fns[fn]({ action, ...payload })) as Envelope<any>;
    },
    wxacodeCalls: () => openapi.calls.filter((c) => c.api === 'wxacode.getUnlimited').length,
    close: () => {},
  };
}

const ok = <T>(r: Envelope<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r.data;
};

describe.each([
  ['SQLite', sqliteBackend],
  ['CloudBase 替身', cloudbaseBackend],
])('admin 云函数（%s）', (_name, make) => {
  let b: Backend;
  beforeEach(async () => {
    b = await make();
  });
  afterEach(() => b.close());

  const ACTIONS: Array<[string, Record<string, unknown>]> = [
    ['whoamiAdmin', {}],
    ['listStations', {}],
    ['saveStation', { name: '桅子村联络点', address: '桅子村村委会', groupId: 'demo-group-1' }],
    ['setStationEnabled', { stationId: 'demo-station-1', enabled: false }],
    ['listGroups', {}],
    ['saveGroup', { name: '新小组' }],
    ['listMembers', {}],
    ['saveMember', { name: '孙立新', groupId: 'demo-group-1', role: 'member' }],
    ['removeMembership', { memberId: 'demo-member-1', groupId: 'demo-group-1' }],
    ['setMemberActive', { memberId: 'demo-member-1', active: false }],
    ['issueInvite', { memberId: 'demo-member-1' }],
    ['revokeInvite', { memberId: 'demo-member-1' }],
    ['importMembers', { rows: [{ name: '孙立新', groupName: '下陆区第三委员小组', role: '委员' }] }],
    ['stationPoster', { stationId: 'demo-station-1' }],
    ['groupPosters', { groupId: 'demo-group-1' }],
    ['getSettings', {}],
    ['saveSettings', { settings: { maxPhotos: 3 } }],
    ['auditLog', {}],
  ];

  test.each(ACTIONS)('%s：居民、委员、召集人都得到 ADMIN.NOT_ADMIN，没有身份的得到 AUTH.NO_IDENTITY，什么都不写', async (action, payload) => {
    for (const openid of ['demo-resident-1', 'demo-member-1', 'demo-convener']) expectCode(await b.call('admin', openid, action, payload), 'ADMIN.NOT_ADMIN');
    expectCode(await b.call('admin', null, action, payload), 'AUTH.NO_IDENTITY');
    expect(ok(await b.call('admin', 'demo-admin', 'auditLog')).items).toEqual([]);
  });

  test.each([
    ['saveStation 缺地址', 'REQUEST.INVALID', 'saveStation', { name: '站', groupId: 'demo-group-1', address: '' }],
    ['saveMember 缺姓名', 'MEMBER.NAME_MISSING', 'saveMember', { name: ' ', groupId: 'demo-group-1', role: 'member' }],
    ['saveMember 身份不对', 'MEMBER.ROLE_INVALID', 'saveMember', { name: '何志远', groupId: 'demo-group-1', role: 'boss' }],
    ['saveMember 电话不对', 'MEMBER.PHONE_INVALID', 'saveMember', { name: '何志远', groupId: 'demo-group-1', role: 'member', phone: '123' }],
    ['saveGroup 机器人地址不对', 'GROUP.WEBHOOK_INVALID', 'saveGroup', { name: '新小组', wecomWebhook: 'http://evil.example/x' }],
    ['saveGroup 同名', 'GROUP.NAME_TAKEN', 'saveGroup', { name: '下陆区第三委员小组' }],
    ['saveSettings 超出范围', 'SETTINGS.INVALID', 'saveSettings', { settings: { maxTextLength: 5 } }],
    ['importMembers 空', 'IMPORT.EMPTY', 'importMembers', { rows: [] }],
    ['stationPoster 不存在', 'STATION.NOT_FOUND', 'stationPoster', { stationId: 'nope' }],
    ['issueInvite 已绑定', 'MEMBER.ALREADY_BOUND', 'issueInvite', { memberId: 'demo-member-1' }],
  ])('%s → %s，什么都不写', async (_name, code, action, payload) => {
    expectCode(await b.call('admin', 'demo-admin', action, payload), code);
    expect(ok(await b.call('admin', 'demo-admin', 'auditLog')).items).toEqual([]);
  });

  test('区县政协办只看得到、改得了自己小组的；范围外的答"未找到"', async () => {
    const stations = ok(await b.call('admin', 'demo-admin-yy', 'listStations'));
    expect(stations.items.map((s: { id: string }) => s.id).sort()).toEqual(['demo-station-2', 'demo-station-closed']);
    expectCode(await b.call('admin', 'demo-admin-yy', 'setStationEnabled', { stationId: 'demo-station-1', enabled: false }), 'STATION.NOT_FOUND');
    expectCode(await b.call('admin', 'demo-admin-yy', 'stationPoster', { stationId: 'demo-station-1' }), 'STATION.NOT_FOUND');
    expectCode(await b.call('admin', 'demo-admin-yy', 'issueInvite', { memberId: 'demo-member-1' }), 'MEMBER.NOT_FOUND');
    expectCode(await b.call('admin', 'demo-admin-yy', 'saveSettings', { settings: { maxPhotos: 3 } }), 'ADMIN.SCOPE_EXCEEDED');
    const groups = ok(await b.call('admin', 'demo-admin-yy', 'listGroups'));
    expect(groups.items.map((g: { id: string }) => g.id)).toEqual(['demo-group-2']);
  });

  test('建小组、建站、加委员、发邀请码 → 居民在新站反映 → 新委员绑定后在"待接单"里看到这一单；每一步都有操作记录', async () => {
    const { groupId } = ok(await b.call('admin', 'demo-admin', 'saveGroup', { name: '桅子村委员小组', area: '枝江市' }));
    const { stationId } = ok(await b.call('admin', 'demo-admin', 'saveStation', { name: '桅子村联络点', address: '桅子村村委会', groupId, receptionHours: '每周三上午', phone: '0717-1234567' }));
    const { memberId } = ok(await b.call('admin', 'demo-admin', 'saveMember', { name: '孙立新', groupId, role: 'convener', phone: '13900001111', sector: '农业界' }));
    const { inviteCode } = ok(await b.call('admin', 'demo-admin', 'issueInvite', { memberId }));

    const station = ok(await b.call('intake', 'wx-new-resident', 'getStation', { stationId }));
    expect(station.group.name).toBe('桅子村委员小组');
    const submitted = ok(await b.call('intake', 'wx-new-resident', 'submitReport', { stationId, text: '村后山坡出现裂缝，下雨后有碎石滚落', clientRequestId: 'req-admin-flow-1' }));

    const bound = ok(await b.call('work', 'wx-sun', 'bindMember', { inviteCode }));
    expect(bound.groups).toEqual([{ groupId, groupName: '桅子村委员小组', role: 'convener' }]);
    const queue = ok(await b.call('work', 'wx-sun', 'listQueue', { filter: 'open' }));
    expect(queue.items.map((t: { id: string }) => t.id)).toEqual([submitted.ticketId]);
    ok(await b.call('work', 'wx-sun', 'claimTicket', { ticketId: submitted.ticketId }));

    const audit = ok(await b.call('admin', 'demo-admin', 'auditLog'));
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(['issueInvite', 'saveMember', 'saveStation', 'saveGroup']);
    expect(JSON.stringify(audit)).not.toContain(inviteCode);
  });

  test('海报：站名、小组与委员、接待时间、码（本地是站点链接的二维码，云端是生成一次就缓存的小程序码）', async () => {
    const first = ok(await b.call('admin', 'demo-admin', 'stationPoster', { stationId: 'demo-station-1' }));
    expect(first.station).toMatchObject({ name: '箭楼社区委员联络室', receptionHours: '每周二下午 2:30–5:00', phone: '0714-5312345' });
    expect(first.members[0]).toMatchObject({ name: '王丽华', role: 'convener' });
    if (first.link) {
      expect(first.link).toMatch(/#\/pages\/station\/index\?station=demo-station-1$/);
      expect(first.qrSvg).toMatch(/^<svg/);
    } else {
      expect(first.fileId).toMatch(/^cloud:\/\//);
      ok(await b.call('admin', 'demo-admin', 'stationPoster', { stationId: 'demo-station-1' }));
      expect(b.wxacodeCalls()).toBe(1);
    }
    const batch = ok(await b.call('admin', 'demo-admin', 'groupPosters', { groupId: 'demo-group-1' }));
    expect(batch.items.map((p: { station: { id: string } }) => p.station.id).sort()).toEqual(['demo-station-1', 'demo-station-3']);
  });

  test('暂停的站：扫码的居民看到去哪里；恢复后又能反映', async () => {
    ok(await b.call('admin', 'demo-admin', 'setStationEnabled', { stationId: 'demo-station-1', enabled: false, pausedNotice: '请到北辰社区委员工作室' }));
    const scanned = await b.call('intake', 'wx-r', 'getStation', { stationId: 'demo-station-1' });
    expectCode(scanned, 'STATION.DISABLED');
    expect(!scanned.ok && scanned.error.message).toBe('这个联络站暂停受理了。请到北辰社区委员工作室');
    expectCode(await b.call('intake', 'wx-r', 'submitReport', { stationId: 'demo-station-1', text: '路灯坏了', clientRequestId: 'req-paused-1' }), 'STATION.DISABLED');
    ok(await b.call('admin', 'demo-admin', 'setStationEnabled', { stationId: 'demo-station-1', enabled: true }));
    ok(await b.call('intake', 'wx-r', 'submitReport', { stationId: 'demo-station-1', text: '路灯坏了', clientRequestId: 'req-paused-2' }));
  });

  test('站点改属另一个小组：未结束的工单跟着走，原小组看不到了，新小组能接', async () => {
    const t = ok(await b.call('intake', 'wx-r', 'submitReport', { stationId: 'demo-station-3', text: '社区卫生服务站太远', clientRequestId: 'req-move-1' }));
    ok(await b.call('work', 'demo-member-1', 'claimTicket', { ticketId: t.ticketId }));
    ok(await b.call('admin', 'demo-admin', 'saveStation', { id: 'demo-station-3', name: '北辰社区委员工作室', address: '北辰社区', groupId: 'demo-group-2' }));
    expectCode(await b.call('work', 'demo-member-1', 'getTicket', { ticketId: t.ticketId }), 'TICKET.NOT_FOUND');
    const moved = ok(await b.call('work', 'demo-member-4', 'getTicket', { ticketId: t.ticketId }));
    expect(moved).toMatchObject({ status: 'pending', claimants: [], groupId: 'demo-group-2' });
    expect(moved.history.at(-1)).toMatchObject({ action: 'transfer' });
  });

  test('停用委员：他接的单回到待接单；他再也打不开工作台', async () => {
    const t = ok(await b.call('intake', 'wx-r', 'submitReport', { stationId: 'demo-station-1', text: '楼道灯不亮', clientRequestId: 'req-deact-1' }));
    ok(await b.call('work', 'demo-member-2', 'claimTicket', { ticketId: t.ticketId }));
    const r = ok(await b.call('admin', 'demo-admin', 'setMemberActive', { memberId: 'demo-member-2', active: false }));
    expect(r.releasedTickets).toBe(1);
    expect(ok(await b.call('work', 'demo-convener', 'getTicket', { ticketId: t.ticketId })).status).toBe('pending');
    expectCode(await b.call('work', 'demo-member-2', 'listQueue', { filter: 'open' }), 'MEMBER.NOT_BOUND');
  });

  test('粘贴导入：预览列出每行的问题；导入只写好行，每人一个邀请码', async () => {
    const rows = [
      { name: '何志远', groupName: '下陆区第三委员小组', role: '委员', phone: '13900001111' },
      { name: '吴桂兰', groupName: '没有这个组', role: '委员' },
    ];
    const preview = ok(await b.call('admin', 'demo-admin', 'importMembers', { rows, dryRun: true }));
    expect(preview.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([[2, 'IMPORT.GROUP_UNKNOWN']]);
    const done = ok(await b.call('admin', 'demo-admin', 'importMembers', { rows }));
    expect(done.invites.map((i: { name: string }) => i.name)).toEqual(['何志远']);
    ok(await b.call('work', 'wx-sun', 'bindMember', { inviteCode: done.invites[0].inviteCode }));
  });

  test('县级设置改了就生效：字数上限降到 100，提交时按 100 字提示', async () => {
    ok(await b.call('admin', 'demo-admin', 'saveSettings', { settings: { maxTextLength: 100 } }));
    expect(ok(await b.call('admin', 'demo-admin', 'getSettings')).settings.maxTextLength).toBe(100);
    const r = await b.call('intake', 'wx-r', 'submitReport', { stationId: 'demo-station-1', text: '路'.repeat(101), clientRequestId: 'req-settings-1' });
    expectCode(r, 'REPORT.TEXT_TOO_LONG');
    expect(!r.ok && r.error.message).toBe('内容太长了，请控制在 100 字以内。');
    expect(ok(await b.call('intake', 'wx-r', 'getStation', { stationId: 'demo-station-1' })).limits.maxTextLength).toBe(100);
  });
});

test('县里设定给居民看的分类、站点的接待时间和电话，扫码的居民在站点页上看得到', async () => {
  const app = await createTestApp();
  try {
    const admin = (action: string, payload: Record<string, unknown>) => app.rt.handlers.admin({ action, ...payload }, { openid: 'demo-admin' });
    expect((await admin('saveSettings', { settings: { residentCategories: ['城乡建设', '环境保护'] } })).ok).toBe(true);
    const r = await app.intake('wx-r', 'getStation', { stationId: 'demo-station-1' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data.categories).toEqual(['城乡建设', '环境保护']);
    expect(r.data.station).toMatchObject({ receptionHours: '每周二下午 2:30–5:00', phone: '0714-5312345' });
  } finally {
    app.close();
  }
});
