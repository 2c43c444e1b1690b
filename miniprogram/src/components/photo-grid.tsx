/** 照片九宫格，点开看大图。 */
import Taro from '@tarojs/taro';
import { Image, View } from '@tarojs/components';

export default function PhotoGrid({ urls }: { urls: string[] }) {
  if (!urls.length) return null;
  return (
    <View className='photo-grid'>
      {urls.map((url) => (
        <Image key={url} className='photo-grid__img' src={url} mode='aspectFill' onClick={() => Taro.previewImage({ current: url, urls })} />
      ))}
    </View>
  );
}
