/**
 * 委员、召集人看一张工单（通知卡片打开的就是这里）：原文（已隐去个人信息）、照片、系统分类及理由
 * （居民的选择和系统判断不一致时标出来）、接单委员、完整的办理记录；底部只显示这个人此刻能做的动作。
 * 召集人办结：点"办结"进入预填好的办结表单，再点"确认办结"，共两下。
 */
import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { useReloadOnShow } from '../../../services/use-reload';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ERROR_MESSAGES, type AppError } from '@shared/domain/errors';
import type { WorkTicketView } from '@shared/api/work.api';
import { ACTION_LABELS, type TicketAction } from '@shared/domain/lifecycle';
import { LIBRARY_LABELS, REPORT_KIND_LABELS, SCOPE_LABELS, URGENCY_LABELS } from '@shared/domain/vocabulary';
import PageShell from '../../../components/page-shell';
import ErrorNote from '../../../components/error-note';
import PhotoGrid from '../../../components/photo-grid';
import StatusBadge from '../../../components/status-badge';
import { work } from '../../../services/api';
import { formatDate, formatTime, formatWaiting, peopleLabel } from '../../../services/format';
import { PAGES, go, withQuery } from '../../../services/nav';
import { isFormAction, isPrimary, splitActions } from '../services/actions';
import { cacheTicket, cachedTicket } from '../services/ticket-cache';
import HistoryList from '../components/history-list';
import ResidentRatings from '../components/resident-ratings';
import './index.css';

