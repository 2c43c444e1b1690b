/**
 * recordSubscription：小程序里 requestSubscribeMessage 被接受后记下额度（一次性订阅一次只能发一条）。
 * 只记本县配置过的模板，防止伪造的模板 id 塞进来。
 */
import { ok, type Result } from '../../domain/errors';
import type { Deps } from '../context';

export async function recordSubscription(deps: Deps, openid: string, accepted: string[]): Promise<Result<{ recorded: number }>> {
  const known = new Set(deps.subscribeTemplates ?? []);
  const granted = [...new Set(accepted)].filter((t) => known.has(t));
  if (granted.length) await deps.store.grantSubscriptions(openid, granted);
  return ok({ recorded: granted.length });
}
