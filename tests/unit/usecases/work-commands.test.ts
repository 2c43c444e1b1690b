/**
 * 每个工作台命令的"计划"：在替身端口上跑用例，看它把工单改成什么、历史记了什么、通知了谁。
 * 存储、时钟、编号、内容检查、文件都是替身；真实数据库上的同一流程由集成测试检查。
 */
import { fakeDeps, claimed, ticketIn } from '../fakes/fake-deps';
import type { FakeStore } from '../fakes/fake-store';
import type { Deps } from '../../../shared/usecases/context';
import type { Result } from '../../../shared/domain/errors';
import type { TicketStatus } from '../../../shared/domain/lifecycle';
import type { Ticket } from '../../../shared/domain/model';
import type { WorkTicketView } from '../../../shared/api/work.api';
import { addProgress } from '../../../shared/usecases/work/add-progress';
import { assignTicket } from '../../../shared/usecases/work/assign-ticket';
import { claimTicket } from '../../../shared/usecases/work/claim-ticket';
import { closeTicket } from '../../../shared/usecases/work/close-ticket';
import { mergeTicket } from '../../../shared/usecases/work/merge-ticket';
import { overrideTriage } from '../../../shared/usecases/work/override-triage';
import { proposeClose } from '../../../shared/usecases/work/propose-close';
import { recordConsultation } from '../../../shared/usecases/work/record-consultation';
import { referTicket } from '../../../shared/usecases/work/refer-ticket';
import { rejectTicket } from '../../../shared/usecases/work/reject-ticket';
import { releaseClaim } from '../../../shared/usecases/work/release-claim';
import { reopenTicket } from '../../../shared/usecases/work/reopen-ticket';
import { returnProposal } from '../../../shared/usecases/work/return-proposal';
import { setClaimLimit } from '../../../shared/usecases/work/set-claim-limit';

type Command = (deps: Deps) => Promise<Result<WorkTicketView>>;

interface Case {
  name: string;
  given: Partial<Ticket>;
  run: Command;
  status: TicketStatus;
  /** 历史里这一条的备注包含 */
  note: string;
  /** 发件箱里的（事件, 收件人）——只列站内消息渠道，另两个渠道由 buildOutbox 的单元测试检查 */
  notified: string[];
  ticket?: (t: Ticket) => void;
}

const consultation = { heldAt: '2026-05-23T07:00:00Z', place: '箭楼社区联络室', participants: ['居民代表'], departments: ['国网黄石分公司'], agreement: '迁移电线杆' };

