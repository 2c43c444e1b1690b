/**
 * 消息中心：新反映、被分单、待办结、不满意……未读有红点，每条标出工单现在的状态，点开就到对应的工单页。
 */
import { useState } from 'react';
import { Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AppError } from '@shared/domain/errors';
import PageShell from '../../../components/page-shell';
import MessageList, { type MessageSource } from '../../../components/message-list';
import { work } from '../../../services/api';
import { PAGES, go } from '../../../services/nav';

const source: MessageSource = { list: work.myMessages, markRead: work.markMessagesRead };

export default function MessagesPage() {
  const [error, setError] = useState<AppError | null>(null);
  const notBound = error?.code === 'MEMBER.NOT_BOUND';
  return (
    <PageShell>
      {notBound && (
        <Button type='primary' size='large' block onClick={() => go(PAGES.workBind)}>
          用邀请码绑定委员身份
        </Button>
      )}
      <MessageList
        source={source}
        onError={setError}
        empty='还没有消息。有新反映时会在这里提醒您。'
        actions={
          <Text className='link messages__action' onClick={() => go(PAGES.workQueue)}>
            工单列表
          </Text>
        }
      />
    </PageShell>
  );
}
