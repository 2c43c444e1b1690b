/** h5：点一个带 download 的链接，浏览器把 .xlsx 存到下载目录 */
export async function openReportFile(file: { url?: string; fileId?: string; fileName: string }): Promise<void> {
  if (!file.url) return;
  const a = document.createElement('a');
  a.href = file.url;
  a.download = file.fileName;
  a.setAttribute('data-testid', 'report-download-link');
  document.body.appendChild(a);
  a.click();
  a.remove();
}
