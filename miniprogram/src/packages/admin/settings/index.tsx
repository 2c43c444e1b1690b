/**
 * 县级设置：CountySettings 的每一项，旁边写着允许的范围（来自服务端的 bounds）；给居民看的分类是一排开关。
 * 超出范围时（SETTINGS.INVALID）提示出现在那一项下面。只有全县（市）的管理员能保存。
 */
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { SettingsView } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import { SETTINGS_BOUNDS, type CountySettings } from '@shared/domain/settings';
import { CATEGORIES, type Category } from '@shared/domain/vocabulary';
import ErrorNote from '../../../components/error-note';
import AdminShell from '../components/admin-shell';
import { Btn, Choices, Field, formLevelError, Notice, TextInput, Toggles, type Option } from '../components/ui';
import { OVERRIDE_NOTE_MAX, type CalendarOverride, type OverrideKind } from '@shared/domain/calendar-overrides';
import { admin } from '../services/admin-api';

/** 有范围的数值项（SETTINGS_BOUNDS 里的每一项）：新加一项而这里没写怎么说，类型检查就不通过 */
type NumberKey = keyof typeof SETTINGS_BOUNDS;

const MB = 1024 * 1024;

interface NumberField {
  label: string;
  unit: string;
  hint: string;
  /** 页面上填的数乘以它才是存的值（照片大小按 MB 填，存的是字节） */
  scale?: number;
}

const NUMBER_FIELD_TEXT: Record<NumberKey, NumberField> = {
  maxTextLength: { label: '一条反映最多多少字', unit: '字', hint: '居民写得太长时提示删减。' },
  maxPhotos: { label: '一条反映最多几张照片', unit: '张', hint: '0 表示不收照片。' },
  maxPhotoBytes: { label: '一张照片最大', unit: 'MB', hint: '手机拍的照片一般 2–5 MB。', scale: MB },
  reportsPerHourPerResident: { label: '同一位居民一小时内最多提交几条', unit: '条', hint: '防止有人刷屏。' },
  meTooPerHourPerResident: { label: '同一位居民一小时内最多点几次"我也遇到了"', unit: '次', hint: '防止有人把一件事刷上热点。' },
  reportsPerHourPerStation: { label: '一个联络站一小时内最多收几条新反映', unit: '条', hint: '超过时告诉居民稍后再试或打站里的电话。' },
  defaultClaimLimit: { label: '一件反映默认几位委员可以接', unit: '人', hint: '小组可以单独设；召集人可以对某一件改。' },
  duplicateWindowDays: { label: '查重看最近多少天的反映', unit: '天', hint: '居民会看到这段时间里同站的相似反映。' },
  inviteValidDays: { label: '委员邀请码多少天内有效', unit: '天', hint: '过期了可以重发。' },
  claimWorkdays: { label: '派单后几个工作日内要有委员接单', unit: '个工作日', hint: '派单当天不算，到第 N 个工作日结束。' },
  feedbackWorkdays: { label: '派单后几个工作日内给居民首次反馈', unit: '个工作日', hint: '进展、协商结果、办结都算反馈。' },
  resolveWorkdays: { label: '一般事项几个工作日内办结', unit: '个工作日', hint: '从派单（提交、重新办理、改派）算起，不从接单算起。' },
  resolveWithDepartmentsWorkdays: { label: '需要与部门协商的事项几个工作日内办结', unit: '个工作日', hint: '召集人可以为一件事延期一次。' },
  urgentClaimHours: { label: '紧急反映几小时内要有人接单', unit: '小时', hint: '按自然小时算；提交时召集人和政协办同时收到提醒。' },
  escalateToOfficeWorkdays: { label: '过期后再过几个工作日升级到政协办', unit: '个工作日', hint: '过期当时先提醒召集人。' },
  followUpDays: { label: '办结后几天回头看', unit: '天', hint: '问反映人和"我也遇到了"的居民：满意吗 / 问题有没有反弹。' },
  actionCheckDays: { label: '协商后几天回头督', unit: '天', hint: '问接单委员：商定的事办了没有。' },
  targetResponsePercent: { label: '红线：响应率不低于', unit: '%', hint: '看板上低于它的标红。' },
  targetOnTimeClosePercent: { label: '红线：按期办结率不低于', unit: '%', hint: '看板上低于它的标红。' },
  targetSatisfactionPercent: { label: '红线：满意率不低于', unit: '%', hint: '看板上低于它的标红，如 85%。' },
  pointsPerClaim: { label: '履职积分：每接一单', unit: '分', hint: '含召集人分派的。' },
  pointsPerConsultation: { label: '履职积分：每记一次协商', unit: '分', hint: '记协商的委员得分。' },
  pointsPerClosedInTime: { label: '履职积分：每按期办结一单', unit: '分', hint: '这一单的每位接单委员都得。' },
  pointsPerSatisfied: { label: '履职积分：每得一条"满意"', unit: '分', hint: '这一单的每位接单委员都得。' },
  pointsPerLookBack: { label: '履职积分：每做成一次回头看', unit: '分', hint: '回头督答"办了"的委员得；居民回头看答"没有反弹"，这一单的每位接单委员都得。' },
  pointsCapPerItemPerMonth: { label: '履职积分：每一项每月最多计几次', unit: '次', hint: '超过的照样列出，不再加分。' },
};
const NUMBER_FIELDS = (Object.keys(NUMBER_FIELD_TEXT) as NumberKey[]).map((key) => ({ key, ...NUMBER_FIELD_TEXT[key] }));
const ALL_FIELDS = [...NUMBER_FIELDS.map((f) => f.key), 'residentCategories', 'calendarOverrides'];
const KIND_OPTIONS: ReadonlyArray<Option<OverrideKind>> = [
  { value: 'off', label: '放假' },
  { value: 'work', label: '上班' },
];
const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c, label: c }));

