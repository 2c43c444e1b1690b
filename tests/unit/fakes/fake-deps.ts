/**
 * 用例单元测试的依赖：替身存储里放一个小组（两位委员、一位召集人）、一个站点、一位管理员和一位其他小组的委员；
 * 时钟固定、编号按序、分诊固定为一般的城乡建设问题、内容检查拦下含"违禁"的文字、照片只认 local://ok/ 开头的。
 */
import type { Member, Ticket } from '../../../shared/domain/model';
import { settingsFrom, type Deps } from '../../../shared/usecases/context';
import type { AdminDeps } from '../../../shared/usecases/admin/admin-context';
import { FakeStore } from './fake-store';

export const NOW = '2026-11-20T02:00:00.000Z';

const member = (id: string, groups: Member['groups'], extra: Partial<Member> = {}): Member => ({
  id, name: { m1: '李建国', m2: '王秀英', c1: '王丽华', a1: '政协办', o1: '刘明' }[id] ?? id, sector: '', phone: null, groups, isAdmin: false, openid: `wx-${id}`, inviteCode: null, active: true, ...extra,
});

export function fakeDeps(): { deps: Deps; store: FakeStore } {
  const store = new FakeStore();
  store.groups.set('g1', { id: 'g1', name: '下陆区第三委员小组', district: '下陆区', webhookUrl: 'http://127.0.0.1:9/hook', claimLimit: 2 });
  store.groups.set('g2', { id: 'g2', name: '郧阳区城关委员小组', district: '郧阳区', webhookUrl: null, claimLimit: 3 });
  store.stations.set('s1', { id: 's1', name: '箭楼社区委员联络室', address: '', groupId: 'g1', enabled: true, neighbours: [], intro: '' });
  for (const m of [
    member('m1', [{ groupId: 'g1', role: 'member' }]),
    member('m2', [{ groupId: 'g1', role: 'member' }]),
    member('c1', [{ groupId: 'g1', role: 'convener' }]),
    member('a1', [], { isAdmin: true }),
    member('o1', [{ groupId: 'g2', role: 'member' }]),
  ]) store.members.set(m.id, m);
  let n = 0;
  const deps: Deps = {
    store,
    clock: { now: () => new Date(NOW) },
    ids: { next: () => `id${String(++n).padStart(4, '0')}` },
    triager: {
      triage: ({ body }) => ({
        category: '城乡建设', library: 'problem', urgency: 'normal', scope: 'group', confidence: 0.9, redacted: body.replace(/1[3-9]\d{9}/g, '1**********'),
        reasons: { category: [], library: [], urgency: [], scope: [] }, libraryDisagrees: false, pii: [],
      }),
    },
    content: { checkText: async (text) => (text.includes('违禁') ? { pass: false, reason: 'word' } : { pass: true }) },
    files: { exists: async (id) => id.startsWith('local://ok/'), urlsFor: async (ids) => Object.fromEntries(ids.map((i) => [i, `/x/${i}`])) },
    loadSettings: settingsFrom(store),
  };
  return { deps, store };
}

/** 一张工单：默认是居民 wx-res 在 s1 提交的待接单反映，带联系方式 */
export function ticketIn(store: FakeStore, patch: Partial<Ticket> = {}): Ticket {
  const t: Ticket = {
    id: 't1', no: '261120-ABCDE', stationId: 's1', groupId: 'g1', residentOpenid: 'wx-res', clientRequestId: 'req-00000001', kind: 'problem', library: 'problem',
    category: '城乡建设', urgency: 'normal', scope: 'group',
    triage: { category: '城乡建设', library: 'problem', urgency: 'normal', scope: 'group', confidence: 0.9, reasons: { category: [], library: [], urgency: [], scope: [] }, libraryDisagrees: false },
    text: '电线杆挡路，电话13812345678', redactedText: '电线杆挡路，电话138****5678', photos: [], contact: { name: '张桂英', phone: '13812345678' }, anonymous: false,
    status: 'pending', claimants: [], claimLimit: 2, meToo: ['wx-joiner'], mergedFrom: [], outcome: null, caseSummary: null, publishCase: false, rating: null,
    createdAt: NOW, updatedAt: NOW, version: 1,
    ...patch,
  };
  store.tickets.set(t.id, t);
  return t;
}

export const claimed = (...ids: Array<'m1' | 'm2' | 'c1'>) => ids.map((id) => ({ memberId: id, name: id, at: NOW, assigned: false }));

/** 管理后台的依赖：再加上海报上的码（本地样式：链接 + 假二维码）与按序的邀请码 */
export function fakeAdminDeps(): { deps: AdminDeps; store: FakeStore } {
  const { deps, store } = fakeDeps();
  let n = 0;
  return {
    store,
    deps: {
      ...deps,
      store,
      posterCodes: { codeFor: async (stationId) => ({ link: `http://127.0.0.1:8787/#/pages/station/index?station=${stationId}`, qrSvg: '<svg/>' }) },
      invites: { next: () => `INV${String(++n).padStart(4, '0')}` },
      // 每月通报：记下要写的表，给一个假的下载地址
      reports: { saveWorkbook: async (fileName) => ({ url: `/files/reports/${fileName}` }) },
    },
  };
}
