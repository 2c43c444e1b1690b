/**
 * 订阅消息额度的 CloudBase 实现：文档 _id = (openid, 模板) 的散列，remaining 是剩余条数。
 * 授权在事务里读后加 1；扣减是单文档条件更新 where({ _id, remaining > 0 }).update()，updated = 1 说明谁赢了。
 */
import type { SubscriptionStore } from '../../../shared/ports/store.port';
import { docOf, hashKey, type CloudbaseConnection } from './db.cloudbase';

const subscriptionId = (openid: string, templateId: string) => hashKey('subscription', openid, templateId);

export function cloudbaseSubscriptionStore(c: CloudbaseConnection): SubscriptionStore {
  return {
    async grantSubscriptions(openid: string, templateIds: string[]): Promise<void> {
      if (!templateIds.length) return;
      await c.transactionWithRetry(async (tx) => {
        for (const templateId of templateIds) {
          const ref = tx.collection(c.names.subscriptions).doc(subscriptionId(openid, templateId));
          const current = docOf(await ref.get());
          await ref.set({ openid, templateId, remaining: (current ? Number(current.remaining) : 0) + 1 });
        }
      });
    },

    /** 条件扣减：只有剩余 > 0 时才减 1，updated = 1 说明这一条发送权归本次 */
    async consumeSubscription(openid: string, templateId: string): Promise<boolean> {
      c.operations++;
      const res = await c
        .col('subscriptions')
        .where({ _id: subscriptionId(openid, templateId), remaining: c._.gt(0) })
        .update({ remaining: c._.inc(-1) });
      return res.updated === 1;
    },

    async subscriptionBalance(openid: string): Promise<Record<string, number>> {
      const rows = await c.readAll('subscriptions', { openid });
      return Object.fromEntries(rows.map((r) => [String(r.templateId), Number(r.remaining)]));
    },
  };
}
