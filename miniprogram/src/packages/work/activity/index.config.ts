export default definePageConfig({ navigationBarTitleText: '我的履职积分' });
