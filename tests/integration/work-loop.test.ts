/**
 * 四单 + 归单 的整条链：居民点单 → 委员接单 → 协商解单 → 提请办结 → 召集人办结归档 → 居民评价；
 * 以及分单、合并、转办、不予受理、不满意后重新办理，和每一步的通知。
 */
import http from 'node:http';
import { createTestApp, expectCode, type TestApp } from './harness';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

const POLES = '小区出行道路被电线杆挡住，车辆进出困难，救护车都开不进来。我的电话13807231234';

async function messagesOf(openid: string) {
  await app.rt.deliver();
  const r = await app.work(openid, 'myMessages', {});
  if (!r.ok) throw new Error(r.error.code);
  return r.data.items as Array<{ title: string; body: string; page: string; ticketId: string; event: string }>;
}

test('整条链：接单、协商、提请办结、召集人从通知里办结、居民评价、案例公开', async () => {
  const id = await app.submit('demo-resident-1', POLES, { contact: { name: '张阿姨', phone: '13807231234' } });

  // 委员从队列里看到并接单；李委员和王委员一起接
  const queue = await app.work('demo-member-1', 'listQueue', { filter: 'open' });
  expect(queue.ok && queue.data.items.map((t: { id: string }) => t.id)).toContain(id);
  const claim = await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  if (!claim.ok) throw new Error(claim.error.code);
  expect(claim.data.status).toBe('claimed');
  expect(claim.data.contact).toEqual({ name: '张阿姨', phone: '13807231234' });
  expect((await app.work('demo-member-2', 'claimTicket', { ticketId: id })).ok).toBe(true);
  const mine = await app.work('demo-member-1', 'listQueue', { filter: 'mine' });
  expect(mine.ok && mine.data.items.map((t: { id: string }) => t.id)).toEqual([id]);

  // 未接单的委员看到的联系电话是打码的，文本里的电话也隐去了
  const peek = await app.work('demo-member-3', 'getTicket', { ticketId: id });
  if (!peek.ok) throw new Error(peek.error.code);
  expect(peek.data.contact.phone).toBe('138****1234');
  expect(peek.data.text).not.toContain('13807231234');
  expect(peek.data.actions).toEqual(['claim']);

  // 居民收到"委员已接单"
  expect((await messagesOf('demo-resident-1')).map((m) => m.event)).toContain('ticket.claimed');

  const consult = await app.work('demo-member-1', 'recordConsultation', {
    ticketId: id,
    heldAt: '2026-05-23T14:30:00+08:00',
    place: '箭楼社区委员联络室',
    participants: ['居民代表4人', '李建国委员', '王秀英委员'],
    departments: ['街道办', '居委会', '国网黄石分公司', '物业公司'],
    agreement: '国网黄石分公司6月底前将两根电线杆移至绿化带，物业配合清障。',
  });
  if (!consult.ok) throw new Error(consult.error.code);
  expect(consult.data.status).toBe('consulting');
  expect((await app.work('demo-member-1', 'addProgress', { ticketId: id, note: '国网已到现场勘察' })).ok).toBe(true);
  const propose = await app.work('demo-member-1', 'proposeClose', { ticketId: id, summary: '电线杆已移走，道路畅通。' });
  expect(propose.ok && propose.data.status).toBe('proposed');

  // 召集人收到"待办结"，点开消息里的页面路径就是工单页，能做的动作里有办结
  const convenerMsgs = await messagesOf('demo-convener');
  const notice = convenerMsgs.find((m) => m.event === 'ticket.proposed');
  expect(notice?.page).toBe(`packages/work/ticket/index?id=${id}`);
  const opened = await app.work('demo-convener', 'getTicket', { ticketId: new URLSearchParams(notice!.page.split('?')[1]).get('id') });
  if (!opened.ok) throw new Error(opened.error.code);
  expect(opened.data.actions).toContain('close');
  expect(opened.data.proposal).toBe('电线杆已移走，道路畅通。');

  const close = await app.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '经委员牵头协商，国网将电线杆移至绿化带，道路恢复畅通。联系人张阿姨13807231234', publish: true });
  if (!close.ok) throw new Error(close.error.code);
  expect(close.data.status).toBe('closed');
  expect(close.data.library).toBe('case');
  expect(close.data.caseSummary).not.toContain('13807231234');

  // 居民看到已办结，一键评价
  const residentMsgs = await messagesOf('demo-resident-1');
  expect(residentMsgs.map((m) => m.event)).toEqual(expect.arrayContaining(['ticket.claimed', 'ticket.consulted', 'ticket.progress', 'ticket.closed']));
  const seen = await app.intake('demo-resident-1', 'getTicket', { ticketId: id });
  if (!seen.ok) throw new Error(seen.error.code);
  expect(seen.data.statusLabel).toBe('已办结');
  expect(seen.data.canRate).toBe(true);
  expect(seen.data.timeline.map((t: { label: string }) => t.label)).toEqual(['提交反映', '接单', '接单', '记录协商', '更新进展', '办结']);
  const rated = await app.intake('demo-resident-1', 'rateTicket', { ticketId: id, rating: 'satisfied' });
  expect(rated.ok && rated.data.rating.rating).toBe('satisfied');
  expectCode(await app.intake('demo-resident-1', 'rateTicket', { ticketId: id, rating: 'basic' }), 'TICKET.ALREADY_RATED');

  const cases = await app.intake('demo-resident-9', 'listCases', { stationId: 'demo-station-1' });
  if (!cases.ok) throw new Error(cases.error.code);
  expect(cases.data.items).toHaveLength(1);
  expect(JSON.stringify(cases.data.items)).not.toMatch(/13807231234|张阿姨/);

  // 历史完整：谁、什么身份、何时、从哪到哪
  const history = await app.rt.store.listHistory(id);
  expect(history.map((h) => [h.action, h.relation, h.from, h.to])).toEqual([
    ['submit', 'owner', null, 'pending'],
    ['claim', 'member', 'pending', 'claimed'],
    ['claim', 'member', 'claimed', 'claimed'],
    ['recordConsultation', 'claimant', 'claimed', 'consulting'],
    ['addProgress', 'claimant', 'consulting', 'consulting'],
    ['proposeClose', 'claimant', 'consulting', 'proposed'],
    ['close', 'convener', 'proposed', 'closed'],
    ['rate', 'owner', 'closed', 'closed'],
  ]);
});

