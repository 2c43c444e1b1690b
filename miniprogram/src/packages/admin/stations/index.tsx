/**
 * 联络站：列表（所属小组、未办结/已办结件数、受理中还是暂停）、新建和修改、暂停与恢复、去打印海报。
 * 暂停时写一句"请到哪里去"，扫码的居民会看到；改属另一个小组时先说清楚：未办结的反映跟着站走。
 */
import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { GroupRow, StationRow } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import ErrorNote from '../../../components/error-note';
import { PAGES, go, withQuery } from '../../../services/nav';
import { useReloadOnShow } from '../../../services/use-reload';
import AdminShell from '../components/admin-shell';
import { Btn, Cell, Choices, Confirm, explainMissing, Field, formLevelError, Notice, Pill, TableHead, TextArea, TextInput, SaveCancel } from '../components/ui';
import { admin } from '../services/admin-api';

interface StationForm {
  id?: string;
  name: string;
  address: string;
  groupId: string;
  receptionHours: string;
  intro: string;
  phone: string;
  pausedNotice: string;
}

const FORM_FIELDS = ['name', 'address', 'groupId', 'receptionHours', 'intro', 'phone', 'pausedNotice'] as const;
const MISSING = { name: '请填写站名。', address: '请填写地址。', groupId: '请点选这个站归哪个委员小组。' };

const emptyForm = (groupId = ''): StationForm => ({ name: '', address: '', groupId, receptionHours: '', intro: '', phone: '', pausedNotice: '' });

const formOf = (s: StationRow): StationForm => ({
  id: s.id,
  name: s.name,
  address: s.address,
  groupId: s.groupId,
  receptionHours: s.receptionHours,
  intro: s.intro,
  phone: s.phone,
  pausedNotice: s.pausedNotice,
});

function defaultPausedNotice(s: StationRow, all: StationRow[]): string {
  const other = all.find((x) => x.enabled && x.id !== s.id && x.groupId === s.groupId);
  return other ? `本站暂停受理。请到${other.name}（${other.address}）反映${s.phone ? `，或拨打 ${s.phone}` : ''}。` : `本站暂停受理。${s.phone ? `有事请拨打 ${s.phone}。` : '有事请联系县（区）政协办公室。'}`;
}

