export default definePageConfig({ navigationBarTitleText: '每月通报' });
