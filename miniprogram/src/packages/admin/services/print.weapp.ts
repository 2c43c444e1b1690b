/** 微信里不能直接打印：提示到电脑上打开本地后台打印，或保存图片。 */
import Taro from '@tarojs/taro';

export const canPrint = false;

export function printPage(): void {
  Taro.showModal({ title: '请在电脑上打印', content: '微信里不能直接打印。请在办公室电脑上打开管理后台的这一页打印，或截图保存后打印。', showCancel: false });
}
