/**
 * 页面：居民用的页面放主包（扫码后第一次打开要快），委员、召集人用的放 packages/work 分包。
 */
export default defineAppConfig({
  pages: ['pages/station/index', 'pages/report/index', 'pages/done/index', 'pages/mine/index', 'pages/ticket/index'],
  subPackages: [
    {
      root: 'packages/work',
      pages: ['queue/index', 'ticket/index', 'messages/index', 'bind/index', 'act/index'],
    },
  ],
  window: {
    navigationBarTitleText: '码上提',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f1ec',
  },
});
