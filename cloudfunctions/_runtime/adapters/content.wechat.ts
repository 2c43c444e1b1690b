/**
 * 内容安全（生产）：security.msgSecCheck 第 2 版，看 result.suggest（pass / review / risky）。
 * 居民的批评和抱怨不是违规内容，所以默认只拦 risky；review（建议人工复核）按县里的设置放行或拦下。
 * 接口本身出错（系统繁忙、未授权）时抛出，由处理层返回"系统繁忙"，草稿留在手机上——不在检查不了时放行。
 */
import type { ContentChecker, ContentVerdict } from '../../../shared/ports/services.port';
import { asOpenApiError, type OpenApi, type SecurityScene } from './openapi.wechat';

export interface MsgSecCheckOptions {
  /** review 结果怎么办：allow 放行（默认），block 拦下 */
  review: 'allow' | 'block';
  /** 场景：1 资料、2 评论、3 论坛、4 社交日志。反映和办理记录最接近论坛 */
  scene?: SecurityScene;
}

/** msgSecCheck 单次最多 2500 字；我们的文本上限是 1000 字，超出部分分段检查以防万一 */
const MAX_CHARS = 2500;

export class MsgSecCheckContentChecker implements ContentChecker {
  constructor(
    private readonly api: Pick<OpenApi, 'security'>,
    private readonly options: MsgSecCheckOptions = { review: 'allow' },
  ) {}

  async checkText(text: string, openid: string | null): Promise<ContentVerdict> {
    // 第 2 版必须带 openid（近两小时访问过小程序的用户）；没有调用人时不能检查，也就不能公开
    if (!openid) return { pass: false, reason: '没有调用人的 openid，无法做内容安全检查' };
    const content = text.trim();
    if (!content) return { pass: true };
    for (let i = 0; i < content.length; i += MAX_CHARS) {
      let res;
      try {
        res = await this.api.security.msgSecCheck({ version: 2, openid, scene: this.options.scene ?? 3, content: content.slice(i, i + MAX_CHARS) });
      } catch (e) {
        const err = asOpenApiError(e);
        throw new Error(`security.msgSecCheck 失败：${err.errCode} ${err.errMsg}`);
      }
      const suggest = res.result?.suggest;
      if (suggest === 'risky') return { pass: false, reason: `内容安全：risky（label ${res.result?.label ?? '?'}）` };
      if (suggest === 'review' && this.options.review === 'block') return { pass: false, reason: `内容安全：review（label ${res.result?.label ?? '?'}）` };
      if (suggest !== 'pass' && suggest !== 'review') throw new Error(`security.msgSecCheck 返回无法识别：${JSON.stringify(res).slice(0, 200)}`);
    }
    return { pass: true };
  }
}
