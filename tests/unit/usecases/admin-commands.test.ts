/**
 * 管理后台的用例在替身端口上：谁能做、管到哪里、改了什么、留下什么记录。
 * 替身里：a1 是全县的政协办；a2 是只管 g2 的区县政协办；m1、m2、c1 在 g1，o1 在 g2。
 */
import { fakeAdminDeps, claimed, ticketIn } from '../fakes/fake-deps';
import type { Member } from '../../../shared/domain/model';
import type { Result } from '../../../shared/domain/errors';
import type { AdminDeps } from '../../../shared/usecases/admin/admin-context';
import { importMembers } from '../../../shared/usecases/admin/import-members';
import { issueInvite } from '../../../shared/usecases/admin/issue-invite';
import { listAudit } from '../../../shared/usecases/admin/list-audit';
import { listMembers } from '../../../shared/usecases/admin/list-members';
import { listStations } from '../../../shared/usecases/admin/list-stations';
import { revokeInvite } from '../../../shared/usecases/admin/revoke-invite';
import { saveGroup } from '../../../shared/usecases/admin/save-group';
import { saveMember } from '../../../shared/usecases/admin/save-member';
import { saveStation } from '../../../shared/usecases/admin/save-station';
import { setMemberActive } from '../../../shared/usecases/admin/set-member-active';
import { setStationEnabled } from '../../../shared/usecases/admin/set-station-enabled';
import { stationPoster } from '../../../shared/usecases/admin/station-poster';
import { saveSettings } from '../../../shared/usecases/admin/county-settings';
import { bindMember } from '../../../shared/usecases/work/bind-member';

function setup() {
  const { deps, store } = fakeAdminDeps();
  const a2: Member = { id: 'a2', name: '郧阳区政协办', sector: '', phone: null, groups: [], isAdmin: true, openid: 'wx-a2', inviteCode: null, active: true, adminGroupIds: ['g2'] };
  store.members.set('a2', a2);
  store.stations.set('s2', { id: 's2', name: '岩子河村协商驿站', address: '', groupId: 'g2', enabled: true, neighbours: [], intro: '' });
  return { deps, store };
}
const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('谁能用管理后台', () => {
  const ACTIONS: Array<[string, (d: AdminDeps, openid: string) => Promise<Result<unknown>>]> = [
    ['listStations', (d, o) => listStations(d, o)],
    ['saveStation', (d, o) => saveStation(d, o, { name: '新站', address: '某路 1 号', groupId: 'g1' })],
    ['setStationEnabled', (d, o) => setStationEnabled(d, o, 's1', false)],
    ['saveGroup', (d, o) => saveGroup(d, o, { name: '新小组' })],
    ['listMembers', (d, o) => listMembers(d, o)],
    ['saveMember', (d, o) => saveMember(d, o, { name: '孙立新', groupId: 'g1', role: 'member' })],
    ['issueInvite', (d, o) => issueInvite(d, o, 'm1')],
    ['importMembers', (d, o) => importMembers(d, o, [{ name: '孙立新', groupName: '下陆区第三委员小组', role: '委员' }])],
    ['stationPoster', (d, o) => stationPoster(d, o, 's1')],
    ['saveSettings', (d, o) => saveSettings(d, o, { maxPhotos: 3 })],
  ];
  test.each(ACTIONS)('%s：居民、委员、召集人都被拒绝（ADMIN.NOT_ADMIN），什么都不写', async (_name, run) => {
    const { deps, store } = setup();
    for (const openid of ['wx-res', 'wx-m1', 'wx-c1']) expect(code(await run(deps, openid))).toBe('ADMIN.NOT_ADMIN');
    expect(store.audit).toEqual([]);
  });

  test('区县政协办看不到范围外的站点和委员，改它们得到"未找到"', async () => {
    const { deps } = setup();
    const stations = await listStations(deps, 'wx-a2');
    expect(stations.ok && stations.data.items.map((s) => s.id)).toEqual(['s2']);
    expect(code(await setStationEnabled(deps, 'wx-a2', 's1', false))).toBe('STATION.NOT_FOUND');
    expect(code(await saveStation(deps, 'wx-a2', { name: '新站', address: '某路', groupId: 'g1' }))).toBe('GROUP.NOT_FOUND');
    expect(code(await issueInvite(deps, 'wx-a2', 'm1'))).toBe('MEMBER.NOT_FOUND');
    const members = await listMembers(deps, 'wx-a2');
    expect(members.ok && members.data.items.map((m) => m.id)).toEqual(['o1']);
  });

  test('区县政协办不能新建小组，也不能改全县的设置', async () => {
    const { deps } = setup();
    expect(code(await saveGroup(deps, 'wx-a2', { name: '新小组' }))).toBe('ADMIN.SCOPE_EXCEEDED');
    expect(code(await saveSettings(deps, 'wx-a2', { maxPhotos: 3 }))).toBe('ADMIN.SCOPE_EXCEEDED');
  });
});

