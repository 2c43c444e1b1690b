/**
 * 消息中心的列表（居民的和委员、召集人的同一个样子）：最新的在前，未读有红点和左边的红条，
 * 每条标出工单此刻的状态（不是发消息时的）；点开标为已读并打开工单；往下可以看更早的。
 * 数据从哪个云函数来由页面传进来（居民：intake.myMessages；委员：work.myMessages）。
 */
import { useCallback, useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AppError, Result } from '@shared/domain/errors';
import type { MessageItemView, MessagePage } from '@shared/api/intake.api';
import ErrorNote from './error-note';
import StatusBadge from './status-badge';
import { useReloadOnShow } from '../services/use-reload';
import { formatTime } from '../services/format';
import { openNotificationPage } from '../services/nav';
import './message-list.css';

export interface MessageSource {
  list(cursor?: string | null): Promise<Result<MessagePage>>;
  markRead(ids: string[]): Promise<Result<{ marked: number }>>;
}

export interface MessageListProps {
  source: MessageSource;
  empty: string;
  actions?: ReactNode;
  onError?: (e: AppError | null) => void;
  /** 一条消息里就能做完的事（如回头看一点就答）；done 在做完后调用：这条标为已读、列表重新读 */
  extra?: (m: MessageItemView, done: () => void) => ReactNode;
}

export default function MessageList({ source, empty, actions, onError, extra }: MessageListProps) {
  const [items, setItems] = useState<MessageItemView[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setErrorState] = useState<AppError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const setError = useCallback(
    (e: AppError | null) => {
      setErrorState(e);
      onError?.(e);
    },
    [onError],
  );

  const load = useCallback(async () => {
    const r = await source.list();
    if (!r.ok) return setError(r.error);
    setError(null);
    setItems(r.data.items);
    setUnread(r.data.unread);
    setCursor(r.data.nextCursor);
  }, [source, setError]);

  useReloadOnShow(load);

  async function more() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    const r = await source.list(cursor);
    setLoadingMore(false);
    if (!r.ok) return setError(r.error);
    setItems((old) => [...(old ?? []), ...r.data.items]);
    setCursor(r.data.nextCursor);
  }

  function markRead(m: MessageItemView): Promise<unknown> {
    if (m.read) return Promise.resolve();
    setItems((old) => old?.map((x) => (x.id === m.id ? { ...x, read: true } : x)) ?? old);
    setUnread((n) => Math.max(0, n - 1));
    return source.markRead([m.id]).then((r) => {
      if (!r.ok) console.warn('[messages] 标记已读失败', r.error.code);
    });
  }

  function open(m: MessageItemView) {
    void markRead(m);
    openNotificationPage(m.page);
  }

  async function readAll() {
    const ids = (items ?? []).filter((m) => !m.read).map((m) => m.id);
    if (!ids.length) return;
    const r = await source.markRead(ids);
    if (!r.ok) return setError(r.error);
    setItems((old) => old?.map((x) => ({ ...x, read: true })) ?? old);
    setUnread(0);
  }

  return (
    <>
      <ErrorNote error={error} />
      {items && (
        <View className='row row--between messages__bar'>
          <Text className='strong' data-testid='unread-count'>
            {unread > 0 ? `${unread} 条未读` : '没有未读消息'}
          </Text>
          <View className='row'>
            {unread > 0 && (
              <Text className='link messages__action' data-testid='read-all' onClick={readAll}>
                全部已读
              </Text>
            )}
            {actions}
          </View>
        </View>
      )}
      {items === null && !error && <View className='loading'>正在加载…</View>}
      {items?.length === 0 && <View className='empty'>{empty}</View>}
      {items?.map((m) => (
        <View key={m.id} className={`list-item card--tap messages__item ${m.read ? '' : 'messages__item--unread'}`} data-testid='message' onClick={() => open(m)}>
          <View className='list-item__head'>
            <View className='row messages__title'>
              {!m.read && <View className='messages__dot' data-testid='unread-dot' />}
              <Text className='strong'>{m.title}</Text>
            </View>
            {m.ticketStatus && <StatusBadge status={m.ticketStatus} label={`现在：${m.ticketStatusLabel ?? ''}`} />}
          </View>
          <View className='list-item__text'>{m.body}</View>
          <View className='list-item__meta'>{formatTime(m.createdAt)}</View>
          {extra && (
            // 里面的按钮只做自己的事，不把整条消息点开
            <View onClick={(e) => e.stopPropagation()}>{extra(m, () => void markRead(m).then(load))}</View>
          )}
        </View>
      ))}
      {cursor && (
        <Button block size='large' loading={loadingMore} onClick={more}>
          查看更早的消息
        </Button>
      )}
    </>
  );
}
