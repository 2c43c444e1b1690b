/**
 * 请求订阅消息（仅微信）：必须在用户点击的处理函数里、任何 await 之前调用。
 * 实现：subscribe.weapp.ts；h5 上什么也不做（subscribe.h5.ts）。
 */
export type SubscribeMoment = 'submit' | 'rate';
export declare function askToSubscribe(moment: SubscribeMoment): Promise<void>;
