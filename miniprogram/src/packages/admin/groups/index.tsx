/**
 * 委员小组：列表（片区、几个站、委员与召集人及是否已绑定微信、企业微信群机器人、每单可接人数）、新建和修改。
 * 机器人地址里的 key 是密钥：列表只说"已配置"，修改时才显示。
 */
import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { GROUP_ROLE_LABELS, type GroupRow } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import ErrorNote from '../../../components/error-note';
import { PAGES, go, withQuery } from '../../../services/nav';
import { useReloadOnShow } from '../../../services/use-reload';
import AdminShell from '../components/admin-shell';
import { Btn, Cell, explainMissing, Field, formLevelError, Notice, Pill, TableHead, TextInput, SaveCancel } from '../components/ui';
import { admin } from '../services/admin-api';

interface GroupForm {
  id?: string;
  name: string;
  area: string;
  wecomWebhook: string;
  claimLimit: string;
}

const FORM_FIELDS = ['name', 'area', 'wecomWebhook', 'claimLimit'] as const;
const MISSING = { name: '请填写小组名称。' };

const formOf = (g: GroupRow): GroupForm => ({ id: g.id, name: g.name, area: g.area, wecomWebhook: g.wecomWebhook, claimLimit: String(g.claimLimit) });

export default function GroupsPage() {
  const [items, setItems] = useState<GroupRow[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [form, setForm] = useState<GroupForm | null>(null);
  const [formError, setFormError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ text: string; groupId: string; created: boolean } | null>(null);

  const load = useCallback(async () => {
    const r = await admin.listGroups();
    if (!r.ok) return setError(r.error);
    setError(null);
    setItems(r.data.items);
  }, []);
  useReloadOnShow(load);

  function edit(next: GroupForm | null) {
    setForm(next);
    setFormError(null);
    setNotice(null);
  }
  const set = (patch: Partial<GroupForm>) => setForm((f) => (f ? { ...f, ...patch } : f));

  async function save() {
    if (!form || saving) return;
    const limit = form.claimLimit.trim();
    setSaving(true);
    setFormError(null);
    const r = await admin.saveGroup({
      ...(form.id ? { id: form.id } : {}),
      name: form.name,
      area: form.area,
      wecomWebhook: form.wecomWebhook,
      // 空着用县里的默认值；写了不是整数的，照样交给请求校验，在这一项下面提示
      ...(limit ? { claimLimit: Number(limit) } : {}),
    });
    setSaving(false);
    if (!r.ok) return setFormError(explainMissing(r.error, { ...form }, MISSING));
    setForm(null);
    setNotice({ text: form.id ? `已保存「${form.name}」。` : `已建好「${form.name}」。下一步：给它建联络站、添加委员。`, groupId: r.data.groupId, created: !form.id });
    await load();
  }

  return (
    <AdminShell section='groups' title='委员小组' lead='每个联络站归一个委员小组；小组里的委员接单办理，召集人分单、办结。一位委员可以在两个小组里。'>
      <ErrorNote error={error} />
      {notice && (
        <Notice>
          {notice.text}
          {notice.created && (
            <View className='adm-actions'>
              <Btn small kind='primary' testid='group-new-station' onClick={() => go(withQuery(PAGES.adminStations, { new: 1, group: notice.groupId }))}>
                给这个小组建联络站
              </Btn>
              <Btn small testid='group-new-member' onClick={() => go(withQuery(PAGES.adminMembers, { new: 1, group: notice.groupId }))}>
                添加委员
              </Btn>
            </View>
          )}
        </Notice>
      )}
      {!form && (
        <View className='adm-actions'>
          <Btn kind='primary' testid='new-group' onClick={() => edit({ name: '', area: '', wecomWebhook: '', claimLimit: '' })}>
            ＋ 新建委员小组
          </Btn>
        </View>
      )}

      {form && (
        <View className='adm-card adm-form' data-testid='group-form'>
          <View className='adm-card__title'>{form.id ? `修改「${form.name}」` : '新建委员小组'}</View>
          <View className='adm-form-grid'>
            <Field label='小组名称' name='name' error={formError} hint='如：下陆区第三委员小组'>
              <TextInput testid='group-name' value={form.name} maxlength={40} onChange={(name) => set({ name })} />
            </Field>
            <Field label='片区' name='area' error={formError} hint='如：下陆区'>
              <TextInput testid='group-area' value={form.area} maxlength={40} onChange={(area) => set({ area })} />
            </Field>
            <Field label='企业微信群机器人地址' name='wecomWebhook' error={formError} wide hint='在企业微信群里添加机器人后复制它的地址；新反映会以卡片发到群里。不用机器人就空着。'>
              <TextInput testid='group-webhook' value={form.wecomWebhook} maxlength={200} placeholder='https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' onChange={(wecomWebhook) => set({ wecomWebhook })} />
            </Field>
            <Field label='每单可接人数' name='claimLimit' error={formError} hint='1–100 人；空着用县级设置里的默认值'>
              <TextInput testid='group-claim-limit' type='number' value={form.claimLimit} maxlength={3} onChange={(claimLimit) => set({ claimLimit })} />
            </Field>
          </View>
          <ErrorNote error={formLevelError(formError, FORM_FIELDS)} />
          <SaveCancel saving={saving} testid='save-group' onSave={save} onCancel={() => edit(null)} />
        </View>
      )}

      {items === null && !error && <View className='loading'>正在加载…</View>}
      {items?.length === 0 && <View className='empty'>还没有委员小组。点"新建委员小组"建第一个。</View>}
      {items && items.length > 0 && (
        <View className='adm-table' data-testid='group-list'>
          <TableHead cells={[{ label: '小组', cls: 'adm-cell--2' }, { label: '委员与召集人', cls: 'adm-cell--3' }, { label: '群机器人' }, { label: '每单可接' }, { label: '操作', cls: 'adm-cell--2' }]} />
          {items.map((g) => {
            const people = g.members.filter((m) => m.active).sort((x, y) => Number(y.role === 'convener') - Number(x.role === 'convener'));
            return (
              <View key={g.id} className='adm-row' data-testid='group-row'>
                <Cell label='小组' cls='adm-cell--2'>
                  <View className='adm-cell__main'>{g.name}</View>
                  <View className='adm-cell__sub'>
                    {g.area ? `${g.area} · ` : ''}
                    {g.stationCount} 个联络站
                  </View>
                </Cell>
                <Cell label='委员' cls='adm-cell--3'>
                  {people.length === 0 && <Text className='muted'>还没有委员</Text>}
                  {people.map((m) => (
                    <Pill key={m.id} kind={m.bound ? 'ok' : 'warn'}>
                      {m.name}
                      {m.role === 'convener' ? ` · ${GROUP_ROLE_LABELS.convener}` : ''}
                      {m.bound ? ' · 已绑定' : ' · 未绑定'}
                    </Pill>
                  ))}
                </Cell>
                <Cell label='群机器人'>{g.hasWebhook ? <Pill kind='ok'>已配置</Pill> : <Pill kind='warn'>未配置</Pill>}</Cell>
                <Cell label='每单可接'>{g.claimLimit} 人</Cell>
                <Cell label='操作' cls='adm-cell--2'>
                  <View className='adm-actions'>
                    <Btn small testid='edit-group' onClick={() => edit(formOf(g))}>
                      修改
                    </Btn>
                    <Btn small testid='group-members' onClick={() => go(withQuery(PAGES.adminMembers, { group: g.id }))}>
                      委员
                    </Btn>
                    <Btn small testid='group-posters' onClick={() => go(withQuery(PAGES.adminPoster, { group: g.id }))}>
                      全组海报
                    </Btn>
                  </View>
                </Cell>
              </View>
            );
          })}
        </View>
      )}
    </AdminShell>
  );
}