describe('联络站', () => {
  test('新建一个站：有编号，操作记录写明谁建的、建成什么样', async () => {
    const { deps, store } = setup();
    const r = await saveStation(deps, 'wx-a1', { name: '桅子村联络点', address: '桅子村村委会', groupId: 'g1', receptionHours: '每周三上午' });
    if (!r.ok) throw new Error(r.error.code);
    expect(store.stations.get(r.data.stationId)).toMatchObject({ name: '桅子村联络点', enabled: true, groupId: 'g1', receptionHours: '每周三上午' });
    expect(store.audit).toEqual([expect.objectContaining({ action: 'saveStation', actorName: '政协办', before: null, groupIds: ['g1'] })]);
  });

  test('同名的站不能建两个', async () => {
    const { deps } = setup();
    expect(code(await saveStation(deps, 'wx-a1', { name: '箭楼社区委员联络室', address: 'x', groupId: 'g1' }))).toBe('STATION.NAME_TAKEN');
  });

  test('站点改属另一个小组：未结束的工单跟着走，原小组的接单清空，新小组收到派单；已办结的不动', async () => {
    const { deps, store } = setup();
    ticketIn(store, { id: 't1', status: 'claimed', claimants: claimed('m1') });
    ticketIn(store, { id: 't2', status: 'closed', clientRequestId: 'req-00000002' });
    const r = await saveStation(deps, 'wx-a1', { id: 's1', name: '箭楼社区委员联络室', address: '', groupId: 'g2' });
    expect(r.ok).toBe(true);
    expect(store.tickets.get('t1')).toMatchObject({ groupId: 'g2', claimants: [], status: 'pending' });
    expect(store.tickets.get('t2')!.groupId).toBe('g1');
    expect(store.history.map((h) => [h.ticketId, h.action, h.note])).toEqual([['t1', 'transfer', '联络站改属郧阳区城关委员小组，由该小组重新接单']]);
    expect(store.outbox.filter((o) => o.channel === 'inapp').map((o) => o.recipient)).toEqual(['member:o1']);
    expect(store.audit[0]!.groupIds.sort()).toEqual(['g1', 'g2']);
  });

  test('暂停：写上去哪里，操作记录只列变了的字段', async () => {
    const { deps, store } = setup();
    await setStationEnabled(deps, 'wx-a1', 's1', false, '请到北辰社区委员工作室');
    expect(store.stations.get('s1')).toMatchObject({ enabled: false, pausedNotice: '请到北辰社区委员工作室' });
    expect(store.audit[0]).toMatchObject({ action: 'pauseStation', before: { enabled: true, pausedNotice: null }, after: { enabled: false, pausedNotice: '请到北辰社区委员工作室' } });
  });

  test('海报：站名、小组、在任委员（召集人在前）、码、隐私说明', async () => {
    const { deps } = setup();
    const r = await stationPoster(deps, 'wx-a1', 's1');
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data.link).toContain('station=s1');
    expect(r.data.members.map((m) => m.name)).toEqual(['王丽华', '李建国', '王秀英']);
    expect(r.data.privacyNotice).toContain('接单办理的委员');
  });
});

