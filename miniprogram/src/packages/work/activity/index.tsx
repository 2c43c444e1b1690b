/**
 * 我的履职积分：委员看自己一个月的积分和每一分的来历（哪张单、什么事、哪天），点一条打开那张工单。
 * 规则（几分、每月上限）由县里在设置里定；超过上限的照样列出，标"本月已到上限"。
 */
import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { AppError } from '@shared/domain/errors';
import type { MemberActivityRow } from '@shared/api/admin.api';
import { ACTIVITY_LABELS } from '@shared/domain/activity';
import { nextPeriod, periodLabel, previousPeriod } from '@shared/domain/periods';
import PageShell from '../../../components/page-shell';
import ErrorNote from '../../../components/error-note';
import { work } from '../../../services/api';
import { formatTime, todayInBeijing } from '../../../services/format';
import { useReloadOnShow } from '../../../services/use-reload';
import { PAGES, go, withQuery } from '../../../services/nav';

export default function ActivityPage() {
  const [month, setMonth] = useState(() => todayInBeijing().slice(0, 7));
  const [row, setRow] = useState<MemberActivityRow | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const r = await work.myActivity(month);
    if (!r.ok) return setError(r.error);
    setError(null);
    setRow(r.data);
  }, [month]);
  useReloadOnShow(load);

  return (
    <PageShell className='activity'>
      <View className='card'>
        <View className='title' data-testid='activity-month'>
          {periodLabel(month)}的履职积分
        </View>
        <View className='row'>
          <Text className='link' data-testid='activity-prev' onClick={() => setMonth(previousPeriod(month))}>
            ‹ 看上个月
          </Text>
          {month < todayInBeijing().slice(0, 7) && (
            <Text className='link' data-testid='activity-next' onClick={() => setMonth(nextPeriod(month))}>
              　看下个月 ›
            </Text>
          )}
        </View>
        <ErrorNote error={error} />
        {row && (
          <View>
            <View className='big' data-testid='activity-points'>
              {row.points} 分
            </View>
            {row.items.length === 0 && <View className='empty'>这个月还没有记分的事。</View>}
            {row.items.map((i) => (
              <View key={`${i.ticketId}-${i.kind}-${i.at}`} className='list-item card--tap' data-testid='activity-item' onClick={() => go(withQuery(PAGES.workTicket, { id: i.ticketId }))}>
                {formatTime(i.at)} · {ACTIVITY_LABELS[i.kind]} · {i.ticketNo} · {i.counted ? `${i.points} 分` : '本月已到上限，不计分'}
              </View>
            ))}
          </View>
        )}
      </View>
    </PageShell>
  );
}
