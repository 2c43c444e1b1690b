/**
 * 工单的完整办理记录（只给委员、召集人看）：谁、什么身份、什么时候、状态从哪到哪、备注；
 * 协商记录展开时间、地点、参加人员、部门、协商结果。
 */
import { Text, View } from '@tarojs/components';
import { STATUS_LABELS } from '@shared/domain/lifecycle';
import { RELATION_LABELS } from '@shared/domain/access';
import { formatTime } from '../../../services/format';
import { consultationOf, type ConsultationRecord, type HistoryEntry } from '../services/history';


function Consultation({ c }: { c: ConsultationRecord }) {
  const rows: Array<[string, string]> = [
    ['时间', c.heldAt ? formatTime(c.heldAt) : ''],
    ['地点', c.place ?? ''],
    ['参加人员', (c.participants ?? []).join('、')],
    ['部门', (c.departments ?? []).join('、')],
    ['协商结果', c.agreement ?? ''],
  ];
  return (
    <View className='history__consult'>
      {rows
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <View key={k}>
            <Text className='strong'>{k}：</Text>
            {v}
          </View>
        ))}
    </View>
  );
}

export default function HistoryList({ items }: { items: HistoryEntry[] }) {
  if (!items.length) return <View className='muted'>还没有记录。</View>;
  return (
    <View className='timeline' data-testid='history'>
      {items.map((h, i) => {
        const moved = h.from && h.from !== h.to;
        const consult = consultationOf(h);
        return (
          <View key={`${h.at}-${i}`} className={`timeline__item ${i === items.length - 1 ? 'timeline__item--last' : ''}`}>
            <View className='timeline__dot' />
            <View className='timeline__content'>
              <View className='timeline__head'>
                <Text className='timeline__label'>{h.label}</Text>
                <Text className='timeline__time'>{formatTime(h.at)}</Text>
              </View>
              <View className='timeline__actor'>
                {h.actorName}
                {RELATION_LABELS[h.relation] ? `（${RELATION_LABELS[h.relation]}）` : ''}
                {moved ? ` · ${STATUS_LABELS[h.from as keyof typeof STATUS_LABELS]} → ${STATUS_LABELS[h.to]}` : ''}
              </View>
              {consult ? <Consultation c={consult} /> : h.note ? <View className='timeline__note'>{h.note}</View> : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}
