/**
 * stationcode 云函数：给联络站生成小程序码（wxacode.getUnlimited，scene = 站点 id），存进云存储，
 * 返回 fileID 和下载用的临时地址。
 *   { action: 'generate', stationId }   一个站点
 *   { action: 'generateAll' }           所有启用的站点
 * 谁能调：管理员（小程序里，按 OPENID 查到的委员记录 isAdmin）；或没有 OPENID 的调用——
 * 云开发控制台、`tcb fn invoke`（小程序端的调用总带 OPENID）。
 */
import * as z from 'zod/mini';
import { fail, ok, type Result } from '../../shared/domain/errors';
import { tempUrls } from '../_runtime/adapters/files.cloudbase';
import { CloudRuntime, lazyMain, stationCodes, type CloudMain, type CloudPlatform, type RuntimeOptions } from '../_runtime/platform.cloudbase';
import { initNodeSdk } from '../_runtime/adapters/sdk.cloudbase';
import { initWxServerSdk } from '../_runtime/adapters/sdk.wechat';
import { createHandler, type Route } from '../_runtime/router';

export interface StationCodeItem {
  stationId: string;
  fileId: string | null;
  url: string | null;
  error: string | null;
}

export const GenerateRequest = z.object({ stationId: z.string().check(z.minLength(1), z.maxLength(64)) });
export const GenerateAllRequest = z.object({});

export function createMain(platform: CloudPlatform, options: RuntimeOptions = {}): CloudMain {
  const rt = new CloudRuntime(platform, options);

  async function allowed(openid: string): Promise<boolean> {
    if (!openid) return true;
    const m = await rt.store.findMemberByOpenid(openid);
    return !!m && m.active && m.isAdmin;
  }

  async function generate(stationIds: string[]): Promise<Result<{ items: StationCodeItem[] }>> {
    const codes = stationCodes(rt);
    const items: StationCodeItem[] = [];
    for (const stationId of stationIds) {
      const r = await codes.generate(stationId);
      items.push(r.ok ? { stationId, fileId: r.fileId, url: null, error: null } : { stationId, fileId: null, url: null, error: r.error });
    }
    const urls = await tempUrls(platform.app, items.flatMap((i) => (i.fileId ? [i.fileId] : [])));
    return ok({ items: items.map((i) => ({ ...i, url: i.fileId ? urls[i.fileId] ?? null : null })) });
  }

  const routes: Record<string, Route> = {
    generate: {
      schema: GenerateRequest,
      needsIdentity: false,
      async run(input, openid) {
        if (!(await allowed(openid))) return fail('AUTH.FORBIDDEN');
        const { stationId } = input as z.infer<typeof GenerateRequest>;
        if (!(await rt.store.getStation(stationId))) return fail('STATION.NOT_FOUND');
        return generate([stationId]);
      },
    },
    generateAll: {
      schema: GenerateAllRequest,
      needsIdentity: false,
      async run(_input, openid) {
        if (!(await allowed(openid))) return fail('AUTH.FORBIDDEN');
        return generate((await rt.store.listStations()).filter((s) => s.enabled).map((s) => s.id));
      },
    },
  };
  const handler = createHandler('stationcode', routes, rt.logger);
  return async (event, context) => {
    const openid = rt.callerOpenid();
    return handler(event, { openid, ...(context?.request_id ? { requestId: context.request_id } : {}) });
  };
}

export const main = lazyMain(() => createMain({ wx: initWxServerSdk(), app: initNodeSdk() }));
