/** 照片九宫格，点开看大图。地址为空的照片还在微信图片安全审核中（生产环境），显示占位。 */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';

export default function PhotoGrid({ urls }: { urls: string[] }) {
  if (!urls.length) return null;
  const ready = urls.filter(Boolean);
  return (
    <View className='photo-grid'>
      {urls.map((url, i) =>
        url ? (
          <Image key={url} className='photo-grid__img' src={url} mode='aspectFill' onClick={() => Taro.previewImage({ current: url, urls: ready })} />
        ) : (
          <View key={`pending-${i}`} className='photo-grid__img photo-grid__pending'>
            <Text>审核中</Text>
          </View>
        ),
      )}
    </View>
  );
}
