/**
 * 海报上的码变成 <Image> 能显示的地址：本地与 h5 给的是二维码 SVG（编码成 base64 的 data: 地址），
 * 微信里给的是小程序码图片的地址。两样都没有时返回 null（页面提示"码还没生成"）。
 */
import type { StationPoster } from '@shared/api/admin.api';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** UTF-8 字节的 base64：小程序里没有 btoa，也不一定有 TextEncoder，所以自己编码 */
export function base64Utf8(text: string): string {
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + (b === undefined ? '=' : ALPHABET[(n >> 6) & 63]!) + (c === undefined ? '=' : ALPHABET[n & 63]!);
  }
  return out;
}

export function codeImageSrc(poster: Pick<StationPoster, 'qrSvg' | 'url'>): string | null {
  if (poster.qrSvg) return `data:image/svg+xml;base64,${base64Utf8(poster.qrSvg)}`;
  if (poster.url) return poster.url;
  return null;
}
