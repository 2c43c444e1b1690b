/**
 * setStationEnabled：暂停或恢复联络站。暂停时可写上"请到哪里去"，扫码的居民会看到。
 * 结果：ok；STATION.NOT_FOUND（不存在或不在范围内）/ ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { adminActor, auditEntry, stationInScope, type AdminDeps } from './admin-context';

export async function setStationEnabled(deps: AdminDeps, openid: string, stationId: string, enabled: boolean, pausedNotice?: string): Promise<Result<{ stationId: string; enabled: boolean }>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const before = await stationInScope(deps, a.data, stationId);
  if (!before) return fail('STATION.NOT_FOUND');
  const station = { ...before, enabled, ...(pausedNotice !== undefined ? { pausedNotice } : {}) };
  const entry = auditEntry(deps, a.data, enabled ? 'resumeStation' : 'pauseStation', { kind: 'station', id: station.id, label: station.name }, before, station, [station.groupId]);
  await deps.store.applyDirectoryChange({ stations: [station] }, [entry]);
  return ok({ stationId, enabled });
}
