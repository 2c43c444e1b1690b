/**
 * 各个动作的表单。字段少、字大、能预填的都预填（办结说明来自委员的提请，协商地点默认联络站），
 * 必填项空着时就地用中文提示，不发请求。
 */
import { useEffect, useState, type ComponentType } from 'react';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { Button, Switch } from '@nutui/nutui-react-taro';
import type { AppError, Result } from '@shared/domain/errors';
import type { WorkTicketSummary, WorkTicketView } from '@shared/api/work.api';
import { isOpen } from '@shared/domain/lifecycle';
import { CATEGORIES, REPORT_KIND_LABELS, REPORT_KINDS, SCOPE_LABELS, SCOPES, URGENCIES, URGENCY_LABELS } from '@shared/domain/vocabulary';
import ErrorNote from '../../../components/error-note';
import PhotoPicker from '../../../components/photo-picker';
import { work } from '../../../services/api';
import { beijingDateTime, formatDate, todayInBeijing } from '../../../services/format';
import type { FormAction } from '../services/actions';
import { latestAgreement } from '../services/history';
import ResidentRatings from '../components/resident-ratings';

export interface FormProps {
  view: WorkTicketView;
  onDone: (view: WorkTicketView, message: string) => void;
}

function missing(message: string): AppError {
  return { code: 'REQUEST.INVALID', message };
}

/** 提交：忙时不重复发；失败就地显示中文提示，填的内容不动。 */
function useRun(onDone: FormProps['onDone']) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  async function run(call: () => Promise<Result<WorkTicketView>>, message: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await call();
    setBusy(false);
    if (r.ok) onDone(r.data, message);
    else setError(r.error);
  }
  return { busy, error, setError, run };
}

