/**
 * h5 启动时：海报二维码直接指向 h5 地址（`/?station=<id>`）时，在路由读取地址之前把它改写成
 * 联络站页面的 hash 路由（`#/pages/station/index?station=<id>`），不闪现别的页面。
 * hash 路由里已经带 `?station=` 的链接由联络站页面自己读取。
 */
export function handleLaunchLink(): void {
  const url = new URL(window.location.href);
  const station = url.searchParams.get('station');
  if (!station) return;
  url.searchParams.delete('station');
  url.hash = `#/pages/station/index?station=${encodeURIComponent(station)}`;
  window.history.replaceState(null, '', url.toString());
}
