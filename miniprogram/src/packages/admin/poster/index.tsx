/**
 * 联络站海报：一站一张 A4（打印时每张一页）——站名地址、大大的码、三步、小组与委员、接待时间、
 * 不会扫码的居民打的电话、隐私说明。?station=<id> 印一个站；?group=<id> 印全组的站；都没有时先选。
 * 码：本地与 h5 是站点链接的二维码（qrSvg），微信里是小程序码图片（url）。
 */
import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { GROUP_ROLE_LABELS, type GroupRow, type StationPoster, type StationRow } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import ErrorNote from '../../../components/error-note';
import { PAGES, replace, withQuery } from '../../../services/nav';
import AdminShell from '../components/admin-shell';
import { Btn, Cell, TableHead } from '../components/ui';
import { admin } from '../services/admin-api';
import { codeImageSrc } from '../services/code-image';
import { canPrint, printPage } from '../services/print';
import './index.css';

export const POSTER_STEPS = [
  { title: '扫码', text: '用微信扫上面的码' },
  { title: '写下问题', text: '说说遇到的问题或建议，可以拍照' },
  { title: '委员接单办理', text: '本组委员接单，协商办理，结果告诉您' },
];

export default function PosterPage() {
  const { params } = useRouter();
  const [posters, setPosters] = useState<StationPoster[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (params.station)
      admin.stationPoster(params.station).then((r) => (r.ok ? setPosters([r.data]) : setError(r.error)));
    else if (params.group) admin.groupPosters(params.group).then((r) => (r.ok ? setPosters(r.data.items) : setError(r.error)));
  }, [params.station, params.group]);

  if (!params.station && !params.group) return <PosterChooser />;

  return (
    <AdminShell section='posters' title={posters && posters.length > 1 ? `全组海报（${posters.length} 张）` : '联络站海报'} lead='打印在 A4 纸上（打印设置里选"A4"、边距"无"或"默认"都可以），贴在联络站门口和接待室。'>
      <ErrorNote error={error} />
      {posters === null && !error && <View className='loading'>正在生成海报…</View>}
      {posters?.length === 0 && <View className='empty'>这个小组还没有联络站。</View>}
      {posters && posters.length > 0 && (
        <View className='adm-actions adm-noprint'>
          <Btn kind='primary' testid='print' onClick={printPage}>
            打印{posters.length > 1 ? `（${posters.length} 页）` : ''}
          </Btn>
          <Btn kind='plain' onClick={() => replace(PAGES.adminPoster)}>
            选别的站
          </Btn>
          {!canPrint && <View className='hint'>微信里不能直接打印：请在电脑上打开管理后台的这一页打印，或长按小程序码保存。</View>}
        </View>
      )}
      <View className='posters'>
        {posters?.map((p) => (
          <Poster key={p.station.id} poster={p} />
        ))}
      </View>
    </AdminShell>
  );
}

