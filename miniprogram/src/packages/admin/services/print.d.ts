/**
 * 类型声明：打印当前页面（海报、邀请码条子）。实际实现在 print.h5.ts（浏览器打印）与
 * print.weapp.ts（微信里不能打印，给出提示），编译时 Taro 按平台后缀选择其一。
 */
/** 这个平台能不能直接打印 */
export declare const canPrint: boolean;
/** 打开打印对话框；不能打印的平台提示怎么办 */
export declare function printPage(): void;
