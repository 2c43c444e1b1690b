/** 微信里：云存储的 fileID 先下载到本地临时文件，再用 openDocument 打开（可以转发给别人或用其他应用打开） */
import Taro from '@tarojs/taro';

export async function openReportFile(file: { url?: string; fileId?: string; fileName: string }): Promise<void> {
  if (!file.fileId) return;
  const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: file.fileId });
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
}