export default function WorkTicketPage() {
  const { params } = useRouter();
  const ticketId = params.id ? decodeURIComponent(params.id) : '';
  const [view, setView] = useState<WorkTicketView | null>(() => cachedTicket(ticketId));
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState<TicketAction | null>(null);

  const show = useCallback((v: WorkTicketView) => {
    cacheTicket(v);
    setView(v);
  }, []);

  const load = useCallback(async () => {
    if (!ticketId) return;
    const cached = cachedTicket(ticketId);
    if (cached) setView(cached);
    const r = await work.getTicket(ticketId);
    if (r.ok) {
      show(r.data);
      setError(null);
    } else setError(r.error);
  }, [ticketId, show]);

  useReloadOnShow(load);

  async function act(action: TicketAction) {
    if (!view || busy) return;
    setError(null);
    if (isFormAction(action)) {
      go(withQuery(PAGES.workAct, { id: view.id, action }));
      return;
    }
    if (action === 'releaseClaim') {
      const ok = await Taro.showModal({ title: '退出接单', content: '退出后其他委员可以接这一单。确定退出吗？', confirmText: '退出', cancelText: '再想想' });
      if (!ok.confirm) return;
    }
    setBusy(action);
    const r = action === 'claim' ? await work.claimTicket(view.id) : await work.releaseClaim(view.id);
    setBusy(null);
    if (!r.ok) return setError(r.error);
    show(r.data);
    Taro.showToast({ title: action === 'claim' ? '接单成功' : '已退出接单', icon: 'success' });
  }

  if (!ticketId) return <PageShell><ErrorNote error={{ code: 'TICKET.NOT_FOUND', message: ERROR_MESSAGES['TICKET.NOT_FOUND'] }} /></PageShell>;

  const { bar, more } = splitActions(view?.actions ?? []);
  const actionButton = (a: TicketAction) => (
    <Button
      key={a}
      className='wt__action'
      type={isPrimary(a) ? 'primary' : 'default'}
      size='large'
      loading={busy === a}
      data-testid={`action-${a}`}
      onClick={() => act(a)}
    >
      {ACTION_LABELS[a]}
    </Button>
  );

  return (
    <PageShell className='wt'>
      <ErrorNote error={error} />
      {error?.code === 'MEMBER.NOT_BOUND' && (
        <Button type='primary' size='large' block onClick={() => go(PAGES.workBind)}>
          用邀请码绑定委员身份
        </Button>
      )}
      {!view && !error && <View className='loading'>正在加载…</View>}
      {view && (
        <>
          <View className='card'>
            <View className='list-item__head'>
              <Text className='list-item__no'>编号 {view.no}</Text>
              <StatusBadge status={view.status} label={view.statusLabel} />
            </View>
            <View className='wt__station'>{view.stationName}</View>
            <View className='row'>
              <Text className='tag'>{LIBRARY_LABELS[view.library]}</Text>
              <Text className='tag'>{view.category}</Text>
              <Text className='tag'>{SCOPE_LABELS[view.scope]}</Text>
              {view.urgency === 'urgent' && <Text className='tag tag--urgent'>{URGENCY_LABELS.urgent}</Text>}
              <Text className='tag' data-testid='metoo-count'>
                {peopleLabel(view.reporterCount)}
              </Text>
            </View>
            <View className='wt__text' data-testid='ticket-text'>
              {view.text}
            </View>
            <PhotoGrid urls={view.photos.map((p) => p.url)} />
            <Contact view={view} />
            <View className='muted'>
              提交于 {formatTime(view.createdAt)}
              {view.status === 'pending' ? ` · 已等 ${formatWaiting(view.waitingHours)}` : ''}
            </View>
            <Deadlines view={view} />
          </View>
          {view.pendingActionCheck && <ActionCheck view={view} onDone={setView} />}

          {view.proposal && view.status === 'proposed' && (
            <View className='card wt__proposal' data-testid='proposal'>
              <View className='card__title'>委员提请办结</View>
              <View className='wt__text'>{view.proposal}</View>
            </View>
          )}
          {view.outcome && <Outcome view={view} />}
          <ResidentRatings ratings={view.ratings} />

          <View className='section-title'>
            接单委员（{view.claimantDetails.length}/{view.claimLimit}）
          </View>
          <View className='card' data-testid='claimants'>
            {view.claimantDetails.length === 0 ? (
              <View className='muted'>还没有委员接单。</View>
            ) : (
              view.claimantDetails.map((c) => (
                <View key={c.memberId} className='row row--between wt__claimant'>
                  <Text className='strong'>
                    {c.name}
                    {c.assigned ? '（召集人分单）' : ''}
                  </Text>
                  <Text className='muted'>{formatTime(c.at)}</Text>
                </View>
              ))
            )}
          </View>

          <Triage view={view} />

          <View className='section-title'>办理记录</View>
          <View className='card'>
            <HistoryList items={view.history} />
          </View>

          {more.length > 0 && (
            <>
              <View className='section-title'>更多操作</View>
              <View className='wt__more' data-testid='more-actions'>
                {more.map(actionButton)}
              </View>
            </>
          )}
          {bar.length > 0 && <View className='wt__bar-space' />}
        </>
      )}
      {view && bar.length > 0 && (
        <View className='wt__bar' data-testid='actions'>
          {bar.map(actionButton)}
        </View>
      )}
    </PageShell>
  );
}

function Contact({ view }: { view: WorkTicketView }) {
  if (view.anonymous) return <View className='muted wt__contact'>居民选择匿名反映</View>;
  if (!view.contact || (!view.contact.name && !view.contact.phone)) return <View className='muted wt__contact'>居民未留联系方式</View>;
  const phone = view.contact.phone ?? '';
  const callable = /^[\d-]{7,}$/.test(phone);
  return (
    <View className='wt__contact'>
      联系人：{view.contact.name ?? '居民'} {phone}
      {callable && (
        <Text className='link wt__call' onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}>
          打电话
        </Text>
      )}
      {!callable && phone && <View className='hint'>接单后可以看到完整电话。</View>}
    </View>
  );
}

