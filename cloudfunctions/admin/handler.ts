/**
 * admin 云函数：政协办的管理后台——联络站、委员小组、委员与邀请码、海报、县级设置、操作记录。
 * 约定（请求模式与返回类型）在 shared/api/admin.api.ts；谁能做什么、管到哪里在 shared/usecases/admin/admin-context.ts。
 */
import { adminContract } from '../../shared/api/admin.api';
import { messageParams } from '../../shared/domain/settings';
import type { AdminDeps } from '../../shared/usecases/admin/admin-context';
import { getSettings, saveSettings } from '../../shared/usecases/admin/county-settings';
import { getDashboard } from '../../shared/usecases/admin/get-dashboard';
import { exportMonthlyReport } from '../../shared/usecases/admin/export-monthly-report';
import { getMemberActivity } from '../../shared/usecases/admin/get-member-activity';
import { importMembers } from '../../shared/usecases/admin/import-members';
import { issueInvite } from '../../shared/usecases/admin/issue-invite';
import { listAudit } from '../../shared/usecases/admin/list-audit';
import { listGroups } from '../../shared/usecases/admin/list-groups';
import { listMembers } from '../../shared/usecases/admin/list-members';
import { listStations } from '../../shared/usecases/admin/list-stations';
import { removeMembership } from '../../shared/usecases/admin/remove-membership';
import { revokeInvite } from '../../shared/usecases/admin/revoke-invite';
import { saveGroup } from '../../shared/usecases/admin/save-group';
import { saveMember } from '../../shared/usecases/admin/save-member';
import { saveStation } from '../../shared/usecases/admin/save-station';
import { setMemberActive } from '../../shared/usecases/admin/set-member-active';
import { setStationEnabled } from '../../shared/usecases/admin/set-station-enabled';
import { groupPosters, stationPoster } from '../../shared/usecases/admin/station-poster';
import { whoamiAdmin } from '../../shared/usecases/admin/who-am-i-admin';
import { createHandler, implement, type Logger } from '../_runtime/router';

export function createAdminHandler(deps: AdminDeps, logger?: Logger) {
  return createHandler(
    'admin',
    implement(adminContract, {
      whoamiAdmin: (_i, openid) => whoamiAdmin(deps, openid),
      listStations: (_i, openid) => listStations(deps, openid),
      saveStation: (i, openid) => saveStation(deps, openid, i),
      setStationEnabled: (i, openid) => setStationEnabled(deps, openid, i.stationId, i.enabled, i.pausedNotice),
      listGroups: (_i, openid) => listGroups(deps, openid),
      saveGroup: (i, openid) => saveGroup(deps, openid, i),
      listMembers: (i, openid) => listMembers(deps, openid, i.groupId),
      saveMember: (i, openid) => saveMember(deps, openid, i),
      removeMembership: (i, openid) => removeMembership(deps, openid, i.memberId, i.groupId),
      setMemberActive: (i, openid) => setMemberActive(deps, openid, i.memberId, i.active),
      issueInvite: (i, openid) => issueInvite(deps, openid, i.memberId),
      revokeInvite: (i, openid) => revokeInvite(deps, openid, i.memberId),
      importMembers: (i, openid) => importMembers(deps, openid, i.rows, i.dryRun ?? false),
      stationPoster: (i, openid) => stationPoster(deps, openid, i.stationId),
      groupPosters: (i, openid) => groupPosters(deps, openid, i.groupId),
      getSettings: (_i, openid) => getSettings(deps, openid),
      saveSettings: (i, openid) => saveSettings(deps, openid, i.settings),
      auditLog: (i, openid) => listAudit(deps, openid, i.cursor),
      dashboard: (i, openid) => getDashboard(deps, openid, i),
      monthlyReport: (i, openid) => exportMonthlyReport(deps, openid, i),
      memberActivity: (i, openid) => getMemberActivity(deps, openid, i.month),
    }),
    logger,
    async () => messageParams(await deps.loadSettings()),
  );
}
