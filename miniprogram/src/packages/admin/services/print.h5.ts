/** h5（办公室电脑上的本地后台）：浏览器的打印对话框；A4 版式在 print.h5.css，只进 h5 构建。 */
import './print.h5.css';

export const canPrint = true;

export function printPage(): void {
  window.print();
}
