/**
 * 每个页面的外框：统一的底色和字号；本地 h5 构建在顶部多一条身份切换条。
 */
import type { PropsWithChildren } from 'react';
import { View } from '@tarojs/components';
import DevBar from './dev-bar';

export default function PageShell({ children, className = '' }: PropsWithChildren<{ className?: string }>) {
  return (
    <View className={`page ${className}`}>
      <DevBar />
      <View className='page__body'>{children}</View>
    </View>
  );
}
