/**
 * 本地文件存储：照片存到 DATA_DIR/uploads，fileId 形如 local://uploads/<名字>，由本地服务在 /files/ 下提供。
 * 生产环境用云存储 fileID（cloud://…），展示时换临时地址（见 files.cloudbase.ts）。
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FileStore } from '../../../shared/ports/services.port';

export const LOCAL_PREFIX = 'local://uploads/';
const SAFE_NAME = /^[a-z0-9]{8,40}\.(jpg|png)$/;

export class LocalFileStore implements FileStore {
  readonly dir: string;
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'uploads');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  private nameOf(fileId: string): string | null {
    if (!fileId.startsWith(LOCAL_PREFIX)) return null;
    const name = fileId.slice(LOCAL_PREFIX.length);
    return SAFE_NAME.test(name) ? name : null;
  }

  async exists(fileId: string): Promise<boolean> {
    const name = this.nameOf(fileId);
    return !!name && fs.existsSync(path.join(this.dir, name));
  }

  async urlsFor(fileIds: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const id of fileIds) {
      const name = this.nameOf(id);
      if (name) out[id] = `/files/uploads/${name}`;
    }
    return out;
  }

  /** 保存一张已校验过类型和大小的照片，返回 fileId */
  save(bytes: Buffer, ext: 'jpg' | 'png'): string {
    const name = `${randomBytes(12).toString('hex')}.${ext}`;
    const tmp = path.join(this.dir, `.${name}.tmp`);
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, path.join(this.dir, name));
    return `${LOCAL_PREFIX}${name}`;
  }

  pathOf(name: string): string | null {
    return SAFE_NAME.test(name) ? path.join(this.dir, name) : null;
  }
}

/** 只认文件头，不信文件名和 Content-Type */
export function sniffImage(bytes: Buffer): 'jpg' | 'png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  return null;
}