describe('委员与邀请码', () => {
  test('添加一位委员、发邀请码：有效期按县里的设置；他用码绑定后就能接本组的单', async () => {
    const { deps, store } = setup();
    store.settings = { inviteValidDays: 7 };
    const added = await saveMember(deps, 'wx-a1', { name: '孙立新', groupId: 'g1', role: 'member', phone: '13900001111', sector: '经济界' });
    if (!added.ok) throw new Error(added.error.code);
    const invite = await issueInvite(deps, 'wx-a1', added.data.memberId);
    if (!invite.ok) throw new Error(invite.error.code);
    expect(invite.data.expiresAt).toBe('2026-11-27T02:00:00.000Z');
    const bound = await bindMember(deps, 'wx-sun', invite.data.inviteCode.toLowerCase());
    expect(bound.ok && bound.data.groups).toEqual([{ groupId: 'g1', groupName: '下陆区第三委员小组', role: 'member' }]);
    expect(store.audit.map((a) => a.action)).toEqual(['saveMember', 'issueInvite']);
    expect(JSON.stringify(store.audit)).not.toContain(invite.data.inviteCode);
  });

  test('过期的邀请码绑定不上', async () => {
    const { deps, store } = setup();
    store.members.set('m9', { id: 'm9', name: '吴桂兰', sector: '', phone: null, groups: [{ groupId: 'g1', role: 'member' }], isAdmin: false, openid: null, inviteCode: 'OLD2026', inviteExpiresAt: '2026-11-01T00:00:00.000Z', active: true });
    expect(code(await bindMember(deps, 'wx-wu', 'OLD2026'))).toBe('MEMBER.INVITE_EXPIRED');
  });

  test('作废邀请码后绑定不上；已绑定的委员不需要邀请码', async () => {
    const { deps, store } = setup();
    store.members.set('m9', { id: 'm9', name: '吴桂兰', sector: '', phone: null, groups: [{ groupId: 'g1', role: 'member' }], isAdmin: false, openid: null, inviteCode: 'YY2026B', active: true });
    await revokeInvite(deps, 'wx-a1', 'm9');
    expect(code(await bindMember(deps, 'wx-wu', 'YY2026B'))).toBe('MEMBER.INVITE_INVALID');
    expect(code(await issueInvite(deps, 'wx-a1', 'm1'))).toBe('MEMBER.ALREADY_BOUND');
  });

  test('管理员不能停用自己', async () => {
    const { deps, store } = setup();
    expect(code(await setMemberActive(deps, 'wx-a1', 'a1', false))).toBe('ADMIN.CANNOT_DEACTIVATE_SELF');
    expect(store.members.get('a1')!.active).toBe(true);
  });

  test('同一个人可以在两个小组', async () => {
    const { deps, store } = setup();
    await saveMember(deps, 'wx-a1', { id: 'm1', name: '李建国', groupId: 'g2', role: 'convener' });
    expect(store.members.get('m1')!.groups).toEqual([{ groupId: 'g1', role: 'member' }, { groupId: 'g2', role: 'convener' }]);
  });

  test('停用离任的委员：他接的未结束工单撤下、回到待接单，召集人收到重新分单的通知', async () => {
    const { deps, store } = setup();
    ticketIn(store, { id: 't1', status: 'claimed', claimants: claimed('m1') });
    ticketIn(store, { id: 't2', status: 'consulting', claimants: claimed('m1', 'm2'), clientRequestId: 'req-00000002' });
    const r = await setMemberActive(deps, 'wx-a1', 'm1', false);
    expect(r.ok && r.data.releasedTickets).toBe(2);
    expect(store.tickets.get('t1')).toMatchObject({ status: 'pending', claimants: [] });
    expect(store.tickets.get('t2')!.claimants.map((c) => c.memberId)).toEqual(['m2']);
    expect(store.outbox.filter((o) => o.channel === 'inapp').map((o) => `${o.event} ${o.recipient}`)).toEqual(['ticket.released member:c1', 'ticket.released member:c1']);
    expect(store.members.get('m1')!.active).toBe(false);
  });
});

describe('从 Excel 粘贴导入', () => {
  const rows = [
    { name: '孙立新', groupName: '下陆区第三委员小组', role: '委员', phone: '13900001111', sector: '经济界' },
    { name: '', groupName: '下陆区第三委员小组', role: '委员' },
    { name: '周德厚', groupName: '不存在的小组', role: '委员' },
    { name: '吴桂兰', groupName: '下陆区第三委员小组', role: '组员长' },
    { name: '陈志强', groupName: '下陆区第三委员小组', role: '召集人', phone: '12345' },
    { name: '孙立新', groupName: '下陆区第三委员小组', role: '委员' },
    { name: '李建国', groupName: '下陆区第三委员小组', role: '委员' },
    { name: '赵红梅', groupName: '下陆区第三委员小组', role: 'convener' },
  ];

  test('预览：每一行能不能导入、为什么不能，什么都不写', async () => {
    const { deps, store } = setup();
    const r = await importMembers(deps, 'wx-a1', rows, true);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'MEMBER.NAME_MISSING'],
      [3, 'IMPORT.GROUP_UNKNOWN'],
      [4, 'MEMBER.ROLE_INVALID'],
      [5, 'MEMBER.PHONE_INVALID'],
      [6, 'IMPORT.DUPLICATE_ROW'],
      [7, 'IMPORT.ALREADY_EXISTS'],
    ]);
    expect(r.data.errors.every((e) => /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
    expect(r.data.created).toBe(2);
    expect(store.members.size).toBe(6);
  });

  test('导入：坏行不写，好行一起写入，每人一个邀请码', async () => {
    const { deps, store } = setup();
    const r = await importMembers(deps, 'wx-a1', rows);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.data.invites.map((i) => i.name)).toEqual(['孙立新', '赵红梅']);
    expect([...store.members.values()].filter((m) => m.inviteCode).map((m) => [m.name, m.groups[0]!.role])).toEqual([
      ['孙立新', 'member'],
      ['赵红梅', 'convener'],
    ]);
    expect(store.audit).toHaveLength(2);
  });
});

test('操作记录：区县政协办只看到涉及自己小组的', async () => {
  const { deps } = setup();
  await setStationEnabled(deps, 'wx-a1', 's1', false);
  await setStationEnabled(deps, 'wx-a1', 's2', false);
  const mine = await listAudit(deps, 'wx-a2');
  expect(mine.ok && mine.data.items.map((a) => a.target.id)).toEqual(['s2']);
  const all = await listAudit(deps, 'wx-a1');
  expect(all.ok && all.data.items.map((a) => a.target.id)).toEqual(['s2', 's1']);
});
