/**
 * 每月通报的 .xlsx（ReportFiles）：用 write-excel-file 写（表头加粗、冻结首行、列宽按字符数）。
 * - 本地：写进数据目录的 reports/，文件名里带一段随机数（不可猜），给 /files/reports/<名字> 的下载地址，
 *   本地服务按名字发出（server.ts），一天后过期；
 * - 云端：上传到云存储 reports/，给 fileID（小程序里 downloadFile + openDocument 打开）。
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReportFiles, ReportSheet } from '../../../shared/ports/services.port';

/** 一个工作簿的字节 */
export async function workbookBytes(sheets: ReportSheet[]): Promise<Buffer> {
  // 用到时才加载：它带的压缩库（fflate）在加载时建编码表，约 8 ms，算进 admin 每次冷启动，而只有导出通报才写 xlsx（issue 13）
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(
    sheets.map((s) => ({
      sheet: s.name,
      columns: s.columns.map((c) => ({ width: c.width })),
      stickyRowsCount: 1,
      data: [
        s.columns.map((c) => ({ value: c.header, fontWeight: 'bold' as const, wrap: true })),
        ...s.rows.map((r) => r.map((v) => (v === null ? null : typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String, wrap: v.length > 40 }))),
      ],
    })),
  ).toBuffer();
}

/** 下载地址里的文件名只许这些字符（防目录穿越） */
const SAFE_NAME = /^[\w\u4e00-\u9fa5.-]+\.xlsx$/;
export const REPORT_URL_PREFIX = '/files/reports/';
const KEEP_MS = 24 * 3_600_000;

export class LocalReportFiles implements ReportFiles {
  constructor(private readonly dir: string) {}

  async saveWorkbook(fileName: string, sheets: ReportSheet[]): Promise<{ url: string }> {
    fs.mkdirSync(this.dir, { recursive: true });
    const name = fileName.replace(/\.xlsx$/, `-${randomBytes(9).toString('base64url')}.xlsx`);
    fs.writeFileSync(path.join(this.dir, name), await workbookBytes(sheets));
    return { url: `${REPORT_URL_PREFIX}${encodeURIComponent(name)}` };
  }

  /** 本地服务发文件用：名字合规、文件在、没过期才给路径 */
  pathOf(name: string, nowMs: number): string | null {
    if (!SAFE_NAME.test(name)) return null;
    const p = path.join(this.dir, name);
    try {
      return nowMs - fs.statSync(p).mtimeMs <= KEEP_MS ? p : null;
    } catch {
      return null;
    }
  }
}

export interface ReportStorage {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
}

export class CloudReportFiles implements ReportFiles {
  constructor(private readonly storage: ReportStorage) {}

  async saveWorkbook(fileName: string, sheets: ReportSheet[]): Promise<{ fileId: string }> {
    const cloudPath = `reports/${randomBytes(9).toString('base64url')}/${fileName}`;
    const uploaded = await this.storage.uploadFile({ cloudPath, fileContent: await workbookBytes(sheets) });
    return { fileId: uploaded.fileID };
  }
}
