/**
 * 居民的评价（反映人 + 每一位"我也遇到了"的居民），不满意的带点选的原因和那一句话。
 * 工单页和"重新办理"的表单都放它：召集人决定重新办理之前，看得到居民为什么不满意。
 */
import { Text, View } from '@tarojs/components';
import type { WorkTicketView } from '@shared/api/work.api';
import { RATING_LABELS } from '@shared/domain/vocabulary';
import { formatTime } from '../../../services/format';
import './resident-ratings.css';

export default function ResidentRatings({ ratings }: { ratings: WorkTicketView['ratings'] }) {
  if (!ratings.length) return null;
  const unhappy = ratings.filter((r) => r.rating === 'unsatisfied').length;
  return (
    <View className={`notice ${unhappy ? 'ratings--unhappy' : ''}`} data-testid='resident-ratings'>
      <View className='strong'>
        居民评价（{ratings.length} 人{unhappy ? `，${unhappy} 人不满意` : ''}）
      </View>
      {ratings.map((r, i) => (
        <View key={`${r.at}-${i}`} className='ratings__item' data-testid='resident-rating'>
          <Text>{r.by === 'owner' ? '反映人' : '也反映了的居民'}：</Text>
          <Text className='strong'>{RATING_LABELS[r.rating]}</Text>
          {r.reasons.length ? <Text data-testid='rating-reasons'>（{r.reasons.join('、')}）</Text> : null}
          {r.comment ? <Text>“{r.comment}”</Text> : null}
          <Text className='muted'> · {formatTime(r.at)}</Text>
        </View>
      ))}
    </View>
  );
}
