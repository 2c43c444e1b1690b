/**
 * 通讯录（联络站、委员小组、委员）的 CloudBase 实现。委员文档冗余存 groupIds，按小组查委员走它的索引；
 * 一个微信只能绑一位委员：member_bindings 里 _id = openid 的散列，与委员文档在同一事务里写。
 */
import { MemberGroupSchema, MemberSchema, StationSchema, type Member, type MemberGroup, type Station } from '../../../shared/domain/model';
import type { DirectoryStore } from '../../../shared/ports/store.port';
import { docOf, hashKey, type CloudbaseConnection, type DbDoc } from './db.cloudbase';
import { parseDoc } from './store.rows';

function memberDoc(m: Member): DbDoc {
  return { ...m, groupIds: [...new Set(m.groups.map((g) => g.groupId))] };
}

const bindingId = (openid: string) => hashKey('member-binding', openid);

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
      await c.transactionWithRetry(async (tx) => {
        const before = docOf(await tx.collection(names.members).doc(m.id).get());
        const oldOpenid = before ? (before.openid as string | null) : null;
        if (m.openid && m.openid !== oldOpenid) {
          const ref = tx.collection(names.memberBindings).doc(bindingId(m.openid));
          const existing = docOf(await ref.get());
          if (existing && existing.memberId !== m.id) throw new Error(`openid already bound to member ${String(existing.memberId)}`);
          await ref.set({ memberId: m.id });
        }
        if (oldOpenid && oldOpenid !== m.openid) await tx.collection(names.memberBindings).doc(bindingId(oldOpenid)).remove();
        await tx.collection(names.members).doc(m.id).set(memberDoc(m));
      });
    },
  };
}
