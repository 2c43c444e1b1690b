export default definePageConfig({ navigationBarTitleText: '县级设置' });
