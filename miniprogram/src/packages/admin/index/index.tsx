/**
 * 管理后台首页：全县有几个站、几个小组、几位委员（几位已绑定），以及建一个新站的四步。
 * 每一块点进去就是那一页。
 */
import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import type { GroupRow, MemberRow, StationRow } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import ErrorNote from '../../../components/error-note';
import { PAGES, replace } from '../../../services/nav';
import { useReloadOnShow } from '../../../services/use-reload';
import AdminShell from '../components/admin-shell';
import { admin } from '../services/admin-api';

interface Overview {
  stations: StationRow[];
  groups: GroupRow[];
  members: MemberRow[];
}

const STEPS = [
  { text: '建委员小组（名称、片区、企业微信群机器人）', url: PAGES.adminGroups },
  { text: '建联络站（名称、地址、接待时间、所属小组）', url: PAGES.adminStations },
  { text: '添加委员（一位一位加，或从表格粘贴导入），打印邀请条发给委员', url: PAGES.adminMembers },
  { text: '打印联络站海报，贴在站里', url: PAGES.adminPoster },
];

export default function AdminHomePage() {
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const [s, g, m] = await Promise.all([admin.listStations(), admin.listGroups(), admin.listMembers()]);
    const failed = [s, g, m].find((r) => !r.ok);
    if (failed && !failed.ok) return setError(failed.error);
    if (s.ok && g.ok && m.ok) {
      setError(null);
      setData({ stations: s.data.items, groups: g.data.items, members: m.data.items });
    }
  }, []);
  useReloadOnShow(load);

  const active = data?.members.filter((m) => m.active) ?? [];
  const stats = data && [
    { label: '联络站', num: data.stations.length, sub: `受理中 ${data.stations.filter((s) => s.enabled).length} · 暂停 ${data.stations.filter((s) => !s.enabled).length}`, url: PAGES.adminStations, testid: 'stat-stations' },
    { label: '委员小组', num: data.groups.length, sub: `没配机器人的 ${data.groups.filter((g) => !g.hasWebhook).length} 个`, url: PAGES.adminGroups, testid: 'stat-groups' },
    { label: '在任委员', num: active.length, sub: `已绑定微信 ${active.filter((m) => m.bound).length} · 未绑定 ${active.filter((m) => !m.bound).length}`, url: PAGES.adminMembers, testid: 'stat-members' },
    { label: '未办结的反映', num: data.stations.reduce((n, s) => n + s.open, 0), sub: `已办结 ${data.stations.reduce((n, s) => n + s.closed, 0)}`, url: PAGES.adminStations, testid: 'stat-open' },
  ];

  return (
    <AdminShell section='home' title='管理后台' lead='政协办在这里管联络站、委员小组和委员，打印海报和邀请条，改县里的设置。每一次修改都记在操作记录里。'>
      <ErrorNote error={error} />
      {!data && !error && <View className='loading'>正在加载…</View>}
      {stats && (
        <View className='adm-stats'>
          {stats.map((s) => (
            <View key={s.label} className='adm-stat' data-testid={s.testid} onClick={() => replace(s.url)}>
              <View className='adm-stat__num'>{s.num}</View>
              <View className='adm-stat__label'>{s.label}</View>
              <View className='adm-stat__sub'>{s.sub}</View>
            </View>
          ))}
        </View>
      )}
      <View className='adm-card'>
        <View className='adm-card__title'>新开一个联络站，四步</View>
        <View className='steps'>
          {STEPS.map((s, i) => (
            <View key={s.text} className='steps__item' onClick={() => replace(s.url)}>
              <View className='steps__num'>{i + 1}</View>
              <View className='steps__text link'>{s.text}</View>
            </View>
          ))}
        </View>
      </View>
    </AdminShell>
  );
}
