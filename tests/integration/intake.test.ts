/**
 * intake 云函数在真实嵌入式数据库上的行为：居民从扫码到跟踪工单，以及各种错误输入。
 */
import { countTickets, createTestApp, expectCode, HOUR, type TestApp } from './harness';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const LAMP = '箭楼社区5栋门口的路灯坏了一个多月，晚上老人出门看不见路，希望尽快修好。';

describe('扫码进站', () => {
  test('打开站点能看到站点、所属委员小组和委员名单', async () => {
    const r = await app.intake('demo-resident-1', 'getStation', { stationId: 'demo-station-1' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data.station.name).toBe('箭楼社区委员联络室');
    expect(r.data.group.name).toBe('下陆区第三委员小组');
    expect(r.data.group.members.map((m: { name: string }) => m.name)).toEqual(expect.arrayContaining(['李建国', '王秀英', '陈志强', '王丽华']));
  });

  test('未知站点和已暂停的站点各有明确的提示', async () => {
    expectCode(await app.intake('demo-resident-1', 'getStation', { stationId: 'no-such-station' }), 'STATION.NOT_FOUND');
    expectCode(await app.intake('demo-resident-1', 'getStation', { stationId: 'demo-station-closed' }), 'STATION.DISABLED');
  });
});

describe('提交反映', () => {
  test('提交后得到编号、分库、分类、紧急程度和"待接单"状态', async () => {
    const r = await app.intake('demo-resident-1', 'submitReport', { stationId: 'demo-station-1', text: LAMP, kind: 'problem', clientRequestId: 'abc12345' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data).toMatchObject({ library: 'problem', urgency: 'normal', status: 'pending', duplicateRequest: false });
    expect(r.data.ticketNo).toMatch(/^\d{6}-[2-9A-Z]{5}$/);
    expect(r.data.category).toBe('城乡建设');
  });

  test('提交即给本组每位委员各写一条通知，投递后出现在委员的消息中心，点开是工单页', async () => {
    const id = await app.submit('demo-resident-1', LAMP);
    const outbox = await app.rt.store.listDueOutbox(app.clock.now().toISOString(), 100);
    const inapp = outbox.filter((o) => o.channel === 'inapp').map((o) => o.recipient).sort();
    expect(inapp).toEqual(['member:demo-member-1', 'member:demo-member-2', 'member:demo-member-3', 'member:demo-member-6']);
    await app.rt.deliver();
    const msgs = await app.work('demo-member-1', 'myMessages', {});
    if (!msgs.ok) throw new Error(msgs.error.code);
    expect(msgs.data.items).toHaveLength(1);
    expect(msgs.data.items[0]).toMatchObject({ ticketId: id, page: `packages/work/ticket/index?id=${id}`, read: false });
    expect(msgs.data.items[0].title).toContain('新反映');
    // 其他小组的委员收不到
    const other = await app.work('demo-member-4', 'myMessages', {});
    expect(other.ok && other.data.items).toEqual([]);
  });

  test('紧急的安全隐患同时直达召集人', async () => {
    await app.submit('demo-resident-1', '3栋一楼楼道里闻到很浓的煤气味，怀疑燃气泄漏，请赶紧来人！');
    const outbox = await app.rt.store.listDueOutbox(app.clock.now().toISOString(), 100);
    expect(outbox.filter((o) => o.channel === 'inapp').map((o) => o.recipient)).toContain('member:demo-convener');
    expect(outbox[0]!.title).toContain('紧急');
  });

  test('同一个 clientRequestId 重试拿回同一张工单，不会重复', async () => {
    const payload = { stationId: 'demo-station-1', text: LAMP, clientRequestId: 'retry-0001' };
    const a = await app.intake('demo-resident-1', 'submitReport', payload);
    const b = await app.intake('demo-resident-1', 'submitReport', payload);
    if (!a.ok || !b.ok) throw new Error('submit failed');
    expect(b.data.ticketId).toBe(a.data.ticketId);
    expect(b.data.duplicateRequest).toBe(true);
    expect(await countTickets(app)).toBe(1);
  });

  test('不同居民用了相同的 clientRequestId 各自得到自己的工单', async () => {
    const payload = { stationId: 'demo-station-1', text: LAMP, clientRequestId: 'same-id-01' };
    const a = await app.intake('demo-resident-1', 'submitReport', payload);
    const b = await app.intake('demo-resident-2', 'submitReport', payload);
    expect(a.ok && b.ok && a.data.ticketId !== b.data.ticketId).toBe(true);
  });

  const long = '路'.repeat(1001);
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['空内容', { text: '' }, 'REPORT.TEXT_EMPTY'],
    ['只有空格和换行', { text: '   \n\t  ' }, 'REPORT.TEXT_EMPTY'],
    ['超过 1000 字', { text: long }, 'REPORT.TEXT_TOO_LONG'],
    ['未知站点', { stationId: 'nowhere' }, 'STATION.NOT_FOUND'],
    ['暂停的站点', { stationId: 'demo-station-closed' }, 'STATION.DISABLED'],
    ['内容类型不对', { text: 12345 }, 'REQUEST.INVALID'],
    ['问题/建议填错', { kind: 'complaint' }, 'REQUEST.INVALID'],
    ['照片超过 6 张', { photos: Array.from({ length: 7 }, (_, i) => `local://uploads/aaaaaaaa${i}.jpg`) }, 'REPORT.TOO_MANY_PHOTOS'],
    ['伪造的照片 id', { photos: ['local://uploads/deadbeefdeadbeef.jpg'] }, 'REPORT.PHOTO_INVALID'],
    ['照片 id 不是云存储地址', { photos: ['https://example.com/a.jpg'] }, 'REPORT.PHOTO_INVALID'],
    ['手机号格式不对', { contact: { phone: '12345' } }, 'REPORT.PHONE_INVALID'],
    ['手机号带字母', { contact: { phone: '1380013800a' } }, 'REPORT.PHONE_INVALID'],
    ['缺少 clientRequestId', { clientRequestId: undefined }, 'REPORT.CLIENT_REQUEST_ID_INVALID'],
    ['匿名填成字符串', { anonymous: 'yes' }, 'REQUEST.INVALID'],
    ['违规内容', { text: '加微信领红包，刷单返利日赚三百' }, 'REPORT.CONTENT_BLOCKED'],
  ];
  test.each(bad)('%s：给出中文提示和稳定错误码，什么都不写入', async (_name, patch, code) => {
    const r = await app.intake('demo-resident-1', 'submitReport', { stationId: 'demo-station-1', text: LAMP, clientRequestId: 'bad-input-1', ...patch });
    expectCode(r, code);
    expect(await countTickets(app)).toBe(0);
    expect(await app.rt.store.listDueOutbox('9999', 100)).toEqual([]);
  });

  test('没有身份的调用被拒绝', async () => {
    expectCode(await app.intake(null, 'submitReport', { stationId: 'demo-station-1', text: LAMP, clientRequestId: 'noid-0001' }), 'AUTH.NO_IDENTITY');
  });

  test('未知的 action 得到明确的错误', async () => {
    expectCode(await app.intake('demo-resident-1', 'dropTables', {}), 'REQUEST.UNKNOWN_ACTION');
  });

  test('一小时内超过 10 条会被友好地限流，过一小时恢复；限流不影响已提交的', async () => {
    for (let i = 0; i < 10; i++) await app.submit('demo-resident-1', `${LAMP}（第${i + 1}次）`);
    expectCode(await app.intake('demo-resident-1', 'submitReport', { stationId: 'demo-station-1', text: LAMP, clientRequestId: 'over-limit' }), 'REPORT.RATE_LIMITED');
    expect(await countTickets(app)).toBe(10);
    app.clock.advance(HOUR + 1000);
    await app.submit('demo-resident-1', LAMP);
    expect(await countTickets(app)).toBe(11);
  });

  test('联系方式可选；匿名反映不保存联系方式', async () => {
    const id = await app.submit('demo-resident-1', LAMP, { contact: { name: '张阿姨', phone: '13812345678' }, anonymous: true });
    const t = await app.rt.store.getTicket(id);
    expect(t?.contact).toBeNull();
    expect(t?.anonymous).toBe(true);
  });

  test('文中的手机号在委员看到的文本里被隐去，居民自己看到原文', async () => {
    const id = await app.submit('demo-resident-1', '我家楼下化粪池满溢好几天了臭气熏天我电话13907141234请尽快处理');
    const t = await app.rt.store.getTicket(id);
    expect(t?.redactedText).not.toContain('13907141234');
    const mine = await app.intake('demo-resident-1', 'getTicket', { ticketId: id });
    expect(mine.ok && mine.data.text).toContain('13907141234');
  });
});

describe('我的反映与我也遇到了', () => {
  test('居民在"我的反映"里看到自己的工单和时间线', async () => {
    const id = await app.submit('demo-resident-1', LAMP);
    const list = await app.intake('demo-resident-1', 'myReports');
    if (!list.ok) throw new Error(list.error.code);
    expect(list.data.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(list.data.items[0].statusLabel).toBe('待接单');
    const t = await app.intake('demo-resident-1', 'getTicket', { ticketId: id });
    if (!t.ok) throw new Error(t.error.code);
    expect(t.data.timeline.map((x: { label: string }) => x.label)).toEqual(['提交反映']);
  });

  test('别人的工单对居民来说"不存在"', async () => {
    const id = await app.submit('demo-resident-1', LAMP);
    expectCode(await app.intake('demo-resident-2', 'getTicket', { ticketId: id }), 'TICKET.NOT_FOUND');
    expectCode(await app.intake('demo-resident-1', 'getTicket', { ticketId: 'no-such-ticket' }), 'TICKET.NOT_FOUND');
    const list = await app.intake('demo-resident-2', 'myReports');
    expect(list.ok && list.data.items).toEqual([]);
  });

  test('提交前能看到本站相似的反映，点"我也遇到了"就加入，之后也能跟进', async () => {
    const id = await app.submit('demo-resident-1', '小区出行道路被电线杆挡住，车辆进出困难，救护车都开不进来');
    const similar = await app.intake('demo-resident-2', 'findSimilar', { stationId: 'demo-station-1', text: '我们小区门口的路被电线杆挡住了，车开不进来' });
    if (!similar.ok) throw new Error(similar.error.code);
    expect(similar.data.items[0]?.ticketId).toBe(id);
    const joined = await app.intake('demo-resident-2', 'meToo', { ticketId: id });
    expect(joined.ok && joined.data.reporterCount).toBe(2);
    expectCode(await app.intake('demo-resident-2', 'meToo', { ticketId: id }), 'TICKET.ALREADY_JOINED');
    expectCode(await app.intake('demo-resident-1', 'meToo', { ticketId: id }), 'TICKET.OWN_TICKET');
    const list = await app.intake('demo-resident-2', 'myReports');
    expect(list.ok && list.data.items.map((i: { id: string; isOwner: boolean }) => [i.id, i.isOwner])).toEqual([[id, false]]);
    // 加入的人看到的是隐去个人信息的文本，看不到提交人的联系方式
    const view = await app.intake('demo-resident-2', 'getTicket', { ticketId: id });
    expect(view.ok && view.data.contact).toBeNull();
  });

  test('相邻站点的相似反映也会提示；其他小组的站点不会', async () => {
    const id = await app.submit('demo-resident-1', '北辰社区卫生服务中心太远，老人看病要坐一个小时公交', { stationId: 'demo-station-3' });
    const near = await app.intake('demo-resident-2', 'findSimilar', { stationId: 'demo-station-1', text: '社区卫生服务中心太远了，老人看病要坐很久公交' });
    expect(near.ok && near.data.items.map((i: { ticketId: string }) => i.ticketId)).toContain(id);
    const far = await app.intake('demo-resident-2', 'findSimilar', { stationId: 'demo-station-2', text: '社区卫生服务中心太远了，老人看病要坐很久公交' });
    expect(far.ok && far.data.items).toEqual([]);
  });
});

describe('持久化', () => {
  test('确认过的反映在重启后仍在', async () => {
    const id = await app.submit('demo-resident-1', LAMP);
    app.close();
    const again = await createTestApp({ dir: app.dir, seed: false });
    try {
      const t = await again.intake('demo-resident-1', 'getTicket', { ticketId: id });
      expect(t.ok && t.data.id).toBe(id);
    } finally {
      again.close();
    }
    app = await createTestApp({ dir: app.dir, seed: false });
  });
});
