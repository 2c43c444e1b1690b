export default defineAppConfig({
  pages: ['pages/index/index'],
  window: { navigationBarTitleText: '码上提', navigationBarBackgroundColor: '#b71c1c', navigationBarTextStyle: 'white' },
});
