/**
 * 其余端口：时钟与编号（由外部传入，domain 里不调 Date.now）、内容安全、文件、通知渠道。
 */
import type { OutboxEntry } from '../domain/model';

export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  /** 全局唯一、按时间大致有序的 id */
  next(): string;
}

export type ContentVerdict = { pass: true } | { pass: false; reason: string };
export interface ContentChecker {
  /** 文本在对他人或公众可见之前的检查（生产：security.msgSecCheck v2；本地：词表） */
  checkText(text: string, openid: string | null): Promise<ContentVerdict>;
}

export interface FileStore {
  /**
   * 上传照片后得到的 fileId 是否真实存在（防止伪造）；给了 uploader 时还要是这个人传的
   * （本地存储核对；云存储由安全规则"仅创建者可读写"管，见 files.cloudbase.ts）。
   */
  exists(fileId: string, uploader?: string): Promise<boolean>;
  /** 展示用的临时地址 */
  urlsFor(fileIds: string[]): Promise<Record<string, string>>;
}

export type DeliveryResult = { ok: true } | { ok: false; error: string; retryable: boolean };

/** 一个渠道的投递器（企业微信群机器人、订阅消息）。站内消息由存储直接完成。 */
export interface ChannelSender {
  send(entry: OutboxEntry): Promise<DeliveryResult>;
}

/** 联络站海报上的码。本地与 h5：站点链接的二维码（SVG）；微信里：wxacode.getUnlimited 的小程序码，生成一次后存进云存储。 */
export type PosterCode = { link: string; qrSvg: string } | { fileId: string; url: string };
export interface PosterCodes {
  codeFor(stationId: string): Promise<PosterCode>;
}

/** 不可猜的邀请码（易读：不含 0/O、1/I/L） */
export interface InviteCodes {
  next(): string;
}

/** 导出的一张表：中文表头、列宽（字符数）、行（字符串、数字或空） */
export interface ReportSheet {
  name: string;
  columns: Array<{ header: string; width: number }>;
  rows: Array<Array<string | number | null>>;
}

/** 每月通报的文件：写成 .xlsx 存起来。本地给一个下载地址；云端上传到云存储，给 fileID（小程序里 openDocument 打开）。 */
export interface ReportFiles {
  saveWorkbook(fileName: string, sheets: ReportSheet[]): Promise<{ url: string } | { fileId: string }>;
}
