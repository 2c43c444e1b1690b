/**
 * 启动链接的处理。微信里联络站码直接打开联络站页面（scene 参数由页面读取），这里无事可做；
 * h5 的版本见 launch.h5.ts。
 */
export function handleLaunchLink(): void {}
