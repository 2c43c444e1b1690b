/**
 * 居民看一条反映：状态、时间线（隐私处理过的办理记录）、照片、有几人也反映了；
 * 办结后一键评价：满意 / 基本满意 / 不满意（反映人和点过"我也遇到了"的居民各评一次）。
 * 选"不满意"时，再点选原因（大按钮，可多选）、可写一句话，然后提交。回头看的问题（评价或"有没有反弹"）也在这里一点就答；
 * 办理中的显示预计办结的日期（召集人延期后是新的日期）。订阅消息的通知也打开这里。
 */
import { useCallback, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { useReloadOnShow } from '../../services/use-reload';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ERROR_MESSAGES, type AppError } from '@shared/domain/errors';
import type { ResidentTicketView } from '@shared/api/intake.api';
import { DISSATISFACTION_REASONS, DISSATISFACTION_REASON_LABELS, LIBRARY_LABELS, RATINGS, RATING_LABELS, URGENCY_LABELS, type DissatisfactionReason, type Rating } from '@shared/domain/vocabulary';
import PageShell from '../../components/page-shell';
import ErrorNote from '../../components/error-note';
import PhotoGrid from '../../components/photo-grid';
import StatusBadge from '../../components/status-badge';
import Timeline from '../../components/timeline';
import FollowUpAnswer from '../../components/follow-up-answer';
import { intake } from '../../services/api';
import { formatDate, formatTime, maskPhone, peopleLabel } from '../../services/format';
import { askToSubscribe } from '../../services/subscribe';
import './index.css';