test('不满意会通知召集人，召集人重新办理后原接单委员继续', async () => {
  const id = await app.submit('demo-resident-1', '楼下化粪池满溢，臭味很大。');
  await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  await app.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '已清掏化粪池。' });
  await app.intake('demo-resident-1', 'rateTicket', { ticketId: id, rating: 'unsatisfied', comment: '还是有味道' });
  const msgs = await messagesOf('demo-convener');
  expect(msgs.find((m) => m.event === 'ticket.unsatisfied')?.body).toContain('还是有味道');
  const reopened = await app.work('demo-convener', 'reopenTicket', { ticketId: id, reason: '居民反映仍有异味，请继续跟进' });
  if (!reopened.ok) throw new Error(reopened.error.code);
  expect(reopened.data.status).toBe('claimed');
  expect(reopened.data.library).toBe('problem');
  expect((await messagesOf('demo-member-1')).map((m) => m.event)).toContain('ticket.reopened');
});

test('分单：召集人把没人接的单分给本组委员，不能分给别组的人，也不能分给还没绑定微信的人', async () => {
  const id = await app.submit('demo-resident-1', '小区停车难，车位严重不足。');
  expectCode(await app.work('demo-convener', 'assignTicket', { ticketId: id, memberIds: ['demo-member-4'] }), 'TICKET.MEMBER_NOT_IN_GROUP');
  expectCode(await app.work('demo-convener', 'assignTicket', { ticketId: id, memberIds: ['demo-member-2', 'demo-member-6'] }), 'MEMBER.NOT_ASSIGNABLE');
  const view = await app.work('demo-convener', 'getTicket', { ticketId: id });
  expect(view.ok && view.data.status).toBe('pending');
  expect(view.ok && view.data.groupMembers.find((m: { id: string }) => m.id === 'demo-member-6')).toMatchObject({ name: '孙立新', assignable: false });
  const r = await app.work('demo-convener', 'assignTicket', { ticketId: id, memberIds: ['demo-member-2', 'demo-member-3'] });
  if (!r.ok) throw new Error(r.error.code);
  expect(r.data.status).toBe('claimed');
  expect(r.data.claimants.sort()).toEqual(['王秀英', '陈志强'].sort());
  expect((await messagesOf('demo-member-2')).map((m) => m.event)).toContain('ticket.assigned');
});

