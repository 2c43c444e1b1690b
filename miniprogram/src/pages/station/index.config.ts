export default definePageConfig({ navigationBarTitleText: '码上提 · 委员联络站' });
