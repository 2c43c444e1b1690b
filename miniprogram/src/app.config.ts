/**
 * 页面：居民用的页面放主包（扫码后第一次打开要快），委员、召集人用的放 packages/work 分包，
 * 政协办的管理后台放 packages/admin 分包。
 */
export default defineAppConfig({
  pages: ['pages/station/index', 'pages/report/index', 'pages/done/index', 'pages/mine/index', 'pages/ticket/index', 'pages/messages/index'],
  subPackages: [
    {
      root: 'packages/work',
      pages: ['queue/index', 'ticket/index', 'messages/index', 'bind/index', 'act/index', 'activity/index'],
    },
    {
      root: 'packages/admin',
      pages: ['index/index', 'stations/index', 'groups/index', 'members/index', 'import/index', 'poster/index', 'slips/index', 'settings/index', 'audit/index', 'dashboard/index', 'report/index'],
    },
  ],
  window: {
    navigationBarTitleText: '码上提',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f1ec',
  },
});
