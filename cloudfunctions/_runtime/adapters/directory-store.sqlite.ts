/**
 * 通讯录（联络站、委员小组、委员）与县级设置的 SQLite 实现。委员所在的小组另存一张 member_roles 表，按小组查委员走它；
 * openid、邀请码是 members 表上的唯一列，所以一个微信只能绑一位委员。
 * 提交要的站点、小组、委员在一个读事务里一次读出（同一快照，算一次往返）。
 * 写入的语句（行与派生列：委员的 member_roles、openid、邀请码列）在 sqliteDirectoryWrites 里，
 * putStation 等与管理后台的 applyDirectoryChange（admin-store.sqlite.ts）共用。
 */
import { MemberGroupSchema, MemberSchema, StationSchema, type Member, type MemberGroup, type Station } from '../../../shared/domain/model';
import { SettingsPatchSchema, type CountySettings } from '../../../shared/domain/settings';
import type { DirectoryStore, SubmitContext } from '../../../shared/ports/store.port';
import { parseRow, type Row, type SqliteConnection } from './db.sqlite';
import { COUNTY_SETTINGS_ID, CountySettingsReadSchema } from './store.rows';

/** 通讯录与县级设置的写入：不校验（调用方已过 zod）、不开事务（在调用方的事务里执行） */
export interface SqliteDirectoryWrites {
  station(s: Station): void;
  group(g: MemberGroup): void;
  /** 委员行（openid、邀请码为唯一列，已被别人占用时抛错）与他所在小组的 member_roles */
  member(m: Member): void;
  /** 整份替换县级设置 */
  settings(patch: Partial<CountySettings>): void;
}

export function sqliteDirectoryWrites(c: SqliteConnection): SqliteDirectoryWrites {
  const stmts = c.prepareAll({
    putStation: 'INSERT INTO stations (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
    putGroup: 'INSERT INTO member_groups (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
    putMember: 'INSERT INTO members (id, openid, invite_code, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET openid = excluded.openid, invite_code = excluded.invite_code, doc = excluded.doc',
    clearRoles: 'DELETE FROM member_roles WHERE member_id = ?',
    addRole: 'INSERT INTO member_roles (member_id, group_id, role) VALUES (?, ?, ?)',
    putSettings: 'INSERT INTO settings (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
  });
  return {
    station: (s) => stmts.putStation.run(s.id, JSON.stringify(s)),
    group: (g) => stmts.putGroup.run(g.id, JSON.stringify(g)),
    member(m) {
      stmts.putMember.run(m.id, m.openid, m.inviteCode, JSON.stringify(m));
      stmts.clearRoles.run(m.id);
      for (const g of m.groups) stmts.addRole.run(m.id, g.groupId, g.role);
    },
    settings: (patch) => stmts.putSettings.run(COUNTY_SETTINGS_ID, JSON.stringify(patch)),
  };
}

export function sqliteDirectoryStore(c: SqliteConnection): DirectoryStore {
  const { db } = c;
  const write = sqliteDirectoryWrites(c);
  const stmts = c.prepareAll({
    getStation: 'SELECT doc FROM stations WHERE id = ?',
    listStations: 'SELECT doc FROM stations ORDER BY id',
    getGroup: 'SELECT doc FROM member_groups WHERE id = ?',
    listGroups: 'SELECT doc FROM member_groups ORDER BY id',
    getMember: 'SELECT doc FROM members WHERE id = ?',
    memberByOpenid: 'SELECT doc FROM members WHERE openid = ?',
    memberByInvite: 'SELECT doc FROM members WHERE invite_code = ?',
    membersOfGroup: 'SELECT m.doc FROM members m JOIN member_roles r ON r.member_id = m.id WHERE r.group_id = ? ORDER BY m.id',
    getSettings: 'SELECT doc FROM settings WHERE id = ?',
  });

  /** 一个读事务里读站点、小组、小组的委员（与 listMembersOfGroup 同一条语句） */
  const readSubmitContext = db.transaction((stationId: string): SubmitContext | null => {
    const station = stmts.getStation.get(stationId) as Row | undefined;
    if (!station) return null;
    const s = parseRow(StationSchema, station.doc);
    const group = stmts.getGroup.get(s.groupId) as Row | undefined;
    return {
      station: s,
      group: group ? parseRow(MemberGroupSchema, group.doc) : null,
      members: (stmts.membersOfGroup.all(s.groupId) as Row[]).map((r) => parseRow(MemberSchema, r.doc)),
    };
  });

  return {
    async getStation(id: string): Promise<Station | null> {
      return c.one(stmts.getStation, StationSchema, id);
    },
    async listStations(): Promise<Station[]> {
      return c.all(stmts.listStations, StationSchema);
    },
    async getGroup(id: string): Promise<MemberGroup | null> {
      return c.one(stmts.getGroup, MemberGroupSchema, id);
    },
    async listGroups(): Promise<MemberGroup[]> {
      return c.all(stmts.listGroups, MemberGroupSchema);
    },
    async getMember(id: string): Promise<Member | null> {
      return c.one(stmts.getMember, MemberSchema, id);
    },
    async listMembersOfGroup(groupId: string): Promise<Member[]> {
      return c.all(stmts.membersOfGroup, MemberSchema, groupId);
    },
    async findMemberByOpenid(openid: string): Promise<Member | null> {
      return c.one(stmts.memberByOpenid, MemberSchema, openid);
    },
    async findMemberByInviteCode(code: string): Promise<Member | null> {
      return c.one(stmts.memberByInvite, MemberSchema, code);
    },

    async bindMember(memberId: string, openid: string, inviteCode: string): Promise<boolean> {
      c.operations++;
      return db.transaction(() => {
        const row = stmts.getMember.get(memberId) as Row | undefined;
        if (!row) return false;
        const m = parseRow(MemberSchema, row.doc);
        if (m.openid || m.inviteCode !== inviteCode) return false;
        if (stmts.memberByOpenid.get(openid)) return false;
        write.member({ ...m, openid, inviteCode: null });
        return true;
      })();
    },

    async getSubmitContext(stationId: string): Promise<SubmitContext | null> {
      c.operations++;
      return readSubmitContext(stationId);
    },

    async getCountySettings(): Promise<Partial<CountySettings> | null> {
      return c.one(stmts.getSettings, CountySettingsReadSchema, COUNTY_SETTINGS_ID);
    },
    async putCountySettings(settings: Partial<CountySettings>): Promise<void> {
      c.operations++;
      write.settings(SettingsPatchSchema.parse(settings));
    },

    async putStation(s: Station): Promise<void> {
      c.operations++;
      write.station(StationSchema.parse(s));
    },
    async putGroup(g: MemberGroup): Promise<void> {
      c.operations++;
      write.group(MemberGroupSchema.parse(g));
    },
    async putMember(m: Member): Promise<void> {
      c.operations++;
      db.transaction(() => write.member(MemberSchema.parse(m)))();
    },
  };
}