test('合并：两位居民都跟进保留的那张，"我也遇到了"人数相加', async () => {
  const keep = await app.submit('demo-resident-1', '5栋门口路灯不亮。');
  await app.intake('demo-resident-3', 'meToo', { ticketId: keep });
  const dup = await app.submit('demo-resident-2', '5号楼门口的路灯坏了。');
  await app.intake('demo-resident-4', 'meToo', { ticketId: dup });
  expectCode(await app.work('demo-convener', 'mergeTicket', { ticketId: dup, intoTicketId: dup }), 'TICKET.MERGE_SELF');
  const r = await app.work('demo-convener', 'mergeTicket', { ticketId: dup, intoTicketId: keep });
  if (!r.ok) throw new Error(r.error.code);
  expect(r.data.status).toBe('merged');
  const kept = await app.rt.store.getTicket(keep);
  expect(kept?.meToo.sort()).toEqual(['demo-resident-2', 'demo-resident-3', 'demo-resident-4']);
  const list = await app.intake('demo-resident-2', 'myReports');
  expect(list.ok && list.data.items.map((i: { id: string }) => i.id).sort()).toEqual([keep, dup].sort());
  expect((await messagesOf('demo-resident-2')).map((m) => m.event)).toContain('ticket.merged');
});

test('转办：个人诉求转到职能部门，居民看得到部门和理由', async () => {
  const id = await app.submit('demo-resident-1', '公司拖欠我三个月工资，老板一直不给。');
  const t = await app.rt.store.getTicket(id);
  expect(t?.scope).toBe('individual');
  const r = await app.work('demo-convener', 'referTicket', { ticketId: id, department: '区人社局', reason: '个人劳动报酬争议属人社部门职责，已转劳动监察大队办理。' });
  expect(r.ok && r.data.status).toBe('referred');
  const seen = await app.intake('demo-resident-1', 'getTicket', { ticketId: id });
  expect(seen.ok && seen.data.timeline.at(-1).note).toContain('区人社局');
});

test('不予受理要写理由；结束的工单不能再接单', async () => {
  const id = await app.submit('demo-resident-1', '建议在小区里建一个游泳馆。');
  expectCode(await app.work('demo-convener', 'rejectTicket', { ticketId: id, reason: '   ' }), 'REQUEST.INVALID');
  expect((await app.work('demo-convener', 'rejectTicket', { ticketId: id, reason: '小区内无建设用地，建议向区文体局提出。' })).ok).toBe(true);
  expectCode(await app.work('demo-member-1', 'claimTicket', { ticketId: id }), 'TICKET.TRANSITION_NOT_ALLOWED');
});

test('已接过的委员再点接单被告知"已经接过"；退出后名额空出来', async () => {
  const id = await app.submit('demo-resident-1', '路面坑洼。');
  await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  expectCode(await app.work('demo-member-1', 'claimTicket', { ticketId: id }), 'TICKET.ALREADY_CLAIMED');
  const released = await app.work('demo-member-1', 'releaseClaim', { ticketId: id });
  expect(released.ok && released.data.status).toBe('pending');
});

