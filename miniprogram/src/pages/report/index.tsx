/**
 * 反映表单：一段文字（实时字数）、问题/建议、照片、可选的联系方式（电话打码显示）、匿名、隐私说明。
 * 字数和照片数按本县设置（随站点信息下发），提交前用和服务端同一个规则与请求模式校验。
 * 边写边查同站的相似反映，可以点"我也遇到了"加入而不必重复提交。
 * 草稿（含 clientRequestId）每次改动都存在手机上，提交成功才删：失败了什么都不丢，重试也不会重复立单。
 */
import { useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { Button, Switch } from '@nutui/nutui-react-taro';
import { ERROR_MESSAGES, fail, withMessageParams, type AppError } from '@shared/domain/errors';
import { PRIVACY_NOTICE } from '@shared/domain/access';
import { checkReportLimits, DEFAULT_SETTINGS, messageParams, reportLimitsOf, type ReportLimits } from '@shared/domain/settings';
import { REPORT_KINDS, REPORT_KIND_LABELS } from '@shared/domain/vocabulary';
import type { SimilarTicket } from '@shared/api/intake.api';
import PageShell from '../../components/page-shell';
import ErrorNote from '../../components/error-note';
import PhotoPicker from '../../components/photo-picker';
import { intake } from '../../services/api';
import { clearDraft, hasContent, loadDraft, saveDraft, type ReportDraft } from '../../services/draft';
import { maskPhone, peopleLabel } from '../../services/format';
import { PAGES, go, replace, withQuery } from '../../services/nav';
import { stationIdFromParams } from '../../services/station';
import { askToSubscribe } from '../../services/subscribe';
import './index.css';

const SIMILAR_MIN_CHARS = 8;
const SIMILAR_DEBOUNCE_MS = 600;

export default function ReportPage() {
  const { params } = useRouter();
  const stationId = stationIdFromParams(params);
  const [draft, setDraft] = useState<ReportDraft | null>(() => (stationId ? loadDraft(stationId) : null));
  const [restored] = useState(() => Boolean(draft && hasContent(draft)));
  const [stationName, setStationName] = useState('');
  const [limits, setLimits] = useState<ReportLimits>(() => reportLimitsOf(DEFAULT_SETTINGS));
  const [error, setError] = useState<AppError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [editingPhone, setEditingPhone] = useState(false);

  useEffect(() => {
    if (!stationId) return;
    intake.getStation(stationId).then((r) => {
      if (r.ok) {
        setStationName(r.data.station.name);
        setLimits(r.data.limits);
      } else setError(r.error);
    });
  }, [stationId]);

  if (!stationId || !draft) {
    return (
      <PageShell>
        <ErrorNote error={{ code: 'STATION.NOT_FOUND', message: ERROR_MESSAGES['STATION.NOT_FOUND'] }} />
      </PageShell>
    );
  }

  function update(patch: Partial<ReportDraft>) {
    setDraft((d) => {
      if (!d) return d;
      const next = { ...d, ...patch };
      saveDraft(next);
      return next;
    });
  }

  async function submit() {
    if (!draft || !stationId || submitting) return;
    // 订阅授权要在点击里、第一个 await 之前发起
    const subscribing = askToSubscribe('submit');
    setError(null);
    const text = draft.text.trim();
    if (!text) {
      setError({ code: 'REPORT.TEXT_EMPTY', message: ERROR_MESSAGES['REPORT.TEXT_EMPTY'], field: 'text' });
      return;
    }
    const name = draft.contactName.trim();
    const phone = draft.contactPhone.trim();
    const payload = {
      stationId,
      text,
      ...(draft.kind ? { kind: draft.kind } : {}),
      ...(draft.photos.length ? { photos: draft.photos } : {}),
      ...(!draft.anonymous && (name || phone) ? { contact: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
      anonymous: draft.anonymous,
      clientRequestId: draft.clientRequestId,
    };
    const tooMuch = checkReportLimits(payload, limits);
    if (tooMuch) {
      const refused = withMessageParams(fail(tooMuch.code, tooMuch.field), messageParams({ ...DEFAULT_SETTINGS, ...limits }));
      if (!refused.ok) setError(refused.error);
      return;
    }
    setSubmitting(true);
    const res = await intake.submitReport(payload);
    setSubmitting(false);
    await subscribing.catch(() => undefined);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    clearDraft(stationId);
    replace(
      withQuery(PAGES.done, {
        id: res.data.ticketId,
        no: res.data.ticketNo,
        urgency: res.data.urgency,
        category: res.data.category,
        library: res.data.library,
        station: stationId,
      }),
    );
  }

  const length = draft.text.length;
  const showMaskedPhone = !editingPhone && draft.contactPhone.trim() !== '';

  return (
    <PageShell className='report'>
      {stationName ? (
        <View className='report__to'>
          反映给：<Text className='strong'>{stationName}</Text>
        </View>
      ) : null}
      {restored && <View className='notice'>已恢复您上次没提交的内容。</View>}

      <View className='field'>
        <View className='field__label'>遇到了什么问题，或有什么建议？</View>
        <Textarea
          className={`field-textarea ${error?.field === 'text' ? 'field--error' : ''}`}
          data-testid='report-text'
          value={draft.text}
          maxlength={limits.maxTextLength}
          autoHeight
          placeholder='比如：小区门口的路灯坏了一个多月，晚上老人出门看不见路。写清楚在哪里、什么情况就行。'
          onInput={(e) => update({ text: e.detail.value })}
        />
        <View className={`counter ${length >= limits.maxTextLength ? 'counter--over' : ''}`} data-testid='counter'>
          {length}/{limits.maxTextLength}
        </View>
      </View>

      <SimilarReports stationId={stationId} text={draft.text} />

      <View className='field'>
        <View className='field__label'>
          这是 <Text className='muted'>（不确定可以不选）</Text>
        </View>
        <View className='choice-row'>
          {REPORT_KINDS.map((k) => (
            <View key={k} className={`choice ${draft.kind === k ? 'choice--on' : ''}`} data-testid={`kind-${k}`} onClick={() => update({ kind: draft.kind === k ? null : k })}>
              {REPORT_KIND_LABELS[k]}
            </View>
          ))}
        </View>
      </View>

      <View className='field'>
        <View className='field__label'>
          照片 <Text className='muted'>（可选，最多 {limits.maxPhotos} 张）</Text>
        </View>
        <PhotoPicker fileIds={draft.photos} limits={limits} onChange={(photos) => update({ photos })} />
      </View>

      <View className='field'>
        <View className='switch-row'>
          <View>
            <View className='field__label'>匿名反映</View>
            <View className='hint'>匿名时委员看不到您的姓名和电话。</View>
          </View>
          <Switch checked={draft.anonymous} onChange={(v) => update({ anonymous: v })} data-testid='anonymous' />
        </View>
      </View>

      {!draft.anonymous && (
        <View className='field'>
          <View className='field__label'>
            联系方式 <Text className='muted'>（可选，方便委员联系您）</Text>
          </View>
          <Input
            className='field-input'
            data-testid='contact-name'
            value={draft.contactName}
            maxlength={20}
            placeholder='怎么称呼您，如：张阿姨'
            onInput={(e) => update({ contactName: e.detail.value })}
          />
          <View className='spacer' />
          {showMaskedPhone ? (
            <View className='field-input report__phone-masked' data-testid='contact-phone-masked' onClick={() => setEditingPhone(true)}>
              <Text>{maskPhone(draft.contactPhone)}</Text>
              <Text className='link'>修改</Text>
            </View>
          ) : (
            <Input
              className={`field-input ${error?.code === 'REPORT.PHONE_INVALID' ? 'field--error' : ''}`}
              data-testid='contact-phone'
              type='number'
              value={draft.contactPhone}
              maxlength={13}
              focus={editingPhone}
              placeholder='手机号'
              onInput={(e) => update({ contactPhone: e.detail.value })}
              onBlur={() => setEditingPhone(false)}
            />
          )}
        </View>
      )}

      <View className='report__privacy' data-testid='privacy'>
        <View className='strong'>隐私说明</View>
        <View>{PRIVACY_NOTICE}</View>
      </View>

      <ErrorNote error={error} />
      <Button type='primary' size='large' block loading={submitting} disabled={submitting} data-testid='submit' onClick={submit}>
        {submitting ? '正在提交…' : '提交'}
      </Button>
      <View className='hint report__saved'>您填写的内容会先保存在手机上，提交成功后才清除。</View>
    </PageShell>
  );
}

/** 边写边查：同站近期的相似反映，可点"我也遇到了"加入。 */
function SimilarReports({ stationId, text }: { stationId: string; text: string }) {
  const [items, setItems] = useState<SimilarTicket[]>([]);
  const [joined, setJoined] = useState<{ ticketId: string; count: number } | null>(null);
  const [joining, setJoining] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const query = text.trim();
    if (query.length < SIMILAR_MIN_CHARS) {
      setItems([]);
      return;
    }
    const seq = ++latest.current;
    const timer = setTimeout(async () => {
      const r = await intake.findSimilar(stationId, query);
      // 只用最后一次输入的结果；查不到或出错都不打扰居民
      if (seq === latest.current && r.ok) setItems(r.data.items);
    }, SIMILAR_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [stationId, text]);

  async function join(ticketId: string) {
    if (joining) return;
    setJoining(ticketId);
    setError(null);
    const r = await intake.meToo(ticketId);
    setJoining(null);
    if (r.ok) setJoined({ ticketId, count: r.data.reporterCount });
    else setError(r.error);
  }

  if (joined) {
    return (
      <View className='similar notice' data-testid='joined'>
        <View className='strong'>已记下，您也遇到了这件事。</View>
        <View>这件事现在{peopleLabel(joined.count)}，委员办理的进展会一起通知您，不用再单独提交。</View>
        <View className='btn-row'>
          <Button type='primary' onClick={() => go(withQuery(PAGES.ticket, { id: joined.ticketId }))}>
            查看这条反映
          </Button>
          <Button onClick={() => setJoined(null)}>还要单独提交</Button>
        </View>
      </View>
    );
  }

  if (!items.length) return null;
  return (
    <View className='similar' data-testid='similar'>
      <View className='similar__title'>这些反映可能和您说的是同一件事：</View>
      {items.map((s) => (
        <View key={s.ticketId} className='similar__item' data-testid='similar-item'>
          <View className='similar__text'>{s.excerpt}</View>
          <View className='row row--between'>
            <Text className='muted'>
              已有 {Math.max(1, s.reporterCount)} 人反映 · {s.statusLabel}
            </Text>
            <Button type='primary' fill='outline' loading={joining === s.ticketId} onClick={() => join(s.ticketId)}>
              我也遇到了
            </Button>
          </View>
        </View>
      ))}
      <ErrorNote error={error} />
      <View className='hint'>不是同一件事？继续往下填写提交即可。</View>
    </View>
  );
}