const CASES: Case[] = [
  { name: '委员接没人接的单：已接单，居民和点了"我也遇到了"的人都知道', given: {}, run: (d) => claimTicket(d, 'wx-m1', 't1'), status: 'claimed', note: '李建国委员接单', notified: ['ticket.claimed openid:wx-res', 'ticket.claimed openid:wx-joiner'], ticket: (t) => expect(t.claimants.map((c) => c.memberId)).toEqual(['m1']) },
  { name: '协商中再有委员加入，状态不变', given: { status: 'consulting', claimants: claimed('m1') }, run: (d) => claimTicket(d, 'wx-m2', 't1'), status: 'consulting', note: '王秀英委员接单', notified: ['ticket.claimed openid:wx-res', 'ticket.claimed openid:wx-joiner'] },
  { name: '最后一位接单委员退出：回到待接单，不通知居民', given: { status: 'claimed', claimants: claimed('m1') }, run: (d) => releaseClaim(d, 'wx-m1', 't1'), status: 'pending', note: '李建国委员退出接单', notified: [] },
  { name: '还有人在办时退出：仍是已接单', given: { status: 'claimed', claimants: claimed('m1', 'm2') }, run: (d) => releaseClaim(d, 'wx-m1', 't1'), status: 'claimed', note: '退出接单', notified: [] },
  { name: '更新进展：居民都收到', given: { status: 'claimed', claimants: claimed('m1') }, run: (d) => addProgress(d, 'wx-m1', 't1', '已到现场查看'), status: 'claimed', note: '已到现场查看', notified: ['ticket.progress openid:wx-res', 'ticket.progress openid:wx-joiner'] },
  { name: '记录协商：进入协商中，协商结果告诉居民', given: { status: 'claimed', claimants: claimed('m1') }, run: (d) => recordConsultation(d, 'wx-m1', 't1', consultation), status: 'consulting', note: '协商结果：迁移电线杆', notified: ['ticket.consulted openid:wx-res', 'ticket.consulted openid:wx-joiner'] },
  { name: '提请办结：召集人收到待办结', given: { status: 'consulting', claimants: claimed('m1') }, run: (d) => proposeClose(d, 'wx-m1', 't1', '电线杆已迁移'), status: 'proposed', note: '电线杆已迁移', notified: ['ticket.proposed member:c1'] },
  { name: '召集人退回：接单委员收到理由', given: { status: 'proposed', claimants: claimed('m1') }, run: (d) => returnProposal(d, 'wx-c1', 't1', '请补充照片'), status: 'consulting', note: '请补充照片', notified: ['ticket.returned member:m1'] },
  { name: '召集人办结：归入案例库，居民被请评价，接单委员知道', given: { status: 'proposed', claimants: claimed('m1') }, run: (d) => closeTicket(d, 'wx-c1', 't1', '国网已迁移电线杆，张桂英家门口通了'), status: 'closed', note: '国网已迁移电线杆', notified: ['ticket.closed openid:wx-res', 'ticket.closed openid:wx-joiner', 'ticket.closed member:m1'], ticket: (t) => { expect(t.library).toBe('case'); expect(t.caseSummary).not.toContain('张桂英'); } },
  { name: '召集人分单给没人接的工单：已接单，委员和居民都知道', given: {}, run: (d) => assignTicket(d, 'wx-c1', 't1', ['m2']), status: 'claimed', note: '分单给：王秀英', notified: ['ticket.assigned member:m2', 'ticket.claimed openid:wx-res', 'ticket.claimed openid:wx-joiner'] },
  { name: '转办：理由居民看得到', given: { scope: 'individual' }, run: (d) => referTicket(d, 'wx-c1', 't1', '人社局', '一人一事，请找人社局'), status: 'referred', note: '已转人社局办理', notified: ['ticket.referred openid:wx-res', 'ticket.referred openid:wx-joiner'], ticket: (t) => expect(t.outcome).toMatchObject({ kind: 'referred', department: '人社局' }) },
  { name: '不予受理：理由居民看得到', given: {}, run: (d) => rejectTicket(d, 'wx-c1', 't1', '不属于政协协商范围'), status: 'rejected', note: '不属于政协协商范围', notified: ['ticket.rejected openid:wx-res', 'ticket.rejected openid:wx-joiner'] },
  { name: '重新办理有接单委员的：已接单，评价清空', given: { status: 'closed', library: 'case', claimants: claimed('m1'), rating: { rating: 'unsatisfied', comment: '', at: '2026-11-20T01:00:00.000Z' } }, run: (d) => reopenTicket(d, 'wx-c1', 't1', '居民不满意'), status: 'claimed', note: '居民不满意', notified: ['ticket.reopened member:m1', 'ticket.reopened openid:wx-res', 'ticket.reopened openid:wx-joiner'], ticket: (t) => { expect(t.rating).toBeNull(); expect(t.library).toBe('problem'); } },
  { name: '重新办理没人接过的：回到待接单', given: { status: 'rejected' }, run: (d) => reopenTicket(d, 'wx-c1', 't1'), status: 'pending', note: '召集人决定重新办理', notified: ['ticket.reopened openid:wx-res', 'ticket.reopened openid:wx-joiner'] },
  { name: '调整接单名额：只记历史', given: {}, run: (d) => setClaimLimit(d, 'wx-c1', 't1', 5), status: 'pending', note: '接单名额调整为5人', notified: [], ticket: (t) => expect(t.claimLimit).toBe(5) },
  { name: '调整分类：改了什么、为什么都记下', given: {}, run: (d) => overrideTriage(d, 'wx-c1', 't1', { urgency: 'urgent', reason: '有安全隐患' }), status: 'pending', note: '一般→紧急。理由：有安全隐患', notified: [], ticket: (t) => expect(t.urgency).toBe('urgent') },
];

describe('工作台命令的计划', () => {
  test.each(CASES)('$name', async ({ given, run, status, note, notified, ticket }) => {
    const { deps, store } = fakeDeps();
    ticketIn(store, given);
    const r = await run(deps);
    if (!r.ok) throw new Error(`${r.error.code}`);
    const t = store.tickets.get('t1')!;
    expect(t.status).toBe(status);
    expect(t.version).toBe(2);
    expect(store.history.at(-1)!.note).toContain(note);
    expect(store.outbox.filter((o) => o.channel === 'inapp').map((o) => `${o.event} ${o.recipient}`).sort()).toEqual([...notified].sort());
    ticket?.(t);
  });
});

