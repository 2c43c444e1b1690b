/**
 * 回头看的一问一答：居民点一下就答完。问题是服务端定的（view.followUp）：没评价过的，这一问就是评价
 * （满意 / 基本满意 / 不满意）；评价过的，问"问题有没有反弹？"。答完回传新的居民视图。
 * 居民的工单页在有待答的问题时显示它；消息中心也可以放它（给 ticketId 和 kind 即可）。
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AppError } from '@shared/domain/errors';
import type { FollowUpAnswer as Answer, ResidentTicketView } from '@shared/api/intake.api';
import { RATINGS, RATING_LABELS, REBOUND_ANSWERS, REBOUND_LABELS } from '@shared/domain/vocabulary';
import { intake } from '../services/api';
import ErrorNote from './error-note';

const QUESTIONS = {
  rating: { title: '回头看：这件事办得怎么样？', hint: '点一下就好。不满意的，召集人会决定是否重新办理。', answers: RATINGS.map((a) => ({ value: a as Answer, label: RATING_LABELS[a] })) },
  rebound: { title: '回头看：问题有没有反弹？', hint: '又出现了就点"反弹了"，召集人会决定是否重新办理。', answers: REBOUND_ANSWERS.map((a) => ({ value: a as Answer, label: REBOUND_LABELS[a] })) },
} as const;

export default function FollowUpAnswer({ ticketId, kind, onAnswered }: { ticketId: string; kind: 'rating' | 'rebound'; onAnswered: (view: ResidentTicketView) => void }) {
  const [busy, setBusy] = useState<Answer | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const q = QUESTIONS[kind];

  async function answer(value: Answer) {
    if (busy) return;
    setBusy(value);
    setError(null);
    const r = await intake.answerFollowUp(ticketId, value);
    setBusy(null);
    if (r.ok) onAnswered(r.data);
    else setError(r.error);
  }

  return (
    <View className='card ticket__rate' data-testid='follow-up'>
      <View className='card__title'>{q.title}</View>
      <View className='muted'>{q.hint}</View>
      <ErrorNote error={error} />
      <View className='ticket__rate-buttons'>
        {q.answers.map((a, i) => (
          <Button key={a.value} className='ticket__rate-btn' data-testid={`follow-up-${a.value}`} size='large' block type={i === 0 ? 'primary' : 'default'} loading={busy === a.value} onClick={() => answer(a.value)}>
            <Text>{a.label}</Text>
          </Button>
        ))}
      </View>
    </View>
  );
}
