/**
 * 联络站首页（扫站点二维码打开）：这是哪个站、哪个委员小组、接下来会怎样，一个大大的"我要反映"，
 * 以及这个站已办结公开的案例。
 */
import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { AppError } from '@shared/domain/errors';
import type { CaseView, StationView } from '@shared/api/intake.api';
import { ratingTallyLabel } from '@shared/domain/ratings';
import PageShell from '../../components/page-shell';
import ErrorNote from '../../components/error-note';
import { intake } from '../../services/api';
import { formatDate, peopleLabel } from '../../services/format';
import { PAGES, go, withQuery } from '../../services/nav';
import { rememberStation, stationIdFromParams } from '../../services/station';
import './index.css';

export default function StationPage() {
  const { params } = useRouter();
  const stationId = stationIdFromParams(params);
  const [view, setView] = useState<StationView | null>(null);
  const [cases, setCases] = useState<CaseView[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (!stationId) return;
    let live = true;
    Promise.all([intake.getStation(stationId), intake.listCases(stationId)]).then(([s, c]) => {
      if (!live) return;
      if (s.ok) {
        setView(s.data);
        rememberStation(stationId);
      } else setError(s.error);
      if (c.ok) setCases(c.data.items);
    });
    return () => {
      live = false;
    };
  }, [stationId]);

  if (!stationId) {
    return (
      <PageShell>
        <View className='card'>
          <View className='card__title'>请扫描联络站的二维码</View>
          <View>在社区、村里的委员联络室门口找到"码上提"海报，用微信扫一扫，就能向委员反映问题、提出建议。</View>
        </View>
        <Footer />
      </PageShell>
    );
  }

  return (
    <PageShell className='station'>
      <ErrorNote error={error} />
      {!view && !error && <View className='loading'>正在打开联络站…</View>}
      {view && (
        <>
          <View className='card station__head'>
            <View className='station__name' data-testid='station-name'>
              {view.station.name}
            </View>
            <View className='station__group'>
              {view.group.name}
              {view.group.district ? ` · ${view.group.district}` : ''}
            </View>
            {view.station.address ? <View className='muted'>地址：{view.station.address}</View> : null}
            {view.station.intro ? <View className='station__intro'>{view.station.intro}</View> : null}
            {view.station.receptionHours ? <View className='muted'>委员接待：{view.station.receptionHours}</View> : null}
            {view.station.phone ? <View className='muted'>不方便扫码可以打电话：{view.station.phone}</View> : null}
            {view.categories.length ? <View className='muted' data-testid='station-categories'>可以反映：{view.categories.join('、')}</View> : null}
            <View className='station__stats'>
              <Text>正在办理 {view.stats.open} 件</Text>
              <Text>已办结 {view.stats.closed} 件</Text>
            </View>
          </View>

          <Button type='primary' size='large' block className='station__report' onClick={() => go(withQuery(PAGES.report, { station: stationId }))}>
            我要反映
          </Button>
          <View className='hint station__promise'>不用注册，一分钟写完。写问题、提建议都可以。</View>

          <View className='section-title'>接下来会怎样</View>
          <View className='card steps'>
            <Step n={1} text='您写下遇到的问题或建议，提交后马上得到一个编号。' />
            <Step n={2} text={`${view.group.name}的委员接单，找相关部门和居民一起协商办理，每一步进展都会告诉您。`} />
            <Step n={3} text='办好后请您评价：满意、基本满意还是不满意。不满意会重新办理。' />
          </View>

          {view.group.members.length > 0 && (
            <>
              <View className='section-title'>本站委员（{view.group.memberCount} 位）</View>
              <View className='card station__members'>
                {view.group.members.map((m, i) => (
                  <Text key={`${m.name}-${i}`} className='tag station__member'>
                    {m.name}
                    {m.sector ? ` · ${m.sector}` : ''}
                  </Text>
                ))}
              </View>
            </>
          )}

          <View className='section-title'>这里办成的事</View>
          {cases.length === 0 ? (
            <View className='card muted'>还没有公开的案例。</View>
          ) : (
            cases.map((c) => (
              <View key={c.ticketId} className='card' data-testid='case'>
                <View className='card__title'>{c.title}</View>
                <View className='row'>
                  <Text className='tag'>{c.category}</Text>
                  {ratingTallyLabel(c.ratingCounts) ? <Text className='tag' data-testid='case-ratings'>居民评价：{ratingTallyLabel(c.ratingCounts)}</Text> : null}
                  {c.reporterCount > 1 ? <Text className='tag'>{peopleLabel(c.reporterCount)}</Text> : null}
                </View>
                <View className='station__case-summary'>{c.summary}</View>
                <View className='muted'>办结于 {formatDate(c.closedAt)}</View>
              </View>
            ))
          )}
        </>
      )}
      <Footer />
    </PageShell>
  );
}

function Step({ n, text }: { n: number; text: string }) {
  return (
    <View className='steps__item'>
      <Text className='steps__num'>{n}</Text>
      <Text className='steps__text'>{text}</Text>
    </View>
  );
}

function Footer() {
  return (
    <View className='footer-links'>
      <View className='footer-links__item' onClick={() => go(PAGES.mine)}>
        我的反映
      </View>
      <View className='footer-links__item' data-testid='messages-entry' onClick={() => go(PAGES.messages)}>
        我的消息
      </View>
      <View className='footer-links__item' data-testid='member-entry' onClick={() => go(PAGES.workQueue)}>
        委员入口
      </View>
    </View>
  );
}
