/**
 * 委员：按小组看，一位一位添加、修改，加入第二个小组、移出一个小组，停用离任的（他接的反映退回待接单）
 * 与重新启用；邀请码的发、重发、作废，打印邀请条；谁已经用微信绑定了一目了然。
 */
import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { GROUP_ROLE_LABELS, GROUP_ROLES, type GroupRole, type GroupRow, type MemberRow } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import ErrorNote from '../../../components/error-note';
import { formatDate } from '../../../services/format';
import { PAGES, go, withQuery } from '../../../services/nav';
import { useReloadOnShow } from '../../../services/use-reload';
import AdminShell from '../components/admin-shell';
import { Btn, Cell, Choices, Confirm, explainMissing, Field, formLevelError, Notice, Pill, TableHead, TextInput, SaveCancel } from '../components/ui';
import { admin } from '../services/admin-api';

type FormMode = 'add' | 'edit' | 'join';

interface MemberForm {
  mode: FormMode;
  id?: string;
  name: string;
  groupId: string;
  role: GroupRole;
  phone: string;
  sector: string;
}

type Pending = { kind: 'deactivate'; member: MemberRow } | { kind: 'revoke'; member: MemberRow } | { kind: 'remove'; member: MemberRow; groupId: string; groupName: string };

const FORM_FIELDS = ['name', 'groupId', 'role', 'phone', 'sector'] as const;
const MISSING = { groupId: '请点选委员小组。' };
const ROLE_OPTIONS = GROUP_ROLES.map((r) => ({ value: r, label: GROUP_ROLE_LABELS[r] }));
const FORM_TITLES: Record<FormMode, string> = { add: '添加委员', edit: '修改委员', join: '加入另一个小组' };

function inviteText(m: MemberRow): string {
  if (m.bound) return '已绑定，不需要';
  if (!m.invite) return '没有';
  if (m.invite.expired) return `${m.invite.code}（已过期）`;
  return m.invite.expiresAt ? `${m.invite.code}（${formatDate(m.invite.expiresAt)}前有效）` : m.invite.code;
}

