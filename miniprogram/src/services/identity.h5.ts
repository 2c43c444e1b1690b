/**
 * 仅本地演示（h5）：调用人身份由页面上的身份切换条决定，随请求头 x-openid 发给本地服务。
 * 微信里身份由平台注入，这个文件不会进入 weapp 构建。
 * 链接上的 `?as=<openid>`（地址栏查询或 hash 路由的查询都可以）优先，并记住，方便测试和演示直接切换。
 */

const STORAGE_KEY = 'mst.local.openid';
export const DEFAULT_OPENID = 'demo-resident-1';
const OPENID_PATTERN = /^[\w-]{1,64}$/;

export interface DemoIdentity {
  openid: string;
  label: string;
}

export const DEMO_IDENTITIES: DemoIdentity[] = [
  { openid: 'demo-resident-1', label: '居民一' },
  { openid: 'demo-resident-2', label: '居民二' },
  { openid: 'demo-member-1', label: '委员一' },
  { openid: 'demo-member-2', label: '委员二' },
  { openid: 'demo-member-3', label: '委员三' },
  { openid: 'demo-convener', label: '召集人' },
  { openid: 'demo-admin', label: '政协办（全县）' },
  { openid: 'demo-admin-yy', label: '政协办（郧阳区）' },
];

export function isValidOpenid(value: string): boolean {
  return OPENID_PATTERN.test(value);
}

function queryParam(query: string, name: string): string | null {
  const value = new URLSearchParams(query).get(name);
  return value && isValidOpenid(value) ? value : null;
}

function openidFromUrl(): string | null {
  const hash = window.location.hash;
  const q = hash.indexOf('?');
  return (q >= 0 ? queryParam(hash.slice(q + 1), 'as') : null) ?? queryParam(window.location.search, 'as');
}

function readStored(): string | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v && isValidOpenid(v) ? v : null;
  } catch {
    return null;
  }
}

function store(openid: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, openid);
  } catch {
    // 隐私模式下存不了：本次会话仍按链接上的身份
  }
}

/** 当前身份：链接上的 as 优先（并记住），否则用上次选的，默认居民一。 */
export function currentOpenid(): string {
  const fromUrl = openidFromUrl();
  if (fromUrl) {
    if (fromUrl !== readStored()) store(fromUrl);
    return fromUrl;
  }
  return readStored() ?? DEFAULT_OPENID;
}

export function identityLabel(openid: string): string {
  const known = DEMO_IDENTITIES.find((d) => d.openid === openid)?.label;
  if (known) return known;
  return /^demo-resident-/.test(openid) ? '居民' : '自定义';
}

/** 切换身份：去掉链接上的 as（否则刷新后又回到旧身份），记住新身份，重新加载当前页面。 */
export function switchIdentity(openid: string): void {
  if (!isValidOpenid(openid)) return;
  store(openid);
  const url = new URL(window.location.href);
  url.searchParams.delete('as');
  const hash = url.hash;
  const q = hash.indexOf('?');
  if (q >= 0) {
    const params = new URLSearchParams(hash.slice(q + 1));
    params.delete('as');
    const rest = params.toString();
    url.hash = hash.slice(0, q) + (rest ? `?${rest}` : '');
  }
  window.history.replaceState(null, '', url.toString());
  window.location.reload();
}
