/** 时间线：每一步是谁、什么时候、做了什么。 */
import { Text, View } from '@tarojs/components';
import type { TimelineItem } from '@shared/api/intake.api';
import { formatTime } from '../services/format';

export default function Timeline({ items }: { items: TimelineItem[] }) {
  if (!items.length) return <View className='muted'>还没有进展记录。</View>;
  return (
    <View className='timeline' data-testid='timeline'>
      {items.map((item, i) => (
        <View key={`${item.at}-${i}`} className={`timeline__item ${i === items.length - 1 ? 'timeline__item--last' : ''}`}>
          <View className='timeline__dot' />
          <View className='timeline__content'>
            <View className='timeline__head'>
              <Text className='timeline__label'>{item.label}</Text>
              <Text className='timeline__time'>{formatTime(item.at)}</Text>
            </View>
            {item.actorName ? <View className='timeline__actor'>{item.actorName}</View> : null}
            {item.note ? <View className='timeline__note'>{item.note}</View> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