/** 以顿号、逗号、分号或换行分开的名单 */
function splitList(text: string): string[] {
  return text
    .split(/[、，,；;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function TextField(props: { label: string; hint?: string; value: string; onChange: (v: string) => void; max: number; testId: string; placeholder?: string }) {
  return (
    <View className='field'>
      <View className='field__label'>{props.label}</View>
      {props.hint && <View className='hint act__note'>{props.hint}</View>}
      <Textarea
        className='field-textarea'
        data-testid={props.testId}
        value={props.value}
        maxlength={props.max}
        autoHeight
        placeholder={props.placeholder}
        onInput={(e) => props.onChange(e.detail.value)}
      />
      <View className='counter'>
        {props.value.length}/{props.max}
      </View>
    </View>
  );
}

function LineField(props: { label: string; value: string; onChange: (v: string) => void; max: number; testId: string; placeholder?: string }) {
  return (
    <View className='field'>
      <View className='field__label'>{props.label}</View>
      <Input className='field-input' data-testid={props.testId} value={props.value} maxlength={props.max} placeholder={props.placeholder} onInput={(e) => props.onChange(e.detail.value)} />
    </View>
  );
}

function Submit({ label, busy, error, onClick }: { label: string; busy: boolean; error: AppError | null; onClick: () => void }) {
  return (
    <>
      <ErrorNote error={error} />
      <Button type='primary' size='large' block loading={busy} disabled={busy} data-testid='confirm' onClick={onClick}>
        {label}
      </Button>
    </>
  );
}

function ProgressForm({ view, onDone }: FormProps) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const { busy, error, setError, run } = useRun(onDone);
  const submit = () => (note.trim() ? run(() => work.addProgress(view.id, note.trim(), photos), '进展已记录') : setError(missing('请写下这次的进展。')));
  return (
    <>
      <TextField label='进展情况' hint='居民会在进展里看到这段话，请不要写别人的姓名和电话。' value={note} onChange={setNote} max={1000} testId='progress-note' placeholder='如：今天和物业、供电公司一起到现场看了，下周二开协商会。' />
      <View className='field'>
        <View className='field__label'>现场照片（可选）</View>
        <PhotoPicker fileIds={photos} onChange={setPhotos} />
      </View>
      <Submit label='提交进展' busy={busy} error={error} onClick={submit} />
    </>
  );
}

function ConsultationForm({ view, onDone }: FormProps) {
  const [date, setDate] = useState(todayInBeijing());
  const [time, setTime] = useState('15:00');
  const [place, setPlace] = useState(view.stationName);
  const [participants, setParticipants] = useState(() => [...view.claimantDetails.map((c) => `${c.name}委员`), '居民代表'].join('、'));
  const [departments, setDepartments] = useState('');
  const [agreement, setAgreement] = useState('');
  const { busy, error, setError, run } = useRun(onDone);

  function submit() {
    if (!place.trim()) return setError(missing('请填写协商地点。'));
    const people = splitList(participants);
    if (!people.length) return setError(missing('请填写参加协商的人员。'));
    if (!agreement.trim()) return setError(missing('请写下协商结果。'));
    run(
      () =>
        work.recordConsultation({
          ticketId: view.id,
          heldAt: beijingDateTime(date, time),
          place: place.trim(),
          participants: people,
          departments: splitList(departments),
          agreement: agreement.trim(),
        }),
      '协商已记录',
    );
  }

  return (
    <>
      <View className='field'>
        <View className='field__label'>协商时间</View>
        <View className='act__picker'>
          <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
            <View className='field-input act__picker' data-testid='consult-date'>
              {date}
            </View>
          </Picker>
          <View className='spacer' />
          <Picker mode='time' value={time} onChange={(e) => setTime(String(e.detail.value))}>
            <View className='field-input act__picker' data-testid='consult-time'>
              {time}
            </View>
          </Picker>
        </View>
      </View>
      <LineField label='地点' value={place} onChange={setPlace} max={100} testId='consult-place' />
      <TextField label='参加人员' hint='用顿号或换行分开：委员、居民、物业、居委会……' value={participants} onChange={setParticipants} max={600} testId='consult-participants' />
      <TextField label='参加部门（可选）' hint='如：街道办、居委会、国网供电公司' value={departments} onChange={setDepartments} max={600} testId='consult-departments' />
      <TextField label='协商结果' value={agreement} onChange={setAgreement} max={2000} testId='consult-agreement' placeholder='大家商量定了什么、谁来做、什么时候做完。' />
      <Submit label='保存协商记录' busy={busy} error={error} onClick={submit} />
    </>
  );
}

function ProposeCloseForm({ view, onDone }: FormProps) {
  const [summary, setSummary] = useState(() => latestAgreement(view));
  const { busy, error, setError, run } = useRun(onDone);
  const submit = () => (summary.trim() ? run(() => work.proposeClose(view.id, summary.trim()), '已提请办结') : setError(missing('请用一两句话写明办理结果。')));
  return (
    <>
      <TextField label='办理结果' hint='召集人会据此办结，并作为案例公开：不要写居民的姓名和电话。' value={summary} onChange={setSummary} max={1000} testId='propose-summary' />
      <Submit label='提请办结' busy={busy} error={error} onClick={submit} />
    </>
  );
}

function CloseForm({ view, onDone }: FormProps) {
  // 预填已由服务端去掉个人信息；召集人看过、改过才公开
  const [title, setTitle] = useState(() => view.casePrefill.title);
  const [summary, setSummary] = useState(() => view.casePrefill.summary || latestAgreement(view));
  const [publish, setPublish] = useState(true);
  const { busy, error, setError, run } = useRun(onDone);
  const submit = () => {
    if (publish && !title.trim()) return setError(missing('请写下公开案例的标题。'));
    if (!summary.trim()) return setError(missing('请写下案例说明。'));
    run(() => work.closeTicket(view.id, summary.trim(), publish, title.trim() || undefined), '已办结');
  };
  return (
    <>
      <LineField label='公开案例的标题' value={title} onChange={setTitle} max={40} testId='case-title' placeholder='如：箭楼社区电线杆挡路，国网迁移' />
      <TextField
        label='案例说明'
        hint={view.proposal ? '已填入委员的办结说明，可直接确认或修改。公开前请确认没有姓名、电话。' : '写明问题怎么解决的。公开的案例不要写姓名、电话。'}
        value={summary}
        onChange={setSummary}
        max={2000}
        testId='case-summary'
      />
      <View className='field switch-row'>
        <View>
          <View className='field__label'>在联络站公开这个案例</View>
          <View className='hint'>居民扫码时能看到"这里办成的事"。</View>
        </View>
        <Switch checked={publish} onChange={setPublish} data-testid='publish' />
      </View>
      <Submit label='确认办结' busy={busy} error={error} onClick={submit} />
    </>
  );
}

function ReasonForm({ view, onDone, label, hint, submitLabel, done, call, optional = false }: FormProps & {
  label: string;
  hint: string;
  submitLabel: string;
  done: string;
  optional?: boolean;
  call: (ticketId: string, reason: string) => Promise<Result<WorkTicketView>>;
}) {
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useRun(onDone);
  const submit = () => (reason.trim() || optional ? run(() => call(view.id, reason.trim()), done) : setError(missing('请写明理由，居民和委员都会看到。')));
  return (
    <>
      <TextField label={label} hint={hint} value={reason} onChange={setReason} max={500} testId='reason' />
      <Submit label={submitLabel} busy={busy} error={error} onClick={submit} />
    </>
  );
}

function AssignForm({ view, onDone }: FormProps) {
  const [chosen, setChosen] = useState<string[]>([]);
  const { busy, error, setError, run } = useRun(onDone);
  const claimed = new Set(view.claimantDetails.map((c) => c.memberId));
  const toggle = (id: string) => setChosen((old) => (old.includes(id) ? old.filter((x) => x !== id) : [...old, id]));
  const submit = () => (chosen.length ? run(() => work.assignTicket(view.id, chosen), '已分单') : setError(missing('请至少选一位委员。')));
  return (
    <>
      <View className='field__label'>请选择承办委员（可多选）</View>
      <View className='act__pick-list'>
        {view.groupMembers.map((m) => (
          <View
            key={m.id}
            className={`act__pick ${chosen.includes(m.id) ? 'act__pick--on' : ''}`}
            data-testid={`assign-${m.id}`}
            onClick={() => m.assignable && !claimed.has(m.id) && toggle(m.id)}
          >
            {chosen.includes(m.id) ? '☑ ' : '☐ '}
            {m.name}
            {claimed.has(m.id) && <Text className='muted'>（已接单）</Text>}
            {!m.assignable && <Text className='muted'>（还没绑定微信，不能分单）</Text>}
          </View>
        ))}
      </View>
      <Submit label='确认分单' busy={busy} error={error} onClick={submit} />
    </>
  );
}

function MergeForm({ view, onDone }: FormProps) {
  const [candidates, setCandidates] = useState<WorkTicketSummary[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const { busy, error, setError, run } = useRun(onDone);

  useEffect(() => {
    work.listQueue('group').then((r) => {
      if (r.ok) setCandidates(r.data.items.filter((t) => t.id !== view.id && isOpen(t.status) && t.groupId === view.groupId));
      else setError(r.error);
    });
  }, [view.id, view.groupId, setError]);

  function submit() {
    const no = typed.trim().toUpperCase();
    if (!no && !chosen) return setError(missing('请选择或输入要合并到的反映编号。'));
    // 输入的编号交给服务端在本组里查：不在这一页列表里的也能合并
    run(() => work.mergeTicket(view.id, no ? { intoTicketNo: no } : { intoTicketId: chosen! }), '已合并');
  }

  return (
    <>
      <View className='hint act__note'>合并后，这条反映的居民会一起跟进目标反映，"也反映了"的人数相加。</View>
      <View className='field__label'>合并到本组哪一条正在办理的反映？</View>
      {candidates === null && <View className='loading'>正在加载…</View>}
      {candidates?.length === 0 && <View className='muted'>本组没有其他正在办理的反映。</View>}
      <View className='act__pick-list'>
        {candidates?.map((t) => (
          <View
            key={t.id}
            className={`act__pick ${chosen === t.id && !typed ? 'act__pick--on' : ''}`}
            data-testid='merge-candidate'
            onClick={() => {
              setChosen(t.id);
              setTyped('');
            }}
          >
            <View className='muted'>
              编号 {t.no} · {t.statusLabel}
            </View>
            <View>{t.excerpt}</View>
          </View>
        ))}
      </View>
      <LineField label='或输入反映编号' value={typed} onChange={setTyped} max={32} testId='merge-no' placeholder='如 261122-ABCDE' />
      <Submit label='确认合并' busy={busy} error={error} onClick={submit} />
    </>
  );
}

const COMMON_DEPARTMENTS = ['人社局', '住建局', '城管局', '民政局', '公安派出所', '街道办', '供电公司'];

function ReferForm({ view, onDone }: FormProps) {
  const [department, setDepartment] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useRun(onDone);
  function submit() {
    if (!department.trim()) return setError(missing('请填写转给哪个部门。'));
    if (!reason.trim()) return setError(missing('请写明转办理由，居民会看到。'));
    run(() => work.referTicket(view.id, department.trim(), reason.trim()), '已转办');
  }
  return (
    <>
      <View className='hint act__note'>一人一事的个人诉求不属于协商范围，转给主管部门办理，并告诉居民原因。</View>
      <View className='field'>
        <LineField label='转办部门' value={department} onChange={setDepartment} max={60} testId='refer-department' placeholder='如：区人社局' />
        <View className='act__quick'>
          {COMMON_DEPARTMENTS.map((d) => (
            <Text key={d} className='tag' onClick={() => setDepartment(d)}>
              {d}
            </Text>
          ))}
        </View>
      </View>
      <TextField label='转办理由' value={reason} onChange={setReason} max={500} testId='reason' placeholder='如：属于个人劳动报酬争议，由人社局劳动监察依法处理，委员会跟进结果。' />
      <Submit label='确认转办' busy={busy} error={error} onClick={submit} />
    </>
  );
}

function ClaimLimitForm({ view, onDone }: FormProps) {
  const min = Math.max(1, view.claimantDetails.length);
  const [limit, setLimit] = useState(Math.max(view.claimLimit, min));
  const [openToGroup, setOpenToGroup] = useState(false);
  const { busy, error, run } = useRun(onDone);
  return (
    <>
      <View className='field'>
        <View className='field__label'>最多几位委员一起接单</View>
        <View className='act__stepper'>
          <View className='act__step' onClick={() => setLimit((n) => Math.max(min, n - 1))}>
            －
          </View>
          <Text className='act__step-value' data-testid='claim-limit'>
            {limit}
          </Text>
          <View className='act__step' onClick={() => setLimit((n) => Math.min(100, n + 1))}>
            ＋
          </View>
        </View>
      </View>
      <View className='field switch-row'>
        <View>
          <View className='field__label'>全组共同办理</View>
          <View className='hint'>大家都关心的事，本组委员都可以接单。</View>
        </View>
        <Switch checked={openToGroup} onChange={setOpenToGroup} />
      </View>
      <Submit label='保存' busy={busy} error={error} onClick={() => run(() => work.setClaimLimit(view.id, limit, openToGroup), '已保存')} />
    </>
  );
}

/** 一排单选标签：字大、一点即选，适合手机上的老年用户 */
function Choice<T extends string>(props: { label: string; options: readonly T[]; labels?: Record<T, string>; value: T; onChange: (v: T) => void; testId: string }) {
  return (
    <View className='field'>
      <View className='field__label'>{props.label}</View>
      <View className='act__pick-list'>
        {props.options.map((o) => (
          <View key={o} className={`act__pick ${o === props.value ? 'act__pick--on' : ''}`} data-testid={`${props.testId}-${o}`} onClick={() => props.onChange(o)}>
            {o === props.value ? '◉ ' : '○ '}
            {props.labels ? props.labels[o] : o}
          </View>
        ))}
      </View>
    </View>
  );
}

/** 调整分类：召集人看了系统的理由后改判；改了什么、为什么记入历史。 */
function TriageOverrideForm({ view, onDone }: FormProps) {
  const [category, setCategory] = useState(view.category);
  const [kind, setKind] = useState(view.kind);
  const [urgency, setUrgency] = useState(view.urgency);
  const [scope, setScope] = useState(view.scope);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useRun(onDone);
  function submit() {
    if (!reason.trim()) return setError(missing('请写明调整的理由，会记入办理历史。'));
    run(() => work.overrideTriage({ ticketId: view.id, category, kind, urgency, scope, reason: reason.trim() }), '分类已调整');
  }
  return (
    <>
      <Choice label='类别' options={CATEGORIES} value={category} onChange={setCategory} testId='override-category' />
      <Choice label='问题还是建议' options={REPORT_KINDS} labels={REPORT_KIND_LABELS} value={kind} onChange={setKind} testId='override-kind' />
      <Choice label='紧急程度' options={URGENCIES} labels={URGENCY_LABELS} value={urgency} onChange={setUrgency} testId='override-urgency' />
      <Choice label='范围' options={SCOPES} labels={SCOPE_LABELS} value={scope} onChange={setScope} testId='override-scope' />
      <TextField label='调整理由' value={reason} onChange={setReason} max={300} testId='reason' placeholder='如：雨季将至，积水可能倒灌进地下室，按紧急处理。' />
      <Submit label='保存调整' busy={busy} error={error} onClick={submit} />
    </>
  );
}

/** 延期（一次）：办结期限顺延几个工作日，理由居民看得到 */
function ExtendDeadlineForm({ view, onDone }: FormProps) {
  const [days, setDays] = useState('5');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useRun(onDone);
  function submit() {
    const workdays = Number(days);
    if (!Number.isInteger(workdays) || workdays < 1) return setError(missing('请填写顺延几个工作日（整数）。'));
    if (!reason.trim()) return setError(missing('请写明延期的理由，居民会看到。'));
    run(() => work.extendDeadline(view.id, workdays, reason.trim()), '已延期');
  }
  return (
    <>
      <View className='hint act__note'>每件事只能延期一次。现在的办结期限：{view.due.resolve ? formatDate(view.due.resolve) : '无'}</View>
      <LineField label='顺延几个工作日' value={days} onChange={setDays} max={3} testId='extend-days' />
      <TextField label='延期理由' value={reason} onChange={setReason} max={300} testId='reason' placeholder='如：要等供电公司排期施工。' />
      <Submit label='确认延期' busy={busy} error={error} onClick={submit} />
    </>
  );
}

export const FORMS: Record<FormAction, ComponentType<FormProps>> = {
  extendDeadline: ExtendDeadlineForm,
  overrideTriage: TriageOverrideForm,
  addProgress: ProgressForm,
  recordConsultation: ConsultationForm,
  proposeClose: ProposeCloseForm,
  close: CloseForm,
  assign: AssignForm,
  merge: MergeForm,
  refer: ReferForm,
  setClaimLimit: ClaimLimitForm,
  returnProposal: (p) => (
    <ReasonForm {...p} label='退回理由' hint='告诉接单委员还差什么。' submitLabel='退回继续办理' done='已退回' call={(id, reason) => work.returnProposal(id, reason)} />
  ),
  reject: (p) => (
    <ReasonForm {...p} label='不予受理的理由' hint='居民会看到这段话，请说明原因和可以去哪里办。' submitLabel='确认不予受理' done='已处理' call={(id, reason) => work.rejectTicket(id, reason)} />
  ),
  reopen: (p) => (
    <>
      <ResidentRatings ratings={p.view.ratings} />
      <ReasonForm {...p} label='重新办理的原因（可选）' hint='如：居民不满意，路灯修好后又坏了。' submitLabel='重新办理' done='已重新办理' optional call={(id, reason) => work.reopenTicket(id, reason || undefined)} />
    </>
  ),
};
