/**
 * 内容安全（本地实现）：一份本地词表。生产环境用 security.msgSecCheck（见 content.wechat.ts）。
 * 词表只拦明显的辱骂、赌博、色情和诈骗引流；居民的抱怨和批评本身不是违规内容。
 */
import type { ContentChecker, ContentVerdict } from '../../../shared/ports/services.port';

export const DEFAULT_BLOCKED_WORDS = ['操你妈', '傻逼', '草泥马', '去死吧', '赌博网站', '六合彩', '裸聊', '约炮', '代开发票', '刷单返利', '加微信领红包'];

export class WordListContentChecker implements ContentChecker {
  private readonly words: string[];
  constructor(words: string[] = DEFAULT_BLOCKED_WORDS) {
    this.words = words.map((w) => w.toLowerCase());
  }
  async checkText(text: string): Promise<ContentVerdict> {
    const flat = text.replace(/[\s*·.,，。_-]/g, '').toLowerCase();
    const hit = this.words.find((w) => flat.includes(w));
    return hit ? { pass: false, reason: `命中词表：${hit}` } : { pass: true };
  }
}
