/**
 * 页面路径与跳转。通知里带的 page（如 `packages/work/ticket/index?id=…`）也从这里打开。
 */
import Taro from '@tarojs/taro';

export const PAGES = {
  station: '/pages/station/index',
  report: '/pages/report/index',
  done: '/pages/done/index',
  mine: '/pages/mine/index',
  ticket: '/pages/ticket/index',
  messages: '/pages/messages/index',
  workQueue: '/packages/work/queue/index',
  workTicket: '/packages/work/ticket/index',
  workMessages: '/packages/work/messages/index',
  workBind: '/packages/work/bind/index',
  workAct: '/packages/work/act/index',
  workActivity: '/packages/work/activity/index',
  adminHome: '/packages/admin/index/index',
  adminStations: '/packages/admin/stations/index',
  adminGroups: '/packages/admin/groups/index',
  adminMembers: '/packages/admin/members/index',
  adminImport: '/packages/admin/import/index',
  adminPoster: '/packages/admin/poster/index',
  adminSlips: '/packages/admin/slips/index',
  adminSettings: '/packages/admin/settings/index',
  adminAudit: '/packages/admin/audit/index',
  adminDashboard: '/packages/admin/dashboard/index',
  adminReport: '/packages/admin/report/index',
} as const;

export function withQuery(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** 微信页面栈最多 10 层：满了就改用 redirectTo，不让点击没反应。 */
export function go(url: string): void {
  Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }));
}

export function replace(url: string): void {
  Taro.redirectTo({ url });
}

/** 返回上一页；没有上一页（从通知或链接直接打开）时去 fallback。 */
export function back(fallback: string): void {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack();
  else Taro.reLaunch({ url: fallback });
}

/** 通知里的 page 不带前导斜杠 */
export function openNotificationPage(page: string): void {
  go(page.startsWith('/') ? page : `/${page}`);
}
