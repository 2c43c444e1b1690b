/**
 * 管理后台每一页的外框：宽屏时左边是导航、右边是内容，手机上导航是顶上一排可横划的按钮。
 * 导航之间用 redirectTo 切换，页面栈不会越叠越深。不是管理员的人只看到服务端的中文提示。
 */
import { useEffect, useState, type PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import type { AdminWhoAmI } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import PageShell from '../../../components/page-shell';
import ErrorNote from '../../../components/error-note';
import { PAGES, replace } from '../../../services/nav';
import { scopeLabel, whoamiAdmin } from '../services/session';
import './admin.css';

export const ADMIN_NAV = [
  { key: 'home', label: '首页', url: PAGES.adminHome },
  { key: 'dashboard', label: '三率看板', url: PAGES.adminDashboard },
  { key: 'report', label: '每月通报', url: PAGES.adminReport },
  { key: 'stations', label: '联络站', url: PAGES.adminStations },
  { key: 'groups', label: '委员小组', url: PAGES.adminGroups },
  { key: 'members', label: '委员', url: PAGES.adminMembers },
  { key: 'import', label: '粘贴导入', url: PAGES.adminImport },
  { key: 'posters', label: '海报', url: PAGES.adminPoster },
  { key: 'settings', label: '县级设置', url: PAGES.adminSettings },
  { key: 'audit', label: '操作记录', url: PAGES.adminAudit },
] as const;

export type AdminSection = (typeof ADMIN_NAV)[number]['key'];

/** openToConveners：统计页召集人也能看（服务端按召集的小组给数），不是管理员时不挡内容 */
export default function AdminShell({ section, title, lead, openToConveners = false, children }: PropsWithChildren<{ section: AdminSection; title: string; lead?: string; openToConveners?: boolean }>) {
  const [who, setWho] = useState<AdminWhoAmI | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    whoamiAdmin().then((r) => (r.ok ? setWho(r.data) : setError(r.error)));
  }, []);

  return (
    <PageShell className='adm-page'>
      <View className='adm'>
        <View className='adm__nav adm-noprint' data-testid='admin-nav'>
          <View className='adm__brand'>码上提 · 管理后台</View>
          {who && (
            <View className='adm__who' data-testid='admin-who'>
              {who.name} · 管理{scopeLabel(who)}
            </View>
          )}
          <View className='adm__links'>
            {ADMIN_NAV.map((n) => (
              <View key={n.key} className={`adm__link ${n.key === section ? 'adm__link--on' : ''}`} data-testid={`nav-${n.key}`} onClick={() => replace(n.url)}>
                {n.label}
              </View>
            ))}
          </View>
        </View>
        <View className='adm__main'>
          <View className='adm__title adm-noprint'>{title}</View>
          {lead && <View className='adm__lead adm-noprint'>{lead}</View>}
          {!(openToConveners && error?.code === 'ADMIN.NOT_ADMIN') && <ErrorNote error={error} />}
          {error?.code === 'ADMIN.NOT_ADMIN' && !openToConveners ? null : children}
        </View>
      </View>
    </PageShell>
  );
}
