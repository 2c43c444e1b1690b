/**
 * 居民的消息中心：委员接单、办理进展、协商结果、办结请评价……（点过"我也遇到了"的反映也在）。
 * 在微信里，这些也会作为服务通知推送；这里是站内的一份，随时翻得到。点开一条就到那条反映。
 */
import PageShell from '../../components/page-shell';
import MessageList, { type MessageSource } from '../../components/message-list';
import { intake } from '../../services/api';
import { PAGES, go } from '../../services/nav';
import { Text } from '@tarojs/components';

const source: MessageSource = { list: intake.myMessages, markRead: intake.markMessagesRead };

export default function ResidentMessagesPage() {
  return (
    <PageShell>
      <MessageList
        source={source}
        empty='还没有消息。委员接单、有进展、办结时，会在这里告诉您。'
        actions={
          <Text className='link messages__action' onClick={() => go(PAGES.mine)}>
            我的反映
          </Text>
        }
      />
    </PageShell>
  );
}