export default function TicketPage() {
  const { params } = useRouter();
  const ticketId = params.id ? decodeURIComponent(params.id) : '';
  const [view, setView] = useState<ResidentTicketView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [rating, setRating] = useState<Rating | null>(null);
  // 点了"不满意"：先选原因、写一句话，再提交
  const [unhappy, setUnhappy] = useState(false);
  const [reasons, setReasons] = useState<DissatisfactionReason[]>([]);
  const [comment, setComment] = useState('');

  const load = useCallback(async () => {
    if (!ticketId) return;
    const r = await intake.getTicket(ticketId);
    if (r.ok) {
      setView(r.data);
      setError(null);
    } else setError(r.error);
  }, [ticketId]);

  useReloadOnShow(load);

  function toggleReason(r: DissatisfactionReason) {
    setReasons((old) => (old.includes(r) ? old.filter((x) => x !== r) : [...old, r]));
  }

  function choose(value: Rating) {
    if (value === 'unsatisfied') setUnhappy(true);
    else void rate(value);
  }

  async function rate(value: Rating) {
    if (!view || rating) return;
    const subscribing = askToSubscribe('rate');
    setRating(value);
    setError(null);
    const r = await intake.rateTicket(view.id, value, value === 'unsatisfied' ? { reasons, comment: comment.trim() } : {});
    setRating(null);
    await subscribing.catch(() => undefined);
    if (r.ok) {
      setView(r.data);
      Taro.showToast({ title: '谢谢您的评价', icon: 'success' });
    } else setError(r.error);
  }

  if (!ticketId) return <PageShell><ErrorNote error={{ code: 'TICKET.NOT_FOUND', message: ERROR_MESSAGES['TICKET.NOT_FOUND'] }} /></PageShell>;

  return (
    <PageShell className='ticket'>
      <ErrorNote error={error} />
      {!view && !error && <View className='loading'>正在加载…</View>}
      {view && (
        <>
          <View className='card'>
            <View className='list-item__head'>
              <Text className='list-item__no'>编号 {view.no}</Text>
              <StatusBadge status={view.status} label={view.statusLabel} />
            </View>
            <View className='ticket__station'>{view.station.name}</View>
            <View className='row'>
              <Text className='tag'>{LIBRARY_LABELS[view.library]}</Text>
              <Text className='tag'>{view.category}</Text>
              {view.urgency === 'urgent' ? <Text className='tag tag--urgent'>{URGENCY_LABELS.urgent}</Text> : null}
              <Text className='tag' data-testid='metoo-count'>
                {peopleLabel(view.reporterCount)}
              </Text>
            </View>
            <View className='ticket__text'>{view.text}</View>
            <PhotoGrid urls={view.photos.map((p) => p.url)} />
            {view.isOwner && (
              <View className='muted ticket__contact'>
                {view.anonymous
                  ? '匿名反映'
                  : view.contact && (view.contact.name || view.contact.phone)
                    ? `联系方式：${view.contact.name ?? ''} ${maskPhone(view.contact.phone)}`
                    : '未留联系方式'}
              </View>
            )}
            <View className='muted'>提交于 {formatTime(view.createdAt)}</View>
            {view.resolveBy && (
              <View className='muted' data-testid='resolve-by'>
                预计 {formatDate(view.resolveBy)} 前办结
                {view.resolveByExtended ? `（已延期：${view.resolveByExtended.reason}）` : ''}
              </View>
            )}
          </View>

          {view.caseSummary && (
            <View className='card ticket__result'>
              <View className='card__title'>办理结果</View>
              <View className='ticket__text'>{view.caseSummary}</View>
            </View>
          )}

          {view.followUp && (
            <FollowUpAnswer
              ticketId={view.id}
              kind={view.followUp.kind}
              onAnswered={(v) => {
                setView(v);
                Taro.showToast({ title: '谢谢您的回答', icon: 'success' });
              }}
            />
          )}
          {view.canRate && !view.followUp && (
            <View className='card ticket__rate' data-testid='rate'>
              <View className='card__title'>这件事办得怎么样？</View>
              <View className='muted'>点一下就好。不满意的，召集人会重新安排办理。</View>
              {!unhappy && (
                <View className='ticket__rate-buttons'>
                  {RATINGS.map((r) => (
                    <Button key={r} className={`ticket__rate-btn ticket__rate-btn--${r}`} size='large' block type={r === 'satisfied' ? 'primary' : 'default'} loading={rating === r} onClick={() => choose(r)}>
                      {RATING_LABELS[r]}
                    </Button>
                  ))}
                </View>
              )}
              {unhappy && (
                <View className='ticket__unhappy' data-testid='unhappy-form'>
                  <View className='strong'>哪里不满意？点一下选上（可以多选）</View>
                  <View className='ticket__reasons'>
                    {DISSATISFACTION_REASONS.map((r) => (
                      <View
                        key={r}
                        className={`ticket__reason ${reasons.includes(r) ? 'ticket__reason--on' : ''}`}
                        data-testid='reason'
                        aria-pressed={reasons.includes(r)}
                        onClick={() => toggleReason(r)}
                      >
                        {reasons.includes(r) ? '✓ ' : ''}
                        {DISSATISFACTION_REASON_LABELS[r]}
                      </View>
                    ))}
                  </View>
                  <Input className='field-input ticket__comment' data-testid='rate-comment' placeholder='还想说一句（可以不写）' maxlength={300} value={comment} onInput={(e) => setComment(e.detail.value)} />
                  <Button className='ticket__rate-submit' type='primary' size='large' block loading={rating === 'unsatisfied'} onClick={() => rate('unsatisfied')}>
                    提交：不满意
                  </Button>
                  <Button size='large' block onClick={() => setUnhappy(false)}>
                    返回
                  </Button>
                </View>
              )}
            </View>
          )}
          {view.rating && (
            <View className='notice' data-testid='my-rating'>
              您的评价：<Text className='strong'>{RATING_LABELS[view.rating.rating]}</Text>
              {view.rating.reasons.length ? `（${view.rating.reasons.map((r) => DISSATISFACTION_REASON_LABELS[r]).join('、')}）` : ''}
              {view.rating.comment ? `（${view.rating.comment}）` : ''}
            </View>
          )}

          <View className='section-title'>办理进展</View>
          <View className='card'>
            <Timeline items={view.timeline} />
          </View>
        </>
      )}
    </PageShell>
  );
}
