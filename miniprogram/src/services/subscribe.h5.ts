/** h5（本地演示）没有微信订阅消息：跳过。 */
import type { SubscribeMoment } from './subscribe';

export async function askToSubscribe(_moment: SubscribeMoment): Promise<void> {}
