/**
 * 用微信自己的 miniprogram-ci（离线的 analyseCode、checkCodeQuality）看 weapp 构建产物：
 * 主包、各分包大小，代码质量检查的结果。测试（tests/integration/weapp-package.test.ts）和
 * 基准（tests/bench/weapp.bench.ts）共用。预览、上传要连微信的服务器，这里不做。
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const WEAPP_DIR = path.join(ROOT, 'dist/weapp');

/** 我们自己的预算（微信的硬上限是每个包 2 MB、总共 30 MB） */
export const MAIN_PACKAGE_BUDGET = 600 * 1024;
export const WECHAT_PACKAGE_LIMIT = 2 * 1024 * 1024;
export const WECHAT_TOTAL_LIMIT = 30 * 1024 * 1024;

export interface CheckItem {
  name?: string;
  success?: boolean;
  text?: string;
  detail?: unknown;
}

export interface WeappReport {
  /** 包 → 字节数；主包的键是 main */
  packages: Record<string, number>;
  totalBytes: number;
  files: Array<{ path: string; size: number; subPackage: string | null }>;
  checks: CheckItem[];
  appJson: { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; subpackages?: Array<{ root: string; pages: string[] }>; tabBar?: { list: Array<{ pagePath: string }> } };
  ms: { analyse: number; quality: number };
}

/** 没有 dist/weapp/app.json 时先构建（npx taro build --type weapp，在 miniprogram 目录下） */
export function ensureWeappBuild(): { built: boolean } {
  if (fs.existsSync(path.join(WEAPP_DIR, 'app.json'))) return { built: false };
  const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: path.join(ROOT, 'miniprogram'), stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0 || !fs.existsSync(path.join(WEAPP_DIR, 'app.json'))) throw new Error('weapp 构建失败（npx taro build --type weapp）');
  return { built: true };
}

export async function analyseWeapp(dir = WEAPP_DIR): Promise<WeappReport> {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'miniprogram-ci-runner.cjs'), dir], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  const marker = r.stdout?.lastIndexOf('@@RESULT@@') ?? -1;
  if (r.status !== 0 || marker < 0) throw new Error(`miniprogram-ci 检查失败：${r.stderr || r.stdout}`);
  const { files, checks, ms } = JSON.parse(r.stdout.slice(marker + '@@RESULT@@'.length)) as { files: WeappReport['files']; checks: CheckItem[]; ms: WeappReport['ms'] };
  const packages: Record<string, number> = { main: 0 };
  for (const f of files) {
    const key = f.subPackage ? f.subPackage.replace(/\/$/, '') : 'main';
    packages[key] = (packages[key] ?? 0) + f.size;
  }
  return {
    packages,
    totalBytes: Object.values(packages).reduce((a, b) => a + b, 0),
    files,
    checks,
    appJson: JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8')),
    ms,
  };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function describeSizes(r: WeappReport): string {
  const lines = Object.entries(r.packages).map(([k, v]) => `  ${k === 'main' ? '主包' : `分包 ${k}`}：${kb(v)}`);
  const biggest = r.files.filter((f) => !f.subPackage).sort((a, b) => b.size - a.size).slice(0, 5).map((f) => `    ${f.path} ${kb(f.size)}`);
  return [`weapp 包体（miniprogram-ci analyseCode）：`, ...lines, `  合计：${kb(r.totalBytes)}`, '  主包里最大的文件：', ...biggest].join('\n');
}