export default function MembersPage() {
  const { params } = useRouter();
  const [filter, setFilter] = useState<string>(params.group ?? '');
  const [items, setItems] = useState<MemberRow[] | null>(null);
  const [groups, setGroups] = useState<GroupRow[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [form, setForm] = useState<MemberForm | null>(() => (params.new ? { mode: 'add', name: '', groupId: params.group ?? '', role: 'member', phone: '', sector: '' } : null));
  const [formError, setFormError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ text: string; memberId?: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rowNote, setRowNote] = useState<{ id: string; text?: string; error?: AppError } | null>(null);

  const load = useCallback(async () => {
    const [m, g] = await Promise.all([admin.listMembers(filter || undefined), admin.listGroups()]);
    if (!m.ok) return setError(m.error);
    if (!g.ok) return setError(g.error);
    setError(null);
    setItems(m.data.items);
    setGroups(g.data.items);
  }, [filter]);
  useReloadOnShow(load);

  function chooseFilter(groupId: string) {
    setFilter(groupId);
    setItems(null);
    admin.listMembers(groupId || undefined).then((m) => (m.ok ? setItems(m.data.items) : setError(m.error)));
  }

  function edit(next: MemberForm | null) {
    setForm(next);
    setFormError(null);
    setNotice(null);
  }
  const set = (patch: Partial<MemberForm>) => setForm((f) => (f ? { ...f, ...patch } : f));

  async function save() {
    if (!form || saving) return;
    setSaving(true);
    setFormError(null);
    const r = await admin.saveMember({
      ...(form.id ? { id: form.id } : {}),
      name: form.name,
      groupId: form.groupId,
      role: form.role,
      phone: form.phone,
      sector: form.sector,
    });
    setSaving(false);
    if (!r.ok) return setFormError(explainMissing(r.error, { ...form }, MISSING));
    const group = groups.find((g) => g.id === form.groupId)?.name ?? '';
    setForm(null);
    setNotice(
      form.mode === 'add'
        ? { text: `已添加${form.name}（${group} ${GROUP_ROLE_LABELS[form.role]}）。下一步：发邀请码，他用微信绑定后就能接单。`, memberId: r.data.memberId }
        : { text: form.mode === 'join' ? `${form.name}已加入${group}。` : `已保存${form.name}。` },
    );
    await load();
  }

  async function act(m: MemberRow, run: () => Promise<string | AppError>) {
    setBusyId(m.id);
    setRowNote(null);
    const out = await run();
    setBusyId(null);
    setPending(null);
    setRowNote(typeof out === 'string' ? { id: m.id, text: out } : { id: m.id, error: out });
    await load();
  }

  const issue = (m: MemberRow) =>
    act(m, async () => {
      const r = await admin.issueInvite(m.id);
      return r.ok ? `${m.name}的邀请码：${r.data.inviteCode}，${formatDate(r.data.expiresAt)}前有效。` : r.error;
    });

  async function issueFromNotice(memberId: string) {
    const r = await admin.issueInvite(memberId);
    if (!r.ok) return setNotice({ text: r.error.message });
    setNotice(null);
    setRowNote({ id: memberId, text: `邀请码：${r.data.inviteCode}，${formatDate(r.data.expiresAt)}前有效。` });
    await load();
  }

  function confirmPending() {
    if (!pending) return;
    const m = pending.member;
    if (pending.kind === 'deactivate')
      return act(m, async () => {
        const r = await admin.setMemberActive(m.id, false);
        return r.ok ? `已停用${m.name}。${r.data.releasedTickets > 0 ? `他接的 ${r.data.releasedTickets} 件反映已退回待接单，已通知召集人重新安排。` : '他没有正在办的反映。'}` : r.error;
      });
    if (pending.kind === 'revoke')
      return act(m, async () => {
        const r = await admin.revokeInvite(m.id);
        return r.ok ? `${m.name}的邀请码已作废。` : r.error;
      });
    const { groupId, groupName } = pending;
    return act(m, async () => {
      const r = await admin.removeMembership(m.id, groupId);
      return r.ok ? `已把${m.name}移出${groupName}。` : r.error;
    });
  }

  const reactivate = (m: MemberRow) =>
    act(m, async () => {
      const r = await admin.setMemberActive(m.id, true);
      return r.ok ? `${m.name}已重新启用。他需要新的邀请码才能再绑定（如果之前没有绑定）。` : r.error;
    });

  const filterOptions = [{ value: '', label: '全部' }, ...groups.map((g) => ({ value: g.id, label: g.name }))];
  const formGroups = form
    ? groups
        .filter((g) => {
          const member = items?.find((m) => m.id === form.id);
          if (form.mode === 'join') return !member?.groups.some((x) => x.groupId === g.id);
          // 改身份只在他所在的小组里选；还不在任何小组的（如新任命的管理员）可以选任一小组
          if (form.mode === 'edit') return !member?.groups.length || member.groups.some((x) => x.groupId === g.id);
          return true;
        })
        .map((g) => ({ value: g.id, label: g.name }))
    : [];

  return (
    <AdminShell section='members' title='委员' lead='添加委员后发邀请码；委员在小程序里输入邀请码绑定微信，就能看到本组的反映、接单。'>
      <ErrorNote error={error} />
      {notice && (
        <Notice>
          {notice.text}
          {notice.memberId && (
            <View className='adm-actions'>
              <Btn small kind='primary' testid='notice-issue-invite' onClick={() => issueFromNotice(notice.memberId!)}>
                发邀请码
              </Btn>
            </View>
          )}
        </Notice>
      )}

      <Field label='看哪个小组' name='filter'>
        <Choices testid='member-filter' options={filterOptions} value={filter} onChange={chooseFilter} />
      </Field>

      {!form && (
        <View className='adm-actions'>
          <Btn kind='primary' testid='new-member' onClick={() => edit({ mode: 'add', name: '', groupId: filter || (groups.length === 1 ? groups[0]!.id : ''), role: 'member', phone: '', sector: '' })}>
            ＋ 添加委员
          </Btn>
          <Btn testid='go-import' onClick={() => go(PAGES.adminImport)}>
            从表格粘贴导入
          </Btn>
        </View>
      )}

      {form && (
        <View className='adm-card adm-form' data-testid='member-form'>
          <View className='adm-card__title'>
            {FORM_TITLES[form.mode]}
            {form.mode !== 'add' ? `：${form.name}` : ''}
          </View>
          <View className='adm-form-grid'>
            {form.mode !== 'join' && (
              <Field label='姓名' name='name' error={formError}>
                <TextInput testid='member-name' value={form.name} maxlength={20} onChange={(name) => set({ name })} />
              </Field>
            )}
            {form.mode !== 'join' && (
              <Field label='界别' name='sector' error={formError} hint='如：经济界、科技界'>
                <TextInput testid='member-sector' value={form.sector} maxlength={30} onChange={(sector) => set({ sector })} />
              </Field>
            )}
            {form.mode !== 'join' && (
              <Field label='电话' name='phone' error={formError} hint='11 位手机号或带区号的座机；可以不填'>
                <TextInput testid='member-phone' value={form.phone} maxlength={20} onChange={(phone) => set({ phone })} />
              </Field>
            )}
            <Field label={form.mode === 'edit' ? '改哪个小组里的身份' : '委员小组'} name='groupId' error={formError} wide hint={formGroups.length === 0 ? '没有可选的小组。' : undefined}>
              <Choices testid='member-group' options={formGroups} value={form.groupId || null} onChange={(groupId) => set({ groupId })} />
            </Field>
            <Field label='在这个小组里的身份' name='role' error={formError} wide>
              <Choices testid='member-role' options={ROLE_OPTIONS} value={form.role} onChange={(role) => set({ role })} />
            </Field>
          </View>
          <ErrorNote error={formLevelError(formError, FORM_FIELDS)} />
          <SaveCancel saving={saving} testid='save-member' onSave={save} onCancel={() => edit(null)} />
        </View>
      )}

      {items === null && !error && <View className='loading'>正在加载…</View>}
      {items?.length === 0 && <View className='empty'>{filter ? '这个小组还没有委员。' : '还没有委员。'}</View>}
      {items && items.length > 0 && (
        <View className='adm-table' data-testid='member-list'>
          <TableHead cells={[{ label: '委员', cls: 'adm-cell--2' }, { label: '小组与身份', cls: 'adm-cell--2' }, { label: '状态' }, { label: '邀请码', cls: 'adm-cell--2' }, { label: '操作', cls: 'adm-cell--3' }]} />
          {items.map((m) => (
            <View key={m.id} className={`adm-row ${m.active ? '' : 'adm-row--off'}`} data-testid='member-row'>
              <Cell label='委员' cls='adm-cell--2'>
                <View className='adm-cell__main'>{m.name}</View>
                <View className='adm-cell__sub'>{[m.sector, m.phone, m.isAdmin ? '管理员' : ''].filter(Boolean).join(' · ')}</View>
              </Cell>
              <Cell label='小组' cls='adm-cell--2'>
                {m.groups.length === 0 && <Text className='muted'>不在任何小组</Text>}
                {m.groups.map((g) => (
                  <View key={g.groupId} className='row'>
                    <Text>
                      {g.groupName} · {GROUP_ROLE_LABELS[g.role]}
                    </Text>
                    {m.active && (
                      <Text className='link adm-inline-link' data-testid='remove-membership' onClick={() => setPending({ kind: 'remove', member: m, groupId: g.groupId, groupName: g.groupName })}>
                        移出
                      </Text>
                    )}
                  </View>
                ))}
              </Cell>
              <Cell label='状态'>
                {m.active ? <Pill kind='ok'>在任</Pill> : <Pill kind='off'>已停用</Pill>}
                {m.bound ? (
                  <Pill kind='ok' testid='member-bound'>
                    已绑定微信
                  </Pill>
                ) : (
                  <Pill kind='warn' testid='member-bound'>
                    未绑定
                  </Pill>
                )}
              </Cell>
              <Cell label='邀请码' cls='adm-cell--2'>
                <Text data-testid='member-invite' className={m.invite && !m.invite.expired ? 'strong' : 'muted'}>
                  {inviteText(m)}
                </Text>
              </Cell>
              <Cell label='操作' cls='adm-cell--3'>
                <View className='adm-actions'>
                  <Btn small testid='edit-member' onClick={() => edit({ mode: 'edit', id: m.id, name: m.name, groupId: m.groups[0]?.groupId ?? '', role: m.groups[0]?.role ?? 'member', phone: m.phone, sector: m.sector })}>
                    修改
                  </Btn>
                  {m.active && (
                    <Btn small testid='join-group' onClick={() => edit({ mode: 'join', id: m.id, name: m.name, groupId: '', role: 'member', phone: m.phone, sector: m.sector })}>
                      加入另一小组
                    </Btn>
                  )}
                  {m.active && !m.bound && (
                    <Btn small kind='primary' busy={busyId === m.id} testid='issue-invite' onClick={() => issue(m)}>
                      {m.invite ? '重发邀请码' : '发邀请码'}
                    </Btn>
                  )}
                  {m.invite && !m.bound && !m.invite.expired && (
                    <Btn small testid='print-slip' onClick={() => go(withQuery(PAGES.adminSlips, { member: m.id }))}>
                      打印邀请条
                    </Btn>
                  )}
                  {m.invite && !m.bound && (
                    <Btn small kind='danger' testid='revoke-invite' onClick={() => setPending({ kind: 'revoke', member: m })}>
                      作废邀请码
                    </Btn>
                  )}
                  {/* 管理员不在这里停用：免得把自己（或唯一的管理员）关在门外 */}
                  {m.active && !m.isAdmin && (
                    <Btn small kind='danger' testid='deactivate-member' onClick={() => setPending({ kind: 'deactivate', member: m })}>
                      停用
                    </Btn>
                  )}
                  {!m.active && (
                    <Btn small busy={busyId === m.id} testid='reactivate-member' onClick={() => reactivate(m)}>
                      重新启用
                    </Btn>
                  )}
                </View>
                {pending?.member.id === m.id && (
                  <Confirm danger confirmLabel={pending.kind === 'deactivate' ? '确认停用' : pending.kind === 'revoke' ? '确认作废' : '确认移出'} busy={busyId === m.id} onConfirm={confirmPending} onCancel={() => setPending(null)}>
                    {pending.kind === 'deactivate' && `停用${m.name}？他接的未办结反映会退回待接单，并通知召集人重新安排；他的邀请码作废。以后可以重新启用。`}
                    {pending.kind === 'revoke' && `作废${m.name}的邀请码？作废后这个码不能再绑定，需要时可以重发一个。`}
                    {pending.kind === 'remove' && `把${m.name}移出${pending.groupName}？他在其他小组的身份不变。`}
                  </Confirm>
                )}
                {rowNote?.id === m.id && rowNote.text && <Notice testid='row-notice'>{rowNote.text}</Notice>}
                {rowNote?.id === m.id && <ErrorNote error={rowNote.error} />}
              </Cell>
            </View>
          ))}
        </View>
      )}
    </AdminShell>
  );
}
