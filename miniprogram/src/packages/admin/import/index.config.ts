export default definePageConfig({ navigationBarTitleText: '粘贴导入委员' });
