/**
 * 类型声明：打开导出的文件。h5（办公室电脑）直接下载；微信里用 fileID 下载到本地再 openDocument 打开。
 * 实现在 download.h5.ts 与 download.weapp.ts，编译时 Taro 按平台后缀选一个。
 */
export declare function openReportFile(file: { url?: string; fileId?: string; fileName: string }): Promise<void>;
