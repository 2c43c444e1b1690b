/**
 * 通知扇出与视图的纯函数：谁收到、走哪些渠道、打开哪个页面；打码规则。
 */
import type { Member, MemberGroup, Ticket } from '../../../shared/domain/model';
import { buildOutbox, newReportNotice, targetsForNewReport } from '../../../shared/usecases/notifications';
import { contactFor, maskName, maskPhone, scrubKnownPersonalData } from '../../../shared/usecases/views';
import { ticketNumber } from '../../../shared/domain/ticket-number';

const group: MemberGroup = { id: 'g1', name: '第三委员小组', district: '下陆区', webhookUrl: 'http://127.0.0.1:9/hook', claimLimit: 3 };
const m = (id: string, role: 'member' | 'convener', extra: Partial<Member> = {}): Member => ({
  id, name: id, sector: '', phone: null, groups: [{ groupId: 'g1', role }], isAdmin: false, openid: `wx-${id}`, inviteCode: null, active: true, ...extra,
});
const members = [m('m1', 'member'), m('m2', 'member', { openid: null }), m('m3', 'member', { active: false }), m('c1', 'convener')];

function ticket(patch: Partial<Ticket> = {}): Ticket {
  return {
    id: 't1', no: '261120-ABCDE', stationId: 's1', groupId: 'g1', residentOpenid: 'wx-resident', clientRequestId: 'req-00000001', kind: 'problem', library: 'problem',
    category: '城乡建设', urgency: 'normal', scope: 'group',
    triage: { category: '城乡建设', library: 'problem', urgency: 'normal', scope: 'group', confidence: 0.9, reasons: { category: [], library: [], urgency: [], scope: [] }, libraryDisagrees: false },
    text: '路灯坏了', redactedText: '路灯坏了', photos: [], contact: { name: '张桂芳', phone: '13812345678' }, anonymous: false, status: 'pending', claimants: [], claimLimit: 3,
    meToo: [], mergedFrom: [], outcome: null, caseSummary: null, publishCase: false, rating: null, createdAt: '2026-11-20T02:00:00.000Z', updatedAt: '2026-11-20T02:00:00.000Z', version: 1,
    ...patch,
  };
}

let n = 0;
const ids = () => `o${++n}`;

test('一般反映通知在岗的委员（不含停用的、不含召集人），并给小组群发一张卡片', () => {
  const out = buildOutbox(ticket(), targetsForNewReport(ticket(), group, members), newReportNotice(ticket(), { id: 's1', name: '箭楼社区委员联络室' } as never), '2026-11-20T02:00:00.000Z', ids);
  expect(out.map((o) => `${o.channel}:${o.recipient}`).sort()).toEqual(['inapp:member:m1', 'inapp:member:m2', 'subscribe:openid:wx-m1', 'wecom:group:g1'].sort());
  expect(new Set(out.map((o) => o.page))).toEqual(new Set(['packages/work/ticket/index?id=t1']));
});

test('紧急反映同时通知召集人，标题带【紧急】', () => {
  const urgent = ticket({ urgency: 'urgent' });
  const notice = newReportNotice(urgent, { id: 's1', name: '箭楼社区委员联络室' } as never);
  const out = buildOutbox(urgent, targetsForNewReport(urgent, group, members), notice, '2026-11-20T02:00:00.000Z', ids);
  expect(out.map((o) => o.recipient)).toContain('member:c1');
  expect(notice.title.startsWith('【紧急】')).toBe(true);
});

test('给居民的通知打开居民端工单页；同一人同一渠道只发一条', () => {
  const out = buildOutbox(ticket(), [{ kind: 'resident', openid: 'wx-a' }, { kind: 'resident', openid: 'wx-a' }], { event: 'x', title: 't', body: 'b' }, '2026-11-20T02:00:00.000Z', ids);
  expect(out.map((o) => [o.channel, o.page])).toEqual([
    ['inapp', 'pages/ticket/index?id=t1'],
    ['subscribe', 'pages/ticket/index?id=t1'],
  ]);
});

test.each([
  ['13812345678', '138****5678'],
  ['0714-6281234', '071****1234'],
])('电话 %s 打码为 %s', (raw, masked) => {
  expect(maskPhone(raw)).toBe(masked);
});

test('姓名只留姓', () => {
  expect(maskName('张桂芳')).toBe('张**');
  expect(maskName('李四')).toBe('李*');
});

test('联系方式：已接单委员看完整的，其他委员看打码的，居民和匿名反映谁都看不到', () => {
  const t = ticket();
  expect(contactFor(t, members[0]!, true)).toEqual({ name: '张桂芳', phone: '13812345678' });
  expect(contactFor(t, members[0]!, false)).toEqual({ name: '张**', phone: '138****5678' });
  expect(contactFor(t, null, true)).toBeNull();
  expect(contactFor(ticket({ anonymous: true }), members[0]!, true)).toBeNull();
});

test('公开文字里去掉这张工单已知的联系人姓名和电话', () => {
  expect(scrubKnownPersonalData('已电话告知张桂芳（13812345678）', ticket())).toBe('已电话告知张**（138****5678）');
});

test('工单编号按北京时间的日期开头，5 位易读字符，同一 id 总是同一编号', () => {
  expect(ticketNumber('2026-11-20T17:30:00.000Z', 'abc')).toMatch(/^261121-[2-9A-HJKMNP-TV-Z]{5}$/);
  expect(ticketNumber('2026-11-20T02:00:00.000Z', 'abc')).toBe(ticketNumber('2026-11-20T02:00:00.000Z', 'abc'));
  expect(ticketNumber('2026-11-20T02:00:00.000Z', 'abc')).not.toBe(ticketNumber('2026-11-20T02:00:00.000Z', 'abd'));
});
