/**
 * 反映草稿：文字、类型、照片、联系方式和 clientRequestId 一起存在手机上，直到提交成功才删除。
 * 提交失败（断网、服务忙）时什么都不丢；重试沿用同一个 clientRequestId，服务端据此不会重复立单。
 */
import Taro from '@tarojs/taro';
import type { ReportKind } from '@shared/domain/vocabulary';

export interface ReportDraft {
  stationId: string;
  text: string;
  kind: ReportKind | null;
  /** 已上传照片的 fileId */
  photos: string[];
  contactName: string;
  contactPhone: string;
  anonymous: boolean;
  clientRequestId: string;
}

const keyOf = (stationId: string) => `mst.draft.${stationId}`;

/** 每份草稿一个：时间戳 + 随机数，满足服务端的 [\w-]{8,64} */
export function newClientRequestId(): string {
  const random = Array.from({ length: 3 }, () => Math.random().toString(36).slice(2, 8)).join('');
  return `r${Date.now().toString(36)}-${random}`;
}

export function emptyDraft(stationId: string): ReportDraft {
  return { stationId, text: '', kind: null, photos: [], contactName: '', contactPhone: '', anonymous: false, clientRequestId: newClientRequestId() };
}

export function loadDraft(stationId: string): ReportDraft {
  try {
    const saved = Taro.getStorageSync(keyOf(stationId)) as Partial<ReportDraft> | '';
    if (saved && typeof saved === 'object' && typeof saved.clientRequestId === 'string') {
      return { ...emptyDraft(stationId), ...saved, stationId };
    }
  } catch (e) {
    console.error('[draft] 读取草稿失败', e);
  }
  return emptyDraft(stationId);
}

export function saveDraft(draft: ReportDraft): void {
  try {
    Taro.setStorageSync(keyOf(draft.stationId), draft);
  } catch (e) {
    console.error('[draft] 保存草稿失败', e);
  }
}

export function clearDraft(stationId: string): void {
  try {
    Taro.removeStorageSync(keyOf(stationId));
  } catch (e) {
    console.error('[draft] 删除草稿失败', e);
  }
}

/** 有没有值得保留的内容（用于提示"已恢复上次没提交的内容"） */
export function hasContent(draft: ReportDraft): boolean {
  return Boolean(draft.text.trim() || draft.photos.length || draft.contactName || draft.contactPhone);
}
