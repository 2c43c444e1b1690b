/**
 * importMembers：从 Excel 复制粘贴的名单（姓名、小组、身份、电话、界别）批量添加委员，每人一个邀请码。
 * 先预览（dryRun）：每一行是否可以导入，不行的给出中文原因；正式导入时坏行一行也不写，好行一起写入（一个事务）。
 * 结果：ok（新建几人、邀请码、每行的错误、预览）；ADMIN.NOT_ADMIN。
 */
import { ERROR_MESSAGES, ok, type ErrorCode, type Result } from '../../domain/errors';
import type { Member } from '../../domain/model';
import { PHONE_PATTERN } from '../../api/intake.api';
import { GROUP_ROLE_LABELS, type GroupRole, type ImportPreviewRow, type ImportResult, type ImportRowInput } from '../../api/admin.api';
import { adminActor, auditEntry, coversGroup, type AdminDeps } from './admin-context';

/** 身份一栏：中文或英文都认 */
export function roleOf(text: string): GroupRole | null {
  const t = text.trim().toLowerCase();
  if (!t || t === GROUP_ROLE_LABELS.member || t === 'member' || t === '成员') return 'member';
  if (t === GROUP_ROLE_LABELS.convener || t === 'convener' || t === '组长') return 'convener';
  return null;
}

export async function importMembers(deps: AdminDeps, openid: string, rows: ImportRowInput[], dryRun = false): Promise<Result<ImportResult>> {
  const a = await adminActor(deps, openid);
  if (!a.ok) return a;
  const [groups, members, settings] = await Promise.all([deps.store.listGroups(), deps.store.listMembers(), deps.loadSettings()]);
  const groupByName = new Map(groups.filter((g) => coversGroup(a.data, g.id)).map((g) => [g.name.trim(), g]));
  const errors: ImportResult['errors'] = [];
  const preview: ImportPreviewRow[] = [];
  const seen = new Set<string>();
  const accepted: Array<{ row: ImportRowInput; groupId: string; role: GroupRole }> = [];

  rows.forEach((raw, i) => {
    const row = { name: raw.name.trim(), groupName: raw.groupName.trim(), role: raw.role, phone: (raw.phone ?? '').trim(), sector: (raw.sector ?? '').trim() };
    const group = groupByName.get(row.groupName);
    const role = roleOf(row.role);
    const key = `${group?.id}|${row.name}`;
    const problem: ErrorCode | null = !row.name
      ? 'MEMBER.NAME_MISSING'
      : !group
        ? 'IMPORT.GROUP_UNKNOWN'
        : !role
          ? 'MEMBER.ROLE_INVALID'
          : row.phone && !PHONE_PATTERN.test(row.phone.replace(/\s/g, ''))
            ? 'MEMBER.PHONE_INVALID'
            : seen.has(key)
              ? 'IMPORT.DUPLICATE_ROW'
              : members.some((m) => m.name === row.name && m.groups.some((g) => g.groupId === group.id))
                ? 'IMPORT.ALREADY_EXISTS'
                : null;
    seen.add(key);
    preview.push({ row: i + 1, name: row.name, groupName: row.groupName, role, phone: row.phone, sector: row.sector, ok: !problem });
    if (problem) errors.push({ row: i + 1, code: problem, message: ERROR_MESSAGES[problem] });
    else accepted.push({ row: { ...row, phone: row.phone.replace(/\s/g, '') }, groupId: group!.id, role: role! });
  });

  if (dryRun || accepted.length === 0) return ok({ created: dryRun ? accepted.length : 0, invites: [], errors, preview });

  const expiresAt = new Date(deps.clock.now().getTime() + settings.inviteValidDays * 86_400_000).toISOString();
  const created: Member[] = accepted.map(({ row, groupId, role }) => ({
    id: deps.ids.next(),
    name: row.name,
    sector: row.sector ?? '',
    phone: row.phone || null,
    groups: [{ groupId, role }],
    isAdmin: false,
    openid: null,
    inviteCode: deps.invites.next(),
    inviteExpiresAt: expiresAt,
    active: true,
  }));
  const audit = created.map((m) => auditEntry(deps, a.data, 'importMember', { kind: 'member', id: m.id, label: m.name }, null, { name: m.name, groups: m.groups, sector: m.sector }, m.groups.map((g) => g.groupId)));
  await deps.store.applyDirectoryChange({ members: created }, audit);
  return ok({ created: created.length, invites: created.map((m) => ({ name: m.name, inviteCode: m.inviteCode!, expiresAt })), errors, preview });
}