describe('被拒绝的命令什么都不写', () => {
  const REFUSED: Array<[string, Partial<Ticket>, Command, string]> = [
    ['接过的人再接', { status: 'claimed', claimants: claimed('m1') }, (d) => claimTicket(d, 'wx-m1', 't1'), 'TICKET.ALREADY_CLAIMED'],
    ['名额满了', { status: 'claimed', claimants: claimed('m1', 'm2') }, (d) => claimTicket(d, 'wx-c1', 't1'), 'TICKET.CLAIM_FULL'],
    ['委员不能办结', { status: 'proposed', claimants: claimed('m1') }, (d) => closeTicket(d, 'wx-m1', 't1', '好了'), 'AUTH.FORBIDDEN'],
    ['其他小组的委员看不到这张', {}, (d) => claimTicket(d, 'wx-o1', 't1'), 'TICKET.NOT_FOUND'],
    ['没绑定的人', {}, (d) => claimTicket(d, 'wx-nobody', 't1'), 'MEMBER.NOT_BOUND'],
    ['已办结的不能再接', { status: 'closed' }, (d) => claimTicket(d, 'wx-m1', 't1'), 'TICKET.TRANSITION_NOT_ALLOWED'],
    ['进展里有违禁内容', { status: 'claimed', claimants: claimed('m1') }, (d) => addProgress(d, 'wx-m1', 't1', '违禁'), 'REPORT.CONTENT_BLOCKED'],
    ['进展的照片是伪造的', { status: 'claimed', claimants: claimed('m1') }, (d) => addProgress(d, 'wx-m1', 't1', '现场', ['local://fake/x.jpg']), 'REPORT.PHOTO_INVALID'],
    ['分给不在本组的人', {}, (d) => assignTicket(d, 'wx-c1', 't1', ['o1']), 'TICKET.MEMBER_NOT_IN_GROUP'],
    ['名额少于已接人数', { status: 'claimed', claimants: claimed('m1', 'm2') }, (d) => setClaimLimit(d, 'wx-c1', 't1', 1), 'REQUEST.INVALID'],
  ];
  test.each(REFUSED)('%s → %s', async (_name, given, run, code) => {
    const { deps, store } = fakeDeps();
    ticketIn(store, given);
    const r = await run(deps);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
    expect(store.tickets.get('t1')!.version).toBe(1);
    expect(store.history).toEqual([]);
    expect(store.outbox).toEqual([]);
  });
});