test('用邀请码绑定委员身份；邀请码只能用一次；绑定前收到的站内消息绑定后能看到', async () => {
  await app.submit('demo-resident-1', '小区垃圾桶不够用，垃圾满地。');
  expectCode(await app.work('wx-sun', 'listQueue', { filter: 'open' }), 'MEMBER.NOT_BOUND');
  expectCode(await app.work('wx-sun', 'bindMember', { inviteCode: 'WRONG1' }), 'MEMBER.INVITE_INVALID');
  const bound = await app.work('wx-sun', 'bindMember', { inviteCode: 'jl2026a' });
  if (!bound.ok) throw new Error(bound.error.code);
  expect(bound.data.member.name).toBe('孙立新');
  expect(bound.data.groups).toEqual([{ groupId: 'demo-group-1', groupName: '下陆区第三委员小组', role: 'member' }]);
  expectCode(await app.work('wx-other', 'bindMember', { inviteCode: 'JL2026A' }), 'MEMBER.INVITE_INVALID');
  expect((await messagesOf('wx-sun')).map((m) => m.event)).toContain('ticket.submitted');
});

describe('企业微信群机器人', () => {
  let server: http.Server;
  let received: Array<{ body: any }>;
  let failFirst: number;
  let url: string;

  beforeEach(async () => {
    received = [];
    failFirst = 0;
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        if (failFirst > 0) {
          failFirst--;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errcode: 45009, errmsg: 'api freq out of limit' }));
          return;
        }
        received.push({ body: JSON.parse(data) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}/cgi-bin/webhook/send?key=test`;
    const group = (await app.rt.store.getGroup('demo-group-1'))!;
    await app.rt.store.putGroup({ ...group, webhookUrl: url });
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  test('新反映在小组群里发一张卡片，点开直达小程序工单页', async () => {
    const id = await app.submit('demo-resident-1', POLES);
    await app.rt.deliver();
    expect(received).toHaveLength(1);
    const card = received[0]!.body;
    expect(card.msgtype).toBe('template_card');
    expect(card.template_card.card_type).toBe('text_notice');
    expect(card.template_card.card_action).toEqual({ type: 2, appid: 'touristappid', pagepath: `packages/work/ticket/index?id=${id}` });
    expect(card.template_card.main_title.title).toBe('新反映');
    expect(JSON.stringify(card)).not.toContain('13807231234');
  });

  test('群机器人暂时失败时按退避重试，并记下每次尝试', async () => {
    failFirst = 2;
    await app.submit('demo-resident-1', POLES);
    await app.rt.deliver();
    expect(received).toHaveLength(0);
    const [pendingEntry] = (await app.rt.store.listDueOutbox('9999-01-01', 100)).filter((o) => o.channel === 'wecom');
    expect(pendingEntry).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pendingEntry!.lastError).toContain('45009');
    app.clock.advance(31_000);
    await app.rt.deliver();
    app.clock.advance(61_000);
    await app.rt.deliver();
    expect(received).toHaveLength(1);
  });

  test('提请办结时群里也发"待办结"卡片，召集人在群里点开就能办结', async () => {
    const id = await app.submit('demo-resident-1', POLES);
    await app.work('demo-member-1', 'claimTicket', { ticketId: id });
    await app.work('demo-member-1', 'proposeClose', { ticketId: id, summary: '已解决' });
    await app.rt.deliver();
    const titles = received.map((r) => r.body.template_card.main_title.title);
    expect(titles).toEqual(['新反映', '待办结']);
    expect(received[1]!.body.template_card.card_action.pagepath).toBe(`packages/work/ticket/index?id=${id}`);
  });
});

test('热点：召集人看到本组近期反映按话题归并的人次，其他小组的委员看不到', async () => {
  const parking = await app.submit('demo-resident-1', '小区停车难，车位太少，晚上回来根本没地方停车。');
  await app.intake('demo-resident-5', 'meToo', { ticketId: parking });
  await app.submit('demo-resident-2', '停车位严重不足，车都停到消防通道上了。');
  await app.submit('demo-resident-3', '广场舞音响太吵了，晚上十点还在跳，噪音扰民。');
  const r = await app.work('demo-convener', 'hotTopics', { groupId: 'demo-group-1' });
  if (!r.ok) throw new Error(r.error.code);
  const top = r.data.items[0];
  expect(top.tickets).toBe(2);
  expect(top.count).toBe(3);
  expect(top.label).toMatch(/停车/);
  expectCode(await app.work('demo-convener-2', 'hotTopics', { groupId: 'demo-group-1' }), 'AUTH.FORBIDDEN');
});