type Draft = Record<NumberKey, string> & { residentCategories: Category[]; calendarOverrides: CalendarOverride[] };

function draftOf(s: CountySettings): Draft {
  const d = { residentCategories: [...s.residentCategories], calendarOverrides: s.calendarOverrides.map((o) => ({ ...o })) } as Draft;
  for (const f of NUMBER_FIELDS) d[f.key] = String(Math.round(s[f.key] / (f.scale ?? 1)));
  return d;
}

export default function SettingsPage() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    admin.getSettings().then((r) => {
      if (!r.ok) return setError(r.error);
      setView(r.data);
      setDraft(draftOf(r.data.settings));
    });
  }, []);

  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => (d ? { ...d, ...patch } : d));
  };

  async function save() {
    if (!draft || saving) return;
    const patch: Partial<CountySettings> = { residentCategories: draft.residentCategories, calendarOverrides: draft.calendarOverrides.map((o) => ({ ...o, date: o.date.trim(), note: o.note.trim() })) };
    // 没填或不是数的，交给请求校验：它在那一项下面给出 SETTINGS.INVALID
    for (const f of NUMBER_FIELDS) patch[f.key] = draft[f.key].trim() === '' ? Number.NaN : Number(draft[f.key]) * (f.scale ?? 1);
    setSaving(true);
    setError(null);
    const r = await admin.saveSettings(patch);
    setSaving(false);
    if (!r.ok) return setError(r.error);
    setView(r.data);
    setDraft(draftOf(r.data.settings));
    setSaved(true);
  }

  const setOverride = (i: number, patch: Partial<CalendarOverride>) => {
    if (!draft) return;
    set({ calendarOverrides: draft.calendarOverrides.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  };

  const range = (key: NumberKey, scale = 1) => {
    const b = view!.bounds[key];
    return `${Math.round(b.min / scale)}–${Math.round(b.max / scale)}`;
  };

  return (
    <AdminShell section='settings' title='县级设置' lead='这些限制对全县（市）所有联络站有效。每一项后面写着允许的范围。'>
      {!view && !error && <View className='loading'>正在加载…</View>}
      {view && draft && (
        <View className='adm-card' data-testid='settings-form'>
          <View className='adm-form-grid'>
            {NUMBER_FIELDS.map((f) => (
              <Field
                key={f.key}
                name={f.key}
                error={error}
                label={
                  <Text>
                    {f.label} <Text className='muted'>（{range(f.key, f.scale)} {f.unit}）</Text>
                  </Text>
                }
                hint={f.hint}
              >
                <TextInput testid={`setting-${f.key}`} type='number' value={draft[f.key]} maxlength={9} onChange={(v) => set({ [f.key]: v } as Partial<Draft>)} />
              </Field>
            ))}
            <Field label='联络站页面上告诉居民可以反映哪些事' name='residentCategories' error={error} wide hint='至少选一类。分诊仍按全部 7 类进行，这里只影响居民看到的说明。'>
              <Toggles testid='setting-categories' options={CATEGORY_OPTIONS} value={draft.residentCategories} onChange={(residentCategories) => set({ residentCategories })} />
            </Field>
            <Field label='县里对工作日历的调整' name='calendarOverrides' error={error} wide hint='地方节日放假、调班上班：优先于全国的节假日安排。日期写成 2026-10-12 这样。'>
              <View data-testid='calendar-overrides'>
                {view.calendar.notice && <Notice testid='calendar-notice'>{view.calendar.notice}</Notice>}
                {draft.calendarOverrides.map((o, i) => (
                  <View key={i} className='adm-override' data-testid={`override-${i}`}>
                    <TextInput testid={`override-date-${i}`} value={o.date} maxlength={10} placeholder='2026-10-12' onChange={(date) => setOverride(i, { date })} />
                    <Choices testid={`override-kind-${i}`} options={KIND_OPTIONS} value={o.kind} onChange={(kind) => setOverride(i, { kind })} />
                    <TextInput testid={`override-note-${i}`} value={o.note} maxlength={OVERRIDE_NOTE_MAX} placeholder='说明，如：县庆放假' onChange={(note) => setOverride(i, { note })} />
                    <Btn testid={`override-remove-${i}`} onClick={() => set({ calendarOverrides: draft.calendarOverrides.filter((_, j) => j !== i) })}>
                      删除
                    </Btn>
                  </View>
                ))}
                <Btn testid='override-add' onClick={() => set({ calendarOverrides: [...draft.calendarOverrides, { date: '', kind: 'off', note: '' }] })}>
                  加一天
                </Btn>
              </View>
            </Field>
          </View>
          <ErrorNote error={formLevelError(error, ALL_FIELDS)} />
          {saved && <Notice>已保存。居民和委员下次打开时按新的设置。</Notice>}
          <View className='adm-actions'>
            <Btn kind='primary' busy={saving} testid='save-settings' onClick={save}>
              {saving ? '正在保存…' : '保存设置'}
            </Btn>
          </View>
        </View>
      )}
      {!view && <ErrorNote error={error} />}
    </AdminShell>
  );
}
