/**
 * 居民的消息中心：委员接单、办理进展、协商结果、办结请评价……（点过"我也遇到了"的反映也在）。
 * 在微信里，这些也会作为服务通知推送；这里是站内的一份，随时翻得到。点开一条就到那条反映。
 * 回头看的问题就在消息里一点就答（答完这条标为已读，问题消失）。
 */
import PageShell from '../../components/page-shell';
import MessageList, { type MessageSource } from '../../components/message-list';
import { intake } from '../../services/api';
import { PAGES, go } from '../../services/nav';
import { Text } from '@tarojs/components';
import FollowUpAnswer from '../../components/follow-up-answer';

const source: MessageSource = { list: intake.myMessages, markRead: intake.markMessagesRead };

export default function ResidentMessagesPage() {
  return (
    <PageShell>
      <MessageList
        source={source}
        empty='还没有消息。委员接单、有进展、办结时，会在这里告诉您。'
        extra={(m, done) => (m.followUp ? <FollowUpAnswer ticketId={m.ticketId} kind={m.followUp.kind} onAnswered={done} /> : null)}
        actions={
          <Text className='link messages__action' onClick={() => go(PAGES.mine)}>
            我的反映
          </Text>
        }
      />
    </PageShell>
  );
}
