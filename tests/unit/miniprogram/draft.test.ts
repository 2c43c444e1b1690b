/** 反映草稿：存在手机上直到提交成功；clientRequestId 每份草稿一个，重试不变。 */
const storage = new Map<string, unknown>();
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => storage.set(k, JSON.parse(JSON.stringify(v))),
    removeStorageSync: (k: string) => storage.delete(k),
  },
}));

import { clearDraft, emptyDraft, hasContent, loadDraft, newClientRequestId, saveDraft } from '../../../miniprogram/src/services/draft';

beforeEach(() => storage.clear());

test('clientRequestId 符合服务端的格式，且每次不同', () => {
  const ids = new Set(Array.from({ length: 200 }, () => newClientRequestId()));
  expect(ids.size).toBe(200);
  for (const id of ids) expect(id).toMatch(/^[\w-]{8,64}$/);
});

test('保存后再打开，文字、照片、联系方式和 clientRequestId 都在', () => {
  const d = { ...emptyDraft('demo-station-1'), text: '路灯坏了', kind: 'problem' as const, photos: ['local://uploads/a.png'], contactName: '张阿姨', contactPhone: '13812345678' };
  saveDraft(d);
  const again = loadDraft('demo-station-1');
  expect(again).toEqual(d);
  expect(hasContent(again)).toBe(true);
});

test('没有草稿时给一份空的新草稿；不同联络站的草稿互不干扰', () => {
  saveDraft({ ...emptyDraft('demo-station-1'), text: '甲站的事' });
  const other = loadDraft('demo-station-2');
  expect(other.text).toBe('');
  expect(hasContent(other)).toBe(false);
  expect(loadDraft('demo-station-1').text).toBe('甲站的事');
});

test('提交成功清除草稿后，下一份草稿换一个新的 clientRequestId', () => {
  const first = loadDraft('demo-station-1');
  saveDraft({ ...first, text: '一件事' });
  expect(loadDraft('demo-station-1').clientRequestId).toBe(first.clientRequestId);
  clearDraft('demo-station-1');
  expect(loadDraft('demo-station-1').clientRequestId).not.toBe(first.clientRequestId);
});
