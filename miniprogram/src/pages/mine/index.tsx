/**
 * 我的反映：我提交的和我点过"我也遇到了"的，每条的状态一眼可见；有没读的消息标"有新进展"，
 * 办结了还没评的标"待评价"。顶上是"我的消息"（站内的消息中心；微信里同样的通知也作为服务通知推送）。底部是委员入口。
 */
import { useCallback, useState } from 'react';
import { useReloadOnShow } from '../../services/use-reload';
import { Text, View } from '@tarojs/components';
import type { AppError } from '@shared/domain/errors';
import type { ResidentTicketSummary } from '@shared/api/intake.api';
import PageShell from '../../components/page-shell';
import ErrorNote from '../../components/error-note';
import StatusBadge from '../../components/status-badge';
import { intake } from '../../services/api';
import { formatTime, peopleLabel } from '../../services/format';
import { PAGES, go, withQuery } from '../../services/nav';
import { lastStationId } from '../../services/station';
import './index.css';

export default function MinePage() {
  const [items, setItems] = useState<ResidentTicketSummary[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [unread, setUnread] = useState(0);

  const load = useCallback(async () => {
    const [r, msgs] = await Promise.all([intake.myReports(), intake.myMessages()]);
    if (msgs.ok) setUnread(msgs.data.unread);
    if (r.ok) {
      setItems(r.data.items);
      setError(null);
    } else setError(r.error);
  }, []);

  useReloadOnShow(load);

  const station = lastStationId();

  return (
    <PageShell>
      <ErrorNote error={error} />
      <View className='list-item card--tap mine__inbox' data-testid='inbox-entry' onClick={() => go(PAGES.messages)}>
        <View className='row row--between'>
          <Text className='strong'>我的消息</Text>
          <Text className={unread > 0 ? 'mine__unread' : 'muted'} data-testid='inbox-unread'>
            {unread > 0 ? `${unread} 条未读` : '没有未读'}
          </Text>
        </View>
      </View>
      {items === null && !error && <View className='loading'>正在加载…</View>}
      {items !== null && items.length === 0 && (
        <View className='empty'>
          <View>您还没有反映过事情。</View>
          {station ? (
            <View className='link' onClick={() => go(withQuery(PAGES.report, { station }))}>
              去反映
            </View>
          ) : (
            <View>扫描联络站二维码就可以反映。</View>
          )}
        </View>
      )}
      {items?.map((t) => (
        <View key={t.id} className='list-item card--tap' data-testid='my-ticket' onClick={() => go(withQuery(PAGES.ticket, { id: t.id }))}>
          <View className='list-item__head'>
            <Text className='list-item__no'>编号 {t.no}</Text>
            <StatusBadge status={t.status} label={t.statusLabel} />
          </View>
          {(t.hasNews || t.awaitingRating) && (
            <View className='row'>
              {t.hasNews && (
                <Text className='tag mine__mark' data-testid='mark-news'>
                  有新进展
                </Text>
              )}
              {t.awaitingRating && (
                <Text className='tag mine__mark' data-testid='mark-rate'>
                  待评价
                </Text>
              )}
            </View>
          )}
          <View className='list-item__text'>{t.excerpt}</View>
          <View className='list-item__meta'>
            {t.stationName} · {formatTime(t.createdAt)}
            {t.isOwner ? '' : ' · 我也遇到了'}
            {t.reporterCount > 1 ? ` · ${peopleLabel(t.reporterCount)}` : ''}
          </View>
        </View>
      ))}
      <View className='footer-links'>
        {station ? (
          <View className='footer-links__item' onClick={() => go(withQuery(PAGES.station, { station }))}>
            回到联络站
          </View>
        ) : null}
        <View className='footer-links__item' data-testid='member-entry' onClick={() => go(PAGES.workQueue)}>
          委员入口
        </View>
      </View>
    </PageShell>
  );
}
