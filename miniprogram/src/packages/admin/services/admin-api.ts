/**
 * 管理后台的客户端：admin 云函数的每个 action，类型与请求模式都来自 shared/api/admin.api.ts。
 * 约定只在这个分包里引用，所以管理后台的模式不进主包（居民扫码后第一次打开要快）。
 */
import type { RequestOf } from '@shared/api/contract';
import { adminContract, type AdminContract } from '@shared/api/admin.api';
import type { CountySettings } from '@shared/domain/settings';
import { callContract } from '../../../services/api';

type Req<A extends keyof AdminContract> = RequestOf<AdminContract[A]>;

const call = <A extends keyof AdminContract & string>(action: A, payload: Req<A>) => callContract('admin', adminContract, action, payload);

export type SaveStationPayload = Req<'saveStation'>;
export type SaveGroupPayload = Req<'saveGroup'>;
export type SaveMemberPayload = Req<'saveMember'>;
export type ImportRowPayload = Req<'importMembers'>['rows'][number];

export const admin = {
  whoami: () => call('whoamiAdmin', {}),
  listStations: () => call('listStations', {}),
  saveStation: (p: SaveStationPayload) => call('saveStation', p),
  setStationEnabled: (stationId: string, enabled: boolean, pausedNotice?: string) =>
    call('setStationEnabled', { stationId, enabled, ...(pausedNotice === undefined ? {} : { pausedNotice }) }),
  listGroups: () => call('listGroups', {}),
  saveGroup: (p: SaveGroupPayload) => call('saveGroup', p),
  listMembers: (groupId?: string) => call('listMembers', groupId ? { groupId } : {}),
  saveMember: (p: SaveMemberPayload) => call('saveMember', p),
  removeMembership: (memberId: string, groupId: string) => call('removeMembership', { memberId, groupId }),
  setMemberActive: (memberId: string, active: boolean) => call('setMemberActive', { memberId, active }),
  issueInvite: (memberId: string) => call('issueInvite', { memberId }),
  revokeInvite: (memberId: string) => call('revokeInvite', { memberId }),
  importMembers: (rows: ImportRowPayload[], dryRun: boolean) => call('importMembers', { rows, dryRun }),
  stationPoster: (stationId: string) => call('stationPoster', { stationId }),
  groupPosters: (groupId: string) => call('groupPosters', { groupId }),
  getSettings: () => call('getSettings', {}),
  saveSettings: (settings: Partial<CountySettings>) => call('saveSettings', { settings }),
  auditLog: (cursor?: string | null) => call('auditLog', cursor ? { cursor } : {}),
  dashboard: (p: Req<'dashboard'>) => call('dashboard', p),
  monthlyReport: (p: Req<'monthlyReport'>) => call('monthlyReport', p),
};
