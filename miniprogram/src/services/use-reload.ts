/**
 * 列表和工单页的刷新：每次页面显示（从表单或消息返回时）和下拉刷新都重新加载，加载完收起下拉的转圈。
 */
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';

export function useReloadOnShow(load: () => unknown): void {
  const reload = () => {
    Promise.resolve(load()).finally(() => Taro.stopPullDownRefresh());
  };
  useDidShow(reload);
  usePullDownRefresh(reload);
}
