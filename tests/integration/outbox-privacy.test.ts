/**
 * 离开本组站内消息的文字都经过同一道去个人信息（issue 9 第 4 项的发件箱与热点部分）：
 * 企业微信群卡片、微信服务通知、给居民的站内消息里没有人名和电话；办理的人在工作台的站内消息里照样看得到原话。
 * 现在的识别认得"我叫张桂英""联系人：刘大军"这类写法；光秃秃的"刘大军"（前后没有提示词）还认不出，由分诊那边扩大识别范围。
 */
import { recipientOfGroup } from '../../shared/domain/model';
import { createTestApp, type TestApp } from './harness';

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(() => app.close());

test('企业微信卡片、微信服务通知和给居民的通知里没有人名和电话（"我叫张桂英""联系人：刘大军"这类写法）', async () => {
  const group = await app.rt.store.getGroup('demo-group-1');
  await app.rt.store.putGroup({ ...group!, webhookUrl: 'http://127.0.0.1:9/never-called' });
  const id = await app.submit('demo-resident-1', '我叫张桂英，住箭楼社区，小区门口的电线杆挡路，电话13907231234', { contact: { name: '张桂英', phone: '13907231234' } });
  await app.intake('demo-resident-2', 'meToo', { ticketId: id });
  await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  await app.work('demo-member-1', 'addProgress', { ticketId: id, note: '已上门见到张桂英，联系人：刘大军 13812345678' });
  await app.work('demo-member-1', 'proposeClose', { ticketId: id, summary: '联系人：刘大军 13812345678 确认电线杆已移走，张桂英满意' });

  const outbox = await app.rt.store.listDueOutbox(app.clock.now().toISOString(), 1000);
  const cards = outbox.filter((o) => o.channel === 'wecom');
  expect(cards.map((o) => o.recipient)).toEqual([recipientOfGroup('demo-group-1'), recipientOfGroup('demo-group-1')]);
  const external = outbox.filter((o) => o.channel === 'wecom' || o.channel === 'subscribe' || o.recipient.startsWith('openid:'));
  expect(external.some((o) => o.event === 'ticket.progress' && o.recipient === 'openid:demo-resident-2')).toBe(true);
  expect(external.some((o) => o.event === 'ticket.proposed' && o.channel === 'wecom')).toBe(true);
  for (const o of external) {
    const text = `${o.title} ${o.body}`;
    expect(text).not.toMatch(/张桂英|刘大军|13907231234|13812345678/);
  }
  // 办理的人在站内的工作台消息里看得到（这是给她们办事用的）
  const convenerInApp = outbox.find((o) => o.channel === 'inapp' && o.event === 'ticket.proposed' && o.recipient.startsWith('member:'));
  expect(convenerInApp?.body).toContain('确认电线杆已移走');
});

test('热点的标签和词里没有人名：居民在联系人里留了名字，正文里又写了一遍', async () => {
  for (let i = 0; i < 3; i++) {
    await app.submit(`demo-resident-${i + 1}`, `刘大军家门口老槐树的枝条压着电线，第${i + 1}次说了`, { contact: { name: '刘大军' } });
  }
  const r = await app.work('demo-convener', 'hotTopics', { groupId: 'demo-group-1' });
  if (!r.ok) throw new Error(r.error.code);
  expect(r.data.items.length).toBeGreaterThan(0);
  expect(JSON.stringify(r.data.items)).not.toMatch(/刘大军|大军/);
});

test('进展很长、电话号码正好被摘要截断：给居民的通知里不留半个号码', async () => {
  const id = await app.submit('demo-resident-1', '小区门口的电线杆挡路，救护车进不来');
  await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  // 60 个字的摘要截在号码中间
  const lead = '今天上午到现场看了，电线杆确实挡在路口，已经和供电所约好下周一来迁移。请居民放心，有事可以联系';
  const note = `${lead.padEnd(54, '我').slice(0, 54)}13912345678，随时打`;
  expect(note.indexOf('13912345678')).toBeLessThan(60);
  expect(note.indexOf('13912345678') + 11).toBeGreaterThan(60);
  await app.work('demo-member-1', 'addProgress', { ticketId: id, note });
  const outbox = await app.rt.store.listDueOutbox(app.clock.now().toISOString(), 1000);
  const toResident = outbox.filter((o) => o.event === 'ticket.progress' && o.recipient === 'openid:demo-resident-1');
  expect(toResident.length).toBeGreaterThan(0);
  for (const o of toResident) expect(o.body).not.toMatch(/\d{5,}/);
});
