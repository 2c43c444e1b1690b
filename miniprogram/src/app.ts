/**
 * 小程序入口：微信里初始化云开发；h5 上把海报链接里的 ?station= 改写成联络站页面。
 */
import { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { initTransport } from './services/cloud-client';
import { handleLaunchLink } from './services/launch';
import './app.css';

// 要在路由读取地址之前改写，所以在模块加载时执行，而不是等 useLaunch
handleLaunchLink();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    initTransport();
  });
  return children;
}

export default App;
