/**
 * 消息中心：新反映、被分单、待办结、不满意……未读有红点，点开就到对应的工单页。
 */
import { useCallback, useState } from 'react';
import { useReloadOnShow } from '../../../services/use-reload';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AppError } from '@shared/domain/errors';
import type { MessageView } from '@shared/api/work.api';
import PageShell from '../../../components/page-shell';
import ErrorNote from '../../../components/error-note';
import { work } from '../../../services/api';
import { formatTime } from '../../../services/format';
import { PAGES, go, openNotificationPage } from '../../../services/nav';
import './index.css';

export default function MessagesPage() {
  const [items, setItems] = useState<MessageView[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const load = useCallback(async () => {
    const r = await work.myMessages();
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setItems(r.data.items);
    setUnread(r.data.unread);
    setCursor(r.data.nextCursor);
  }, []);

  useReloadOnShow(load);

  async function more() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    const r = await work.myMessages(cursor);
    setLoadingMore(false);
    if (!r.ok) return setError(r.error);
    setItems((old) => [...(old ?? []), ...r.data.items]);
    setCursor(r.data.nextCursor);
  }

  function open(m: MessageView) {
    if (!m.read) {
      setItems((old) => old?.map((x) => (x.id === m.id ? { ...x, read: true } : x)) ?? old);
      setUnread((n) => Math.max(0, n - 1));
      work.markMessagesRead([m.id]).then((r) => {
        if (!r.ok) console.warn('[messages] 标记已读失败', r.error.code);
      });
    }
    openNotificationPage(m.page);
  }

  async function readAll() {
    const ids = (items ?? []).filter((m) => !m.read).map((m) => m.id);
    if (!ids.length) return;
    const r = await work.markMessagesRead(ids);
    if (!r.ok) return setError(r.error);
    setItems((old) => old?.map((x) => ({ ...x, read: true })) ?? old);
    setUnread(0);
  }

  const notBound = error?.code === 'MEMBER.NOT_BOUND';

  return (
    <PageShell>
      <ErrorNote error={error} />
      {notBound && (
        <Button type='primary' size='large' block onClick={() => go(PAGES.workBind)}>
          用邀请码绑定委员身份
        </Button>
      )}
      {items && (
        <View className='row row--between messages__bar'>
          <Text className='strong' data-testid='unread-count'>
            {unread > 0 ? `${unread} 条未读` : '没有未读消息'}
          </Text>
          <View className='row'>
            {unread > 0 && (
              <Text className='link messages__action' onClick={readAll}>
                全部已读
              </Text>
            )}
            <Text className='link messages__action' onClick={() => go(PAGES.workQueue)}>
              工单列表
            </Text>
          </View>
        </View>
      )}
      {items === null && !error && <View className='loading'>正在加载…</View>}
      {items?.length === 0 && <View className='empty'>还没有消息。有新反映时会在这里提醒您。</View>}
      {items?.map((m) => (
        <View key={m.id} className={`list-item card--tap messages__item ${m.read ? '' : 'messages__item--unread'}`} data-testid='message' onClick={() => open(m)}>
          <View className='list-item__head'>
            <View className='row messages__title'>
              {!m.read && <View className='messages__dot' data-testid='unread-dot' />}
              <Text className='strong'>{m.title}</Text>
            </View>
            <Text className='list-item__meta'>{formatTime(m.createdAt)}</Text>
          </View>
          <View className='list-item__text'>{m.body}</View>
        </View>
      ))}
      {cursor && (
        <Button block loading={loadingMore} onClick={more}>
          查看更早的消息
        </Button>
      )}
    </PageShell>
  );
}
