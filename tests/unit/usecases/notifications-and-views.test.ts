/**
 * 通知扇出与视图的纯函数：谁收到、走哪些渠道、打开哪个页面；打码规则。
 */
import type { Member, MemberGroup, Ticket } from '../../../shared/domain/model';
import { buildOutbox, newReportNotice, targetsForNewReport } from '../../../shared/usecases/notifications';
import { contactFor, textFor } from '../../../shared/usecases/views';
import { scrubKnownPersonalData } from '../../../shared/usecases/public-text';
import { maskName, maskPhone } from '../../../shared/domain/personal-data';
import type { Relation } from '../../../shared/domain/lifecycle';
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
  const out = buildOutbox(ticket(), [{ kind: 'resident', openid: 'wx-a' }, { kind: 'resident', openid: 'wx-a' }], { event: 'ticket.progress', title: 't', body: 'b' }, '2026-11-20T02:00:00.000Z', ids);
  expect(out.map((o) => [o.channel, o.page])).toEqual([
    ['inapp', 'pages/ticket/index?id=t1'],
    ['subscribe', 'pages/ticket/index?id=t1'],
  ]);
});

test.each([
  ['13812345678', '138****5678'],
  ['138 1234 5678', '138****5678'],
  ['+86 138-1234-5678', '138****5678'],
  ['0714-6281234', '0714-****34'],
  ['(027)87654321', '027-****21'],
  ['', ''],
])('电话 %s 打码为 %s（分诊、视图、小程序同一个规则）', (raw, masked) => {
  expect(maskPhone(raw)).toBe(masked);
});

test('姓名只留姓', () => {
  expect(maskName('张桂芳')).toBe('张**');
  expect(maskName('李四')).toBe('李*');
});

/** 谁看得到原话和联系方式：shared/domain/access.ts 的唯一规则，每一种身份过一遍。 */
const RULE: Array<[string, Relation[], 'original' | 'redacted', 'full' | 'masked' | 'none']> = [
  ['反映人本人', ['owner'], 'original', 'full'],
  ['已接单委员', ['resident', 'claimant'], 'original', 'full'],
  ['本组召集人', ['resident', 'convener', 'member'], 'original', 'full'],
  ['政协办', ['resident', 'admin'], 'original', 'full'],
  ['本组未接单的委员', ['resident', 'member'], 'redacted', 'masked'],
  ['点了"我也遇到了"的居民', ['resident'], 'redacted', 'none'],
  ['其他小组的委员', ['resident', 'outsider'], 'redacted', 'none'],
];

test.each(RULE)('%s 看到的正文是 %s，联系方式是 %s', (_who, rels, text, contact) => {
  const t = ticket({ text: '我是张桂芳，电话13812345678', redactedText: '我是张桂芳，电话138****5678' });
  expect(textFor(t, rels)).toBe(text === 'original' ? t.text : t.redactedText);
  const expected = { full: { name: '张桂芳', phone: '13812345678' }, masked: { name: '张**', phone: '138****5678' }, none: null }[contact];
  expect(contactFor(t, rels)).toEqual(expected);
});

test('匿名反映谁都看不到联系方式，办理的人也一样', () => {
  expect(contactFor(ticket({ anonymous: true }), ['resident', 'claimant'])).toBeNull();
});
test('公开文字里去掉这张工单已知的联系人姓名和电话', () => {
  expect(scrubKnownPersonalData('已电话告知张桂芳（13812345678）', ticket())).toBe('已电话告知张**（138****5678）');
});

test('工单编号按北京时间的日期开头，5 位易读字符，同一 id 总是同一编号', () => {
  expect(ticketNumber('2026-11-20T17:30:00.000Z', 'abc')).toMatch(/^261121-[2-9A-HJKMNP-TV-Z]{5}$/);
  expect(ticketNumber('2026-11-20T02:00:00.000Z', 'abc')).toBe(ticketNumber('2026-11-20T02:00:00.000Z', 'abc'));
  expect(ticketNumber('2026-11-20T02:00:00.000Z', 'abc')).not.toBe(ticketNumber('2026-11-20T02:00:00.000Z', 'abd'));
});
