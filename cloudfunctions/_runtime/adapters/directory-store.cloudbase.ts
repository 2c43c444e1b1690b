/**
 * 通讯录（联络站、委员小组、委员）与县级设置的 CloudBase 实现。委员文档冗余存 groupIds，按小组查委员走它的索引；
 * 一个微信只能绑一位委员：member_bindings 里 _id = openid 的散列，与委员文档在同一事务里写。
 * 提交要的站点、小组、委员是一次聚合请求：match 站点，再 lookup 小组和 groupIds 含这个小组的委员。
 * 写委员（文档 + 绑定文档）的事务步骤在 writeMemberInTx 里，putMember 与管理后台的 applyDirectoryChange
 * （admin-store.cloudbase.ts）共用。
 */
import { MemberGroupSchema, MemberSchema, StationSchema, type Member, type MemberGroup, type Station } from '../../../shared/domain/model';
import { SettingsPatchSchema, type CountySettings } from '../../../shared/domain/settings';
import type { DirectoryStore, SubmitContext } from '../../../shared/ports/store.port';
import { docOf, hashKey, type CloudbaseConnection, type DbDoc, type TransactionRef } from './db.cloudbase';
import { COUNTY_SETTINGS_ID, CountySettingsReadSchema, keepBinding, parseDoc } from './store.rows';

function memberDoc(m: Member): DbDoc {
  return { ...m, groupIds: [...new Set(m.groups.map((g) => g.groupId))] };
}

const bindingId = (openid: string) => hashKey('member-binding', openid);

/**
 * 在事务里写一位委员（已过 zod）：委员文档（带 groupIds），并维护 openid 绑定文档；
 * openid 已绑给别人时抛错（与 SQLite 的唯一约束一致），整个事务随之回滚。
 */
export async function writeMemberInTx(names: CloudbaseConnection['names'], tx: TransactionRef, written: Member, options: { keepBinding?: boolean } = {}): Promise<void> {
  const before = docOf(await tx.collection(names.members).doc(written.id).get());
  const oldOpenid = before ? (before.openid as string | null) : null;
  const m = options.keepBinding ? keepBinding(written, oldOpenid) : written;
  if (m.openid && m.openid !== oldOpenid) {
    const ref = tx.collection(names.memberBindings).doc(bindingId(m.openid));
    const existing = docOf(await ref.get());
    if (existing && existing.memberId !== m.id) throw new Error(`openid already bound to member ${String(existing.memberId)}`);
    await ref.set({ memberId: m.id });
  }
  if (oldOpenid && oldOpenid !== m.openid) await tx.collection(names.memberBindings).doc(bindingId(oldOpenid)).remove();
  await tx.collection(names.members).doc(m.id).set(memberDoc(m));
}

/** 与 readAll 的 _id 升序一致（listMembersOfGroup 的顺序） */
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function cloudbaseDirectoryStore(c: CloudbaseConnection): DirectoryStore {
  const { names } = c;
  const member = (d: DbDoc) => parseDoc(MemberSchema, d);

  return {
    async getStation(id: string): Promise<Station | null> {
      return c.one('stations', id, StationSchema);
    },
    async listStations(): Promise<Station[]> {
      return (await c.readAll('stations')).map((d) => parseDoc(StationSchema, d));
    },
    async getGroup(id: string): Promise<MemberGroup | null> {
      return c.one('groups', id, MemberGroupSchema);
    },
    async listGroups(): Promise<MemberGroup[]> {
      return (await c.readAll('groups')).map((d) => parseDoc(MemberGroupSchema, d));
    },
    async getMember(id: string): Promise<Member | null> {
      return c.one('members', id, MemberSchema);
    },
    async listMembersOfGroup(groupId: string): Promise<Member[]> {
      return (await c.readAll('members', { groupIds: groupId })).map(member);
    },
    /**
     * 一次聚合请求。委员按 groupIds（与 listMembersOfGroup 同一字段、同一索引）连接：数组字段任一元素等于
     * 站点的 groupId 即算，停用的委员也在（与 listMembersOfGroup 一样，由用例决定通知谁）。
     */
    async getSubmitContext(stationId: string): Promise<SubmitContext | null> {
      const [d] = await c.aggregate(
        c
          .col('stations')
          .aggregate()
          .match({ _id: stationId })
          .limit(1)
          .lookup({ from: names.groups, localField: 'groupId', foreignField: '_id', as: 'groupDocs' })
          .lookup({ from: names.members, localField: 'groupId', foreignField: 'groupIds', as: 'memberDocs' }),
      );
      if (!d) return null;
      const [group] = d.groupDocs as DbDoc[];
      return {
        station: parseDoc(StationSchema, d),
        group: group ? parseDoc(MemberGroupSchema, group) : null,
        members: (d.memberDocs as DbDoc[]).map(member).sort(byId),
      };
    },

    async getCountySettings(): Promise<Partial<CountySettings> | null> {
      return c.one('settings', COUNTY_SETTINGS_ID, CountySettingsReadSchema);
    },
    /** 整份替换（只存改过的项） */
    async putCountySettings(settings: Partial<CountySettings>): Promise<void> {
      c.operations++;
      await c.col('settings').doc(COUNTY_SETTINGS_ID).set(SettingsPatchSchema.parse(settings));
    },

    async findMemberByOpenid(openid: string): Promise<Member | null> {
      return c.first(c.col('members').where({ openid }).limit(1), MemberSchema);
    },
    async findMemberByInviteCode(code: string): Promise<Member | null> {
      return c.first(c.col('members').where({ inviteCode: code }).limit(1), MemberSchema);
    },

    /** 绑定文档与委员文档在同一事务里写 */
    async bindMember(memberId: string, openid: string, inviteCode: string): Promise<boolean> {
      const binding = bindingId(openid);
      return c.transactionWithRetry(async (tx) => {
        const m = docOf(await tx.collection(names.members).doc(memberId).get());
        if (!m) return false;
        const current = member(m);
        if (current.openid || current.inviteCode !== inviteCode) return false;
        if (docOf(await tx.collection(names.memberBindings).doc(binding).get())) return false;
        await tx.collection(names.memberBindings).doc(binding).set({ memberId });
        await tx.collection(names.members).doc(memberId).set(memberDoc({ ...current, openid, inviteCode: null }));
        return true;
      });
    },

    async putStation(s: Station): Promise<void> {
      c.operations++;
      await c.col('stations').doc(s.id).set(StationSchema.parse(s));
    },
    async putGroup(g: MemberGroup): Promise<void> {
      c.operations++;
      await c.col('groups').doc(g.id).set(MemberGroupSchema.parse(g));
    },
    /** 写委员并维护 openid 绑定文档；openid 已绑给别人时抛错（与 SQLite 的唯一约束一致） */
    async putMember(input: Member): Promise<void> {
      const m = MemberSchema.parse(input);
      await c.transactionWithRetry((tx) => writeMemberInTx(names, tx, m));
    },
  };
}
