/**
 * getSettings / saveSettings：县级设置页（字数、照片、限流、默认接单名额、查重天数、邀请码有效期、给居民看的分类、
 * 期限、回头看与回头督的天数、县里对工作日历的调整）。全国节假日数据快用完时带上"按周一至周五估算"的提示。
 * 只有全县（市）的管理员能改；改了什么记入操作记录。每一项的范围在 shared/domain/settings.ts。
 * 结果：ok（合并了默认值的设置与各项范围）；ADMIN.SCOPE_EXCEEDED / SETTINGS.INVALID（请求校验）/ ADMIN.NOT_ADMIN。
 */
import { fail, ok, type Result } from '../../domain/errors';
import { mergeSettings, SETTINGS_BOUNDS, type CountySettings } from '../../domain/settings';
import type { SettingsView } from '../../api/admin.api';
import { calendarNotice, lastCoveredYear } from '../../domain/calendar';
import { adminActor, auditEntry, type AdminDeps } from './admin-context';

export async function getSettings(deps: AdminDeps, openid: string): Promise<Result<SettingsView>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  return ok(viewOf(deps, await deps.loadSettings()));
}

export async function saveSettings(deps: AdminDeps, openid: string, patch: Partial<CountySettings>): Promise<Result<SettingsView>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  if (!a.data.scope.all) return fail('ADMIN.SCOPE_EXCEEDED');
  const stored = (await deps.store.getCountySettings()) ?? {};
  const before = mergeSettings(stored);
  const next = { ...stored, ...patch };
  const entry = auditEntry(deps, a.data, 'saveSettings', { kind: 'settings', id: 'county', label: '县级设置' }, before, mergeSettings(next), []);
  await deps.store.applyDirectoryChange({ settings: next }, [entry]);
  return ok(viewOf(deps, mergeSettings(next)));
}

function viewOf(deps: AdminDeps, settings: CountySettings): SettingsView {
  return { settings, bounds: SETTINGS_BOUNDS, calendar: { lastCoveredYear: lastCoveredYear(), notice: calendarNotice(deps.clock.now().toISOString()) } };
}
