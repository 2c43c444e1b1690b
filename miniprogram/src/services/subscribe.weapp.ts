/**
 * 在"提交""评价"这两个自然的点击时请求一次性订阅（每次授权只能发一条消息），
 * 并把结果告诉服务端，服务端按人记录剩余可发条数。模板 id 没配置时跳过。
 */
import Taro from '@tarojs/taro';
import { SUBSCRIBE_TEMPLATES } from '../config/app-settings';
import { intake } from './api';
import type { SubscribeMoment } from './subscribe';

export async function askToSubscribe(moment: SubscribeMoment): Promise<void> {
  const templateIds = SUBSCRIBE_TEMPLATES[moment].slice(0, 3);
  if (!templateIds.length) return;
  let accepted: string[] = [];
  try {
    // 第一个 await 之前发起，仍算在用户点击里
    const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    accepted = templateIds.filter((id) => res[id] === 'accept');
  } catch (e) {
    // 用户关了订阅开关或点了取消：不影响提交
    console.warn('[subscribe] 未获得订阅授权', e);
  }
  const result = await intake.recordSubscription(templateIds, accepted);
  if (!result.ok) console.warn('[subscribe] 记录订阅结果失败', result.error.code);
}