function Poster({ poster }: { poster: StationPoster }) {
  const src = codeImageSrc(poster);
  const conveners = poster.members.filter((m) => m.role === 'convener');
  const members = poster.members.filter((m) => m.role !== 'convener');
  return (
    <View className='poster' data-testid='poster'>
      {!poster.station.enabled && <View className='poster__paused adm-noprint'>这个站现在暂停受理：贴出海报前请先恢复受理。</View>}
      <View className='poster__head'>
        <View className='poster__kicker'>政协委员联络站 · 有事来反映</View>
        <View className='poster__name' data-testid='poster-station'>
          {poster.station.name}
        </View>
        <View className='poster__address'>{poster.station.address}</View>
      </View>
      <View className='poster__code-wrap'>
        {src ? <Image className='poster__code' data-testid='poster-code' src={src} mode='scaleToFill' /> : <View className='poster__code poster__code--missing'>码还没有生成，请稍后刷新</View>}
        <View className='poster__scan'>微信扫一扫 · 反映问题和建议</View>
      </View>
      <View className='poster__steps'>
        {POSTER_STEPS.map((s, i) => (
          <View key={s.title} className='poster__step'>
            <View className='poster__step-num'>{i + 1}</View>
            <View className='poster__step-title'>{s.title}</View>
            <View className='poster__step-text'>{s.text}</View>
          </View>
        ))}
      </View>
      <View className='poster__facts'>
        <View className='poster__fact'>
          <Text className='poster__label'>委员小组</Text>
          {poster.group.name}
          {poster.group.area ? `（${poster.group.area}）` : ''}
        </View>
        {conveners.length > 0 && (
          <View className='poster__fact'>
            <Text className='poster__label'>{GROUP_ROLE_LABELS.convener}</Text>
            {conveners.map((m) => (m.sector ? `${m.name}（${m.sector}）` : m.name)).join('、')}
          </View>
        )}
        {members.length > 0 && (
          <View className='poster__fact'>
            <Text className='poster__label'>委员</Text>
            {members.map((m) => (m.sector ? `${m.name}（${m.sector}）` : m.name)).join('、')}
          </View>
        )}
        {poster.station.receptionHours && (
          <View className='poster__fact'>
            <Text className='poster__label'>接待时间</Text>
            {poster.station.receptionHours}
          </View>
        )}
        <View className='poster__fact poster__phone' data-testid='poster-phone'>
          <Text className='poster__label'>不会扫码？</Text>
          {poster.station.phone ? `请拨打 ${poster.station.phone}` : '接待时间请直接到站里来，委员当面记下。'}
        </View>
      </View>
      <View className='poster__privacy' data-testid='poster-privacy'>
        {poster.privacyNotice}
      </View>
    </View>
  );
}

/** 没指定站时：列出站和小组，选一个印 */
function PosterChooser() {
  const [stations, setStations] = useState<StationRow[] | null>(null);
  const [groups, setGroups] = useState<GroupRow[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    Promise.all([admin.listStations(), admin.listGroups()]).then(([s, g]) => {
      if (!s.ok) return setError(s.error);
      if (!g.ok) return setError(g.error);
      setStations(s.data.items);
      setGroups(g.data.items);
    });
  }, []);

  return (
    <AdminShell section='posters' title='海报' lead='选一个联络站印它的海报，或者一次印一个小组的全部联络站（每站一页）。'>
      <ErrorNote error={error} />
      {stations === null && !error && <View className='loading'>正在加载…</View>}
      {groups.length > 0 && (
        <View className='adm-card'>
          <View className='adm-card__title'>按小组一次印完</View>
          <View className='adm-actions'>
            {groups
              .filter((g) => g.stationCount > 0)
              .map((g) => (
                <Btn key={g.id} testid='group-posters' onClick={() => replace(withQuery(PAGES.adminPoster, { group: g.id }))}>
                  {g.name}（{g.stationCount} 张）
                </Btn>
              ))}
          </View>
        </View>
      )}
      {stations && stations.length > 0 && (
        <View className='adm-table'>
          <TableHead cells={[{ label: '联络站', cls: 'adm-cell--3' }, { label: '委员小组', cls: 'adm-cell--2' }, { label: '', cls: 'adm-cell--2' }]} />
          {stations.map((s) => (
            <View key={s.id} className='adm-row' data-testid='poster-station-row'>
              <Cell label='联络站' cls='adm-cell--3'>
                <View className='adm-cell__main'>{s.name}</View>
                <View className='adm-cell__sub'>{s.address}</View>
              </Cell>
              <Cell label='委员小组' cls='adm-cell--2'>
                {s.groupName}
              </Cell>
              <Cell label='' cls='adm-cell--2'>
                <Btn small kind='primary' testid='station-poster' onClick={() => replace(withQuery(PAGES.adminPoster, { station: s.id }))}>
                  印这个站的海报
                </Btn>
              </Cell>
            </View>
          ))}
        </View>
      )}
      {stations?.length === 0 && <View className='empty'>还没有联络站。</View>}
    </AdminShell>
  );
}