function Outcome({ view }: { view: WorkTicketView }) {
  const o = view.outcome;
  if (!o) return null;
  const title =
    o.kind === 'referred' ? `已转办：${o.department ?? ''}` : o.kind === 'rejected' ? '不予受理' : o.kind === 'merged' ? '已合并到另一条反映' : '已办结';
  return (
    <View className='card wt__outcome' data-testid='outcome'>
      <View className='card__title'>{title}</View>
      {o.kind === 'closed' && view.caseSummary ? <View className='wt__text'>{view.caseSummary}</View> : o.note ? <View className='wt__text'>{o.note}</View> : null}
      {o.kind === 'closed' && <View className='muted'>{view.publishCase ? '已作为案例在联络站公开' : '未公开为案例'}</View>}
      {o.kind === 'merged' && o.intoTicketId && (
        <View className='link' onClick={() => go(withQuery(PAGES.workTicket, { id: o.intoTicketId }))}>
          查看合并后的反映
        </View>
      )}
      <View className='muted'>{formatTime(o.at)}</View>
    </View>
  );
}

/** 系统分类及理由：召集人可以看出为什么这样分；居民自己的选择与系统判断不一致时标出。 */
function Triage({ view }: { view: WorkTicketView }) {
  const t = view.triage;
  const rows: Array<{ label: string; value: string; reasons: string[] }> = [
    { label: '分库', value: LIBRARY_LABELS[t.library], reasons: t.reasons.library },
    { label: '类别', value: t.category, reasons: t.reasons.category },
    { label: '紧急程度', value: URGENCY_LABELS[t.urgency], reasons: t.reasons.urgency },
    { label: '范围', value: SCOPE_LABELS[t.scope], reasons: t.reasons.scope },
  ];
  return (
    <>
      <View className='section-title'>系统分类及理由</View>
      <View className='card' data-testid='triage'>
        {t.libraryDisagrees && (
          <View className='tag tag--warn wt__disagree' data-testid='triage-disagrees'>
            居民选的是"{REPORT_KIND_LABELS[view.kind]}"，系统判断为"{LIBRARY_LABELS[t.library]}"，请留意
          </View>
        )}
        {t.scope === 'individual' && <View className='hint wt__scope-hint'>个人诉求一般转办给职能部门，不进入协商。</View>}
        {rows.map((r) => (
          <View key={r.label} className='wt__triage-row'>
            <Text className='strong'>
              {r.label}：{r.value}
            </Text>
            {r.reasons.length > 0 && <View className='muted'>依据：{r.reasons.join('；')}</View>}
          </View>
        ))}
        <View className='muted'>把握程度：{Math.round(t.confidence * 100)}%</View>
      </View>
    </>
  );
}

/** 期限：接单、首次反馈、办结；过期的标红，召集人延期过的写明理由 */
function Deadlines({ view }: { view: WorkTicketView }) {
  const rows = ([['claim', '接单'], ['feedback', '首次反馈'], ['resolve', '办结']] as const).filter(([k]) => view.due[k]);
  if (!rows.length) return null;
  return (
    <View className='muted' data-testid='deadlines'>
      {view.overdue && (
        <Text className='tag tag--urgent' data-testid='overdue-mark'>
          已过期
        </Text>
      )}
      {rows.map(([k, label]) => `${label} ${formatDate(view.due[k])}前`).join(' · ')}
      {view.dueExtension ? `（办结期限已延期：${view.dueExtension.reason}）` : ''}
    </View>
  );
}

/** 回头督：问到我的"商定的事办了没有"，一点就答；没办的转召集人 */
function ActionCheck({ view, onDone }: { view: WorkTicketView; onDone: (v: WorkTicketView) => void }) {
  const [busy, setBusy] = useState<boolean | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const check = view.pendingActionCheck!;
  async function answer(done: boolean) {
    if (busy !== null) return;
    setBusy(done);
    const r = await work.answerActionCheck(view.id, check.id, done);
    setBusy(null);
    if (r.ok) onDone(r.data);
    else setError(r.error);
  }
  return (
    <View className='card' data-testid='action-check'>
      <View className='card__title'>回头督：商定的事办了没有？</View>
      <View className='wt__text'>{check.agreement}</View>
      <ErrorNote error={error} />
      <Button block type='primary' loading={busy === true} onClick={() => answer(true)}>
        办了
      </Button>
      <Button block loading={busy === false} onClick={() => answer(false)}>
        还没办（告诉召集人）
      </Button>
    </View>
  );
}