export default function StationsPage() {
  const { params } = useRouter();
  const [items, setItems] = useState<StationRow[] | null>(null);
  const [groups, setGroups] = useState<GroupRow[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [form, setForm] = useState<StationForm | null>(() => (params.new ? emptyForm(params.group ?? '') : null));
  const [formError, setFormError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ text: string; stationId?: string } | null>(null);
  const [pausing, setPausing] = useState<{ id: string; text: string } | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; error: AppError } | null>(null);

  const load = useCallback(async () => {
    const [s, g] = await Promise.all([admin.listStations(), admin.listGroups()]);
    if (!s.ok) return setError(s.error);
    if (!g.ok) return setError(g.error);
    setError(null);
    setItems(s.data.items);
    setGroups(g.data.items);
  }, []);
  useReloadOnShow(load);

  const original = form?.id ? items?.find((s) => s.id === form.id) : undefined;
  const moving = !!original && !!form && form.groupId !== original.groupId;
  const groupOptions = groups.map((g) => ({ value: g.id, label: g.name }));
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? '';

  function edit(next: StationForm | null) {
    setForm(next);
    setFormError(null);
    setNotice(null);
  }

  const set = (patch: Partial<StationForm>) => setForm((f) => (f ? { ...f, ...patch } : f));

  async function save() {
    if (!form || saving) return;
    setSaving(true);
    setFormError(null);
    const r = await admin.saveStation({
      ...(form.id ? { id: form.id } : {}),
      name: form.name,
      address: form.address,
      groupId: form.groupId,
      receptionHours: form.receptionHours,
      intro: form.intro,
      phone: form.phone,
      pausedNotice: form.pausedNotice,
    });
    setSaving(false);
    if (!r.ok) return setFormError(explainMissing(r.error, { ...form }, MISSING));
    setForm(null);
    setNotice({
      text: form.id ? `已保存「${form.name}」${moving ? `，已改属${groupName(form.groupId)}` : ''}。` : `已建好「${form.name}」，扫码就能反映了。下一步：打印海报贴在站里。`,
      stationId: r.data.stationId,
    });
    await load();
  }

  async function setEnabled(s: StationRow, enabled: boolean, pausedNotice?: string) {
    setBusyId(s.id);
    setRowError(null);
    const r = await admin.setStationEnabled(s.id, enabled, pausedNotice);
    setBusyId(null);
    if (!r.ok) return setRowError({ id: s.id, error: r.error });
    setPausing(null);
    setNotice({ text: enabled ? `「${s.name}」已恢复受理。` : `「${s.name}」已暂停受理，扫码的居民会看到您写的去处。` });
    await load();
  }

  return (
    <AdminShell section='stations' title='联络站' lead='居民扫站里海报上的码反映问题，反映送到站所属的委员小组。'>
      <ErrorNote error={error} />
      {notice && (
        <Notice>
          {notice.text}
          {notice.stationId && (
            <View className='adm-actions'>
              <Btn kind='primary' small testid='open-poster' onClick={() => go(withQuery(PAGES.adminPoster, { station: notice.stationId }))}>
                打印海报
              </Btn>
            </View>
          )}
        </Notice>
      )}

      {!form && (
        <View className='adm-actions adm-noprint'>
          <Btn kind='primary' testid='new-station' onClick={() => edit(emptyForm(groups.length === 1 ? groups[0]!.id : ''))}>
            ＋ 新建联络站
          </Btn>
        </View>
      )}

      {form && (
        <View className='adm-card adm-form' data-testid='station-form'>
          <View className='adm-card__title'>{form.id ? `修改「${original?.name ?? form.name}」` : '新建联络站'}</View>
          <View className='adm-form-grid'>
            <Field label='站名' name='name' error={formError} hint='如：箭楼社区委员联络室'>
              <TextInput testid='station-name' value={form.name} maxlength={40} onChange={(name) => set({ name })} />
            </Field>
            <Field label='地址' name='address' error={formError}>
              <TextInput testid='station-address' value={form.address} maxlength={100} onChange={(address) => set({ address })} />
            </Field>
            <Field label='所属委员小组' name='groupId' error={formError} wide hint={groups.length === 0 ? '还没有委员小组：请先到"委员小组"建一个。' : undefined}>
              <Choices testid='station-group' options={groupOptions} value={form.groupId || null} onChange={(groupId) => set({ groupId })} />
            </Field>
            {moving && (
              <View className='adm-warn field--wide' data-testid='move-warning'>
                改属{groupName(form.groupId)}后，这个站
                {original!.open > 0 ? `未办结的 ${original!.open} 件反映会跟着转过去：原来的接单撤下，由新小组重新接单，每件的办理记录里都会写明。` : '以后的反映都送到新小组。'}
              </View>
            )}
            <Field label='接待时间' name='receptionHours' error={formError} hint='印在海报上，如：每周二下午 2:30–5:00'>
              <TextInput testid='station-hours' value={form.receptionHours} maxlength={60} onChange={(receptionHours) => set({ receptionHours })} />
            </Field>
            <Field label='电话（不会扫码的居民打）' name='phone' error={formError} hint='印在海报上'>
              <TextInput testid='station-phone' value={form.phone} maxlength={30} onChange={(phone) => set({ phone })} />
            </Field>
            <Field label='介绍' name='intro' error={formError} wide hint='扫码后在站点页上显示，300 字以内'>
              <TextArea testid='station-intro' value={form.intro} maxlength={300} onChange={(intro) => set({ intro })} />
            </Field>
            <Field label='暂停时告诉居民去哪里' name='pausedNotice' error={formError} wide hint='站暂停受理时，扫码的居民看到这句话'>
              <TextArea testid='station-paused-notice' value={form.pausedNotice} maxlength={200} onChange={(pausedNotice) => set({ pausedNotice })} />
            </Field>
          </View>
          <ErrorNote error={formLevelError(formError, FORM_FIELDS)} />
          <SaveCancel saving={saving} testid='save-station' onSave={save} onCancel={() => edit(null)} />
        </View>
      )}

      {items === null && !error && <View className='loading'>正在加载…</View>}
      {items?.length === 0 && <View className='empty'>还没有联络站。点"新建联络站"建第一个。</View>}
      {items && items.length > 0 && (
        <View className='adm-table' data-testid='station-list'>
          <TableHead cells={[{ label: '联络站', cls: 'adm-cell--3' }, { label: '委员小组', cls: 'adm-cell--2' }, { label: '反映' }, { label: '状态' }, { label: '操作', cls: 'adm-cell--3' }]} />
          {items.map((s) => (
            <View key={s.id} className={`adm-row ${s.enabled ? '' : 'adm-row--off'}`} data-testid='station-row'>
              <Cell label='联络站' cls='adm-cell--3'>
                <View className='adm-cell__main'>{s.name}</View>
                <View className='adm-cell__sub'>{s.address}</View>
                {s.receptionHours && <View className='adm-cell__sub'>接待：{s.receptionHours}</View>}
              </Cell>
              <Cell label='委员小组' cls='adm-cell--2'>
                {s.groupName || '（范围外的小组）'}
              </Cell>
              <Cell label='反映'>
                <View data-testid='station-counts'>
                  <View className={s.open > 0 ? 'strong' : ''}>未办结 {s.open}</View>
                  <View className='adm-cell__sub'>已办结 {s.closed}</View>
                </View>
              </Cell>
              <Cell label='状态'>
                {s.enabled ? (
                  <Pill kind='ok' testid='station-state'>
                    受理中
                  </Pill>
                ) : (
                  <Pill kind='off' testid='station-state'>
                    已暂停
                  </Pill>
                )}
              </Cell>
              <Cell label='操作' cls='adm-cell--3'>
                <View className='adm-actions'>
                  <Btn small testid='edit-station' onClick={() => edit(formOf(s))}>
                    修改
                  </Btn>
                  {s.enabled ? (
                    <Btn small kind='danger' testid='pause-station' onClick={() => setPausing({ id: s.id, text: s.pausedNotice || defaultPausedNotice(s, items) })}>
                      暂停
                    </Btn>
                  ) : (
                    <Btn small kind='primary' busy={busyId === s.id} testid='resume-station' onClick={() => setEnabled(s, true)}>
                      恢复受理
                    </Btn>
                  )}
                  <Btn small testid='station-poster' onClick={() => go(withQuery(PAGES.adminPoster, { station: s.id }))}>
                    海报
                  </Btn>
                </View>
                {pausing?.id === s.id && (
                  <Confirm danger confirmLabel='确认暂停' busy={busyId === s.id} onConfirm={() => setEnabled(s, false, pausing.text)} onCancel={() => setPausing(null)}>
                    <View>暂停后居民扫码不能再提交，会看到下面这句话（可以改）：</View>
                    <TextArea testid='pause-notice' value={pausing.text} maxlength={200} onChange={(text) => setPausing({ id: s.id, text })} />
                  </Confirm>
                )}
                {rowError?.id === s.id && <ErrorNote error={rowError.error} />}
              </Cell>
            </View>
          ))}
        </View>
      )}
    </AdminShell>
  );
}
