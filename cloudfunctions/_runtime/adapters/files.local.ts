/**
 * 本地文件存储：照片存到 DATA_DIR/uploads，fileId 形如 local://uploads/<名字>，由本地服务在 /files/uploads/ 下提供。
 * 生产环境用云存储 fileID（cloud://…），展示时换临时地址（见 files.cloudbase.ts）。
 *
 * 谁能用、谁能看：
 * - 名字 = 24 位随机十六进制 + 16 位上传人标记（openid 的哈希），所以只有上传人自己能在反映 / 进展里引用它
 *   （exists(fileId, openid)），拿到别人的 fileId 也没用。
 * - 页面上的照片地址由 urlsFor 发出：只有已经判断过"这个人能看这张工单"的视图才会调用它，地址带签名和到期时间，
 *   与云存储的临时地址一样；过期或改动过的地址看不到。
 * - 上传人刚传完、还没提交时的预览：上传的应答里发一个签过名的 cookie（uploaderToken），凭它只能看自己传的。
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FileStore } from '../../../shared/ports/services.port';

export const LOCAL_PREFIX = 'local://uploads/';
/** 老的名字（24 位随机，没有上传人标记）仍能凭签名地址查看，但不能再被引用 */
const SAFE_NAME = /^[a-f0-9]{8,40}\.(jpg|png)$/;
const OWNED_NAME = /^[a-f0-9]{24}([a-f0-9]{16})\.(jpg|png)$/;
const HOUR_MS = 3600_000;
/** 签名地址至少能用这么久；到期时间取整到小时，同一小时里发出的地址相同，浏览器缓存得住 */
const URL_TTL_MS = 6 * HOUR_MS;

export type ImageType = 'jpg' | 'png';
export const CONTENT_TYPES: Record<ImageType, string> = { jpg: 'image/jpeg', png: 'image/png' };

export class LocalFileStore implements FileStore {
  readonly dir: string;
  /** 每次启动换一把：重启后旧地址失效，页面重新取视图就拿到新地址 */
  private readonly secret = randomBytes(32);

  constructor(
    dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = path.join(dataDir, 'uploads');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  private nameOf(fileId: string): string | null {
    if (!fileId.startsWith(LOCAL_PREFIX)) return null;
    const name = fileId.slice(LOCAL_PREFIX.length);
    return SAFE_NAME.test(name) ? name : null;
  }

  /** 文件在，并且（给了 uploader 时）是这个人传的 */
  async exists(fileId: string, uploader?: string): Promise<boolean> {
    const name = this.nameOf(fileId);
    if (!name) return false;
    if (uploader !== undefined && !this.isUploader(name, uploader)) return false;
    return fs.existsSync(path.join(this.dir, name));
  }

  async urlsFor(fileIds: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const expires = Math.ceil((this.now() + URL_TTL_MS) / HOUR_MS) * HOUR_MS;
    for (const id of fileIds) {
      const name = this.nameOf(id);
      if (name) out[id] = `/files/uploads/${name}?e=${expires}&s=${this.sign(`url:${name}:${expires}`)}`;
    }
    return out;
  }

  /** 保存一张已校验过类型和大小的照片，返回 fileId；名字里记下上传人 */
  save(bytes: Buffer, ext: ImageType, uploader: string): string {
    const name = `${randomBytes(12).toString('hex')}${ownerTag(uploader)}.${ext}`;
    const tmp = path.join(this.dir, `.${name}.tmp`);
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, path.join(this.dir, name));
    return `${LOCAL_PREFIX}${name}`;
  }

  pathOf(name: string): string | null {
    return SAFE_NAME.test(name) ? path.join(this.dir, name) : null;
  }

  isUploader(name: string, openid: string): boolean {
    const m = OWNED_NAME.exec(name);
    return !!m && m[1] === ownerTag(openid);
  }

  /** urlsFor 发出的地址：签名对、没过期 */
  verifyUrl(name: string, expires: string | null, signature: string | null): boolean {
    if (!expires || !signature || !/^\d{1,15}$/.test(expires) || Number(expires) < this.now()) return false;
    return this.equal(signature, this.sign(`url:${name}:${expires}`));
  }

  /** 上传人预览用的 cookie 值：openid + 签名 */
  uploaderToken(openid: string): string {
    return `${Buffer.from(openid).toString('base64url')}.${this.sign(`uploader:${openid}`)}`;
  }

  uploaderFromToken(token: string | undefined): string | null {
    const [id, signature] = (token ?? '').split('.');
    if (!id || !signature) return null;
    const openid = Buffer.from(id, 'base64url').toString('utf8');
    return this.equal(signature, this.sign(`uploader:${openid}`)) ? openid : null;
  }

  private sign(what: string): string {
    return createHmac('sha256', this.secret).update(what).digest('base64url').slice(0, 32);
  }

  private equal(a: string, b: string): boolean {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  }
}

function ownerTag(openid: string): string {
  return createHash('sha256').update(`mst-uploader:${openid}`).digest('hex').slice(0, 16);
}

/** 只认文件头，不信文件名和 Content-Type */
export function sniffImage(bytes: Buffer): ImageType | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  return null;
}

/**
 * 图片头后面藏着网页（"JPEG 头 + HTML"）：照片里不会有这些标签（XMP 元数据是 <x:xmpmeta>、<rdf:…>，不在其中）。
 * 即使漏过，提供文件时也按嗅探出的类型 + nosniff 发出，浏览器不会把它当网页。
 */
export function hidesMarkup(bytes: Buffer): boolean {
  return /<(?:script|html|body|iframe|svg|object|embed|!doctype)[\s>/]/i.test(bytes.toString('latin1'));
}
