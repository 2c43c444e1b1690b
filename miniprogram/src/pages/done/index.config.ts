export default definePageConfig({ navigationBarTitleText: '已收到您的反映' });
