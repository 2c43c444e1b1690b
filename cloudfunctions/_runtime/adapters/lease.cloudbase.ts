/**
 * 定时任务的租约：同一时刻只有一个 cron 实例在投递发件箱（上一轮还没跑完、下一次触发又来了时，
 * 后来的直接退出，不会把同一条通知发两遍）。租约有到期时间，实例中途被杀也不会永远锁住。
 * 取租约是一个事务：读租约文档，没人持有或已过期才写上自己；两个实例同时抢，数据库的写冲突只让一个成功。
 */
import { collectionName } from './schema.cloudbase';
import { docOf, isTransactionConflict, type CloudbaseDatabase } from './db.cloudbase';

export class CloudbaseLease {
  private readonly collection: string;
  constructor(
    private readonly db: CloudbaseDatabase,
    collectionPrefix = '',
  ) {
    this.collection = collectionName('locks', collectionPrefix);
  }

  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    try {
      return await this.db.runTransaction(async (tx) => {
        const ref = tx.collection(this.collection).doc(name);
        const current = docOf(await ref.get());
        if (current && typeof current.until === 'string' && current.until > now.toISOString() && current.holder !== holder) return false;
        await ref.set({ holder, until: new Date(now.getTime() + ttlMs).toISOString(), lastRun: current?.lastRun ?? null });
        return true;
      }, 1);
    } catch (e) {
      if (isTransactionConflict(e)) return false;
      throw e;
    }
  }

  /** 放掉租约并记下这一轮的结果（控制台里看 locks 集合就知道投递最近一次跑得怎样）。
   *  lastRun 用 _.set 整体替换：普通对象会被 SDK 拆成逐字段的 $set，而旧值是 null 时数据库不能往里加字段 */
  async release(name: string, holder: string, lastRun: Record<string, unknown>): Promise<void> {
    await this.db.collection(this.collection).where({ _id: name, holder }).update({ until: new Date(0).toISOString(), lastRun: this.db.command.set(lastRun) });
  }
}