describe('合并', () => {
  function twoTickets(store: FakeStore) {
    ticketIn(store, { id: 't1', no: '261120-AAAAA', residentOpenid: 'wx-a', meToo: [] });
    ticketIn(store, { id: 't2', no: '261120-BBBBB', residentOpenid: 'wx-b', meToo: ['wx-c'], clientRequestId: 'req-00000002' });
  }

  test.each([
    ['按 id', { intoTicketId: 't2' }],
    ['按召集人输入的编号（小写、带空格也认）', { intoTicketNo: ' 261120-bbbbb ' }],
  ])('%s合并：两边的居民都跟进保留的那张', async (_how, into) => {
    const { deps, store } = fakeDeps();
    twoTickets(store);
    const r = await mergeTicket(deps, 'wx-c1', 't1', into);
    expect(r.ok).toBe(true);
    expect(store.tickets.get('t1')!.status).toBe('merged');
    expect(store.tickets.get('t2')!.meToo.sort()).toEqual(['wx-a', 'wx-c']);
    expect(store.tickets.get('t2')!.status).toBe('pending');
  });

  test.each([
    ['编号不存在', { intoTicketNo: '261120-ZZZZZ' }, 'TICKET.MERGE_TARGET_INVALID'],
    ['合并到自己（按编号）', { intoTicketNo: '261120-AAAAA' }, 'TICKET.MERGE_SELF'],
  ])('%s → %s', async (_name, into, code) => {
    const { deps, store } = fakeDeps();
    twoTickets(store);
    const r = await mergeTicket(deps, 'wx-c1', 't1', into);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  test('别的小组的同号工单不会被合并进来', async () => {
    const { deps, store } = fakeDeps();
    twoTickets(store);
    store.tickets.set('t2', { ...store.tickets.get('t2')!, groupId: 'g2' });
    const r = await mergeTicket(deps, 'wx-c1', 't1', { intoTicketNo: '261120-BBBBB' });
    expect(r.ok ? 'ok' : r.error.code).toBe('TICKET.MERGE_TARGET_INVALID');
  });
});

describe('工作台视图按谁看什么的规则给正文和联系方式', () => {
  test.each([
    ['接单委员看原话和完整电话', 'wx-m1', claimed('m1'), '电线杆挡路，电话13812345678', '13812345678'],
    ['召集人看原话和完整电话', 'wx-c1', claimed('m1'), '电线杆挡路，电话13812345678', '13812345678'],
    ['本组没接单的委员看隐去个人信息的文字和打码电话', 'wx-m2', claimed('m1'), '电线杆挡路，电话138****5678', '138****5678'],
  ])('%s', async (_name, openid, claimants, text, phone) => {
    const { deps, store } = fakeDeps();
    ticketIn(store, { status: 'claimed', claimants });
    const { getWorkTicket } = await import('../../../shared/usecases/work/get-work-ticket');
    const r = await getWorkTicket(deps, openid, 't1');
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data.text).toBe(text);
    expect(r.data.contact?.phone).toBe(phone);
  });
});

describe('本组工作人员以外的人看到的，都去掉了个人信息', () => {
  test('委员写的进展里有居民的电话和门牌：居民收到的通知和时间线里看不到，接单委员的工作台里看得到原话', async () => {
    const { deps, store } = fakeDeps();
    ticketIn(store, { status: 'claimed', claimants: claimed('m1') });
    const note = '已电话联系反映人 13912345678，住3栋2单元501室，张桂英说晚上在家';
    await addProgress(deps, 'wx-m1', 't1', note);
    const toResidents = store.outbox.filter((o) => o.recipient.startsWith('openid:'));
    expect(toResidents.length).toBeGreaterThan(0);
    for (const o of toResidents) expect(o.body).not.toMatch(/13912345678|501室|张桂英/);
    const { getResidentTicket } = await import('../../../shared/usecases/intake/get-resident-ticket');
    for (const openid of ['wx-res', 'wx-joiner']) {
      const r = await getResidentTicket(deps, openid, 't1');
      if (!r.ok) throw new Error(r.error.code);
      expect(r.data.timeline.at(-1)!.note).not.toMatch(/13912345678|501室|张桂英/);
    }
    const { getWorkTicket } = await import('../../../shared/usecases/work/get-work-ticket');
    const staff = await getWorkTicket(deps, 'wx-m1', 't1');
    expect(staff.ok && staff.data.history.at(-1)!.note).toBe(note);
  });

  test('公开案例只有召集人看过的标题和写法：预填去掉了个人信息，不给标题就用预填的', async () => {
    const { deps, store } = fakeDeps();
    ticketIn(store, { status: 'proposed', claimants: claimed('m1'), redactedText: '我是住在箭楼社区[门牌号已隐藏]的张桂英，电话138****5678，电线杆挡路' });
    const { getWorkTicket } = await import('../../../shared/usecases/work/get-work-ticket');
    const before = await getWorkTicket(deps, 'wx-c1', 't1');
    if (!before.ok) throw new Error(before.error.code);
    expect(before.data.casePrefill.title).not.toContain('张桂英');
    await closeTicket(deps, 'wx-c1', 't1', '国网已迁移电线杆，13812345678 张桂英很满意', true, '箭楼社区电线杆挡路 张桂英');
    const t = store.tickets.get('t1')!;
    expect(t.caseTitle).toBe('箭楼社区电线杆挡路 张**');
    expect(t.caseSummary).not.toMatch(/13812345678|张桂英/);
    const { listCases } = await import('../../../shared/usecases/intake/list-cases');
    const cases = await listCases(deps, 's1');
    expect(cases.ok && cases.data.items.map((c) => c.title)).toEqual(['箭楼社区电线杆挡路 张**']);
  });

  test('十几位居民点了"我也遇到了"：时间线上合成一行，写着人数', async () => {
    const { deps, store } = fakeDeps();
    ticketIn(store, { meToo: [] });
    const { meToo } = await import('../../../shared/usecases/intake/me-too');
    for (let i = 0; i < 14; i++) expect((await meToo(deps, `wx-j${i}`, 't1')).ok).toBe(true);
    await claimTicket(deps, 'wx-m1', 't1');
    const { getWorkTicket } = await import('../../../shared/usecases/work/get-work-ticket');
    const r = await getWorkTicket(deps, 'wx-m1', 't1');
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data.history.map((h) => h.action)).toEqual(['meToo', 'claim']);
    expect(r.data.history[0]!.note).toBe('共 14 位居民也反映了同样的问题');
  });
});
