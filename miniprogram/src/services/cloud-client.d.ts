/**
 * 类型声明：实际实现在 cloud-client.weapp.ts（云开发）与 cloud-client.h5.ts（本地 HTTP），
 * 编译时 Taro 按平台后缀选择其一。
 */
import type { CloudTransport } from './transport';

export declare const transport: CloudTransport;
/** 启动时调用一次：微信里初始化云开发，h5 上处理本地演示的链接参数。 */
export declare function initTransport(): void;
