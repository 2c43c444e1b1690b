/**
 * 委员工作台：待接单 / 我的 / 全组 三个列表，每条写明类别、站点、摘要、几人反映、等了多久、接单人数。
 * 顶部是身份和消息入口（管理员还有管理后台的入口）；没绑定委员身份的先去绑定。
 */
import { useCallback, useEffect, useState } from 'react';
import { useReloadOnShow } from '../../../services/use-reload';
import { Text, View } from '@tarojs/components';
import { Button, Tabs } from '@nutui/nutui-react-taro';
import type { AppError } from '@shared/domain/errors';
import type { WhoAmI, WorkTicketSummary } from '@shared/api/work.api';
import { URGENCY_LABELS } from '@shared/domain/vocabulary';
import PageShell from '../../../components/page-shell';
import ErrorNote from '../../../components/error-note';
import StatusBadge from '../../../components/status-badge';
import { work, type QueueFilter } from '../../../services/api';
import { formatDate, formatWaiting, peopleLabel } from '../../../services/format';
import { PAGES, go, replace, withQuery } from '../../../services/nav';
import { describe, isBound, whoami } from '../services/session';
import './index.css';

const TABS: Array<{ filter: QueueFilter; title: string; empty: string }> = [
  { filter: 'open', title: '待接单', empty: '没有等待接单的反映。' },
  { filter: 'mine', title: '我的', empty: '您还没有接单。' },
  { filter: 'group', title: '全组', empty: '本组还没有反映。' },
  { filter: 'overdue', title: '过期', empty: '没有过期未办的反映。' },
];

export default function QueuePage() {
  const [who, setWho] = useState<WhoAmI | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [tab, setTab] = useState<QueueFilter>('open');
  const [unread, setUnread] = useState(0);
  const [reloadKey, setReloadKey] = useState(0);

  useEffect(() => {
    whoami(true).then((r) => {
      if (!r.ok) return setError(r.error);
      if (!isBound(r.data)) return replace(PAGES.workBind);
      setWho(r.data);
    });
  }, []);

  const refresh = useCallback(() => {
    setReloadKey((k) => k + 1);
    work.myMessages().then((r) => r.ok && setUnread(r.data.unread));
  }, []);

  useReloadOnShow(refresh);

  return (
    <PageShell className='queue'>
      <ErrorNote error={error} />
      {who && (
        <View className='queue__head'>
          <View className='queue__who' data-testid='whoami'>
            {describe(who)}
          </View>
          <View className='queue__messages' data-testid='open-messages' onClick={() => go(PAGES.workMessages)}>
            消息
            {unread > 0 && <Text className='queue__unread'>{unread}</Text>}
          </View>
          <View className='queue__messages' data-testid='open-activity' onClick={() => go(PAGES.workActivity)}>
            积分
          </View>
          {who.isAdmin && (
            <View className='queue__messages' data-testid='open-admin' onClick={() => go(PAGES.adminHome)}>
              管理后台
            </View>
          )}
        </View>
      )}
      {who && (
        <Tabs value={tab} onChange={(v) => setTab(v as QueueFilter)} activeType='line' duration={0}>
          {TABS.map((t) => (
            <Tabs.TabPane key={t.filter} title={t.title} value={t.filter}>
              {tab === t.filter && <QueueList filter={t.filter} empty={t.empty} reloadKey={reloadKey} />}
            </Tabs.TabPane>
          ))}
        </Tabs>
      )}
    </PageShell>
  );
}

function QueueList({ filter, empty, reloadKey }: { filter: QueueFilter; empty: string; reloadKey: number }) {
  const [items, setItems] = useState<WorkTicketSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  useEffect(() => {
    let live = true;
    work.listQueue(filter).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      setError(null);
      setItems(r.data.items);
      setCursor(r.data.nextCursor);
    });
    return () => {
      live = false;
    };
  }, [filter, reloadKey]);

  async function more() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    const r = await work.listQueue(filter, cursor);
    setLoadingMore(false);
    if (!r.ok) return setError(r.error);
    setItems((old) => [...(old ?? []), ...r.data.items]);
    setCursor(r.data.nextCursor);
  }

  return (
    <View className='queue__list' data-testid={`queue-${filter}`}>
      <ErrorNote error={error} />
      {items === null && !error && <View className='loading'>正在加载…</View>}
      {items?.length === 0 && <View className='empty'>{empty}</View>}
      {items?.map((t) => (
        <View key={t.id} className='list-item card--tap' data-testid='queue-item' onClick={() => go(withQuery(PAGES.workTicket, { id: t.id }))}>
          <View className='list-item__head'>
            <View className='row'>
              <Text className='tag'>{t.category}</Text>
              {t.urgency === 'urgent' && <Text className='tag tag--urgent'>{URGENCY_LABELS.urgent}</Text>}
              {t.overdue && (
                <Text className='tag tag--urgent' data-testid='overdue-mark'>
                  已过期
                </Text>
              )}
            </View>
            <StatusBadge status={t.status} label={t.statusLabel} />
          </View>
          <View className='list-item__text'>{t.excerpt}</View>
          <View className='list-item__meta'>
            {t.stationName} · 编号 {t.no}
          </View>
          <View className='queue__facts'>
            <Text>{peopleLabel(t.reporterCount)}</Text>
            <Text>
              接单 {t.claimants.length}/{t.claimLimit}
            </Text>
            {t.status === 'pending' && <Text className={t.overdue ? 'queue__late' : ''}>已等 {formatWaiting(t.waitingHours)}</Text>}
            {t.due.resolve && <Text>{formatDate(t.due.resolve)}前办结</Text>}
          </View>
        </View>
      ))}
      {cursor && (
        <Button block loading={loadingMore} onClick={more}>
          加载更多
        </Button>
      )}
    </View>
  );
}
