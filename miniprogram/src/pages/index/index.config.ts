export default definePageConfig({ navigationBarTitleText: '码上提' });
