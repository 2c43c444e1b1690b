/**
 * 选照片并立即上传（张数和大小按本县设置）：草稿里只存上传后的 fileId，提交失败也不必重传。
 * 每张可删除；上传失败给出中文提示，不影响已上传的。
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { fail, withMessageParams, type AppError } from '@shared/domain/errors';
import { DEFAULT_SETTINGS, messageParams, type ReportLimits } from '@shared/domain/settings';
import { photoPreviewUrl, uploadPhoto } from '../services/api';
import ErrorNote from './error-note';

interface Props {
  fileIds: string[];
  onChange: (fileIds: string[]) => void;
  /** 本县的限制（站点信息里下发）；没有时用默认值 */
  limits?: Pick<ReportLimits, 'maxPhotos' | 'maxPhotoBytes'>;
}

export default function PhotoPicker({ fileIds, onChange, limits = DEFAULT_SETTINGS }: Props) {
  const max = limits.maxPhotos;
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const room = max - fileIds.length - uploading;

  async function choose() {
    if (room <= 0) return;
    setError(null);
    let chosen: Taro.chooseImage.SuccessCallbackResult;
    try {
      chosen = await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    } catch {
      return; // 用户取消
    }
    const files = chosen.tempFiles.slice(0, room);
    setUploading((n) => n + files.length);
    const added: string[] = [];
    for (const f of files) {
      const tooBig = f.size > limits.maxPhotoBytes;
      const original = (f as { originalFileObj?: { name?: string } }).originalFileObj;
      const res = tooBig
        ? withMessageParams(fail<{ fileId: string }>('UPLOAD.TOO_LARGE'), messageParams({ ...DEFAULT_SETTINGS, ...limits }))
        : await uploadPhoto({ path: f.path, size: f.size, name: original?.name });
      setUploading((n) => n - 1);
      if (res.ok) added.push(res.data.fileId);
      else setError(res.error);
    }
    if (added.length) onChange([...fileIds, ...added]);
  }

  return (
    <View className='photo-picker'>
      <View className='photo-picker__grid'>
        {fileIds.map((id, i) => (
          <View key={id} className='photo-picker__cell' data-testid='photo'>
            <Image className='photo-picker__img' src={photoPreviewUrl(id)} mode='aspectFill' />
            <View className='photo-picker__remove' onClick={() => onChange(fileIds.filter((_, j) => j !== i))}>
              删除
            </View>
          </View>
        ))}
        {Array.from({ length: uploading }, (_, i) => (
          <View key={`up-${i}`} className='photo-picker__cell photo-picker__cell--busy'>
            <Text>上传中…</Text>
          </View>
        ))}
        {room > 0 && (
          <View className='photo-picker__cell photo-picker__add' data-testid='add-photo' onClick={choose}>
            <Text className='photo-picker__plus'>＋</Text>
            <Text>添加照片</Text>
          </View>
        )}
      </View>
      <View className='hint'>
        已选 {fileIds.length}/{max} 张
      </View>
      <ErrorNote error={error} />
    </View>
  );
}
