/**
 * 订阅消息额度的 SQLite 实现：每接受一次一次性订阅，(openid, 模板) 的剩余条数加 1；
 * 发送前条件扣减（剩余 > 0 才减），改到一行说明这一条发送权归本次。
 */
import type { SubscriptionStore } from '../../../shared/ports/store.port';
import type { SqliteConnection } from './db.sqlite';

export function sqliteSubscriptionStore(c: SqliteConnection): SubscriptionStore {
  const { db } = c;
  const stmts = c.prepareAll({
    grant: 'INSERT INTO subscriptions (openid, template_id, remaining) VALUES (?, ?, 1) ON CONFLICT (openid, template_id) DO UPDATE SET remaining = remaining + 1',
    consume: 'UPDATE subscriptions SET remaining = remaining - 1 WHERE openid = ? AND template_id = ? AND remaining > 0',
    balance: 'SELECT template_id AS t, remaining AS n FROM subscriptions WHERE openid = ?',
  });

  return {
    async grantSubscriptions(openid: string, templateIds: string[]): Promise<void> {
      c.operations++;
      db.transaction(() => {
        for (const t of templateIds) stmts.grant.run(openid, t);
      })();
    },

    async consumeSubscription(openid: string, templateId: string): Promise<boolean> {
      c.operations++;
      return stmts.consume.run(openid, templateId).changes === 1;
    },

    async subscriptionBalance(openid: string): Promise<Record<string, number>> {
      c.operations++;
      const rows = stmts.balance.all(openid) as Array<{ t: string; n: number }>;
      return Object.fromEntries(rows.map((r) => [r.t, r.n]));
    },
  };
}
