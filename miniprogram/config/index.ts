/**
 * Taro 构建配置：weapp 用于生产（微信开发者工具打开 dist/weapp），h5 用于本地演示和浏览器测试。
 * 仓库根目录的 shared/（领域代码）不在 src 里，需要显式加入编译范围。
 */
import path from 'node:path';
import { defineConfig } from '@tarojs/cli';

const sharedDir = path.resolve(__dirname, '../../shared');

export default defineConfig<'webpack5'>(() => ({
  projectName: 'mashangti',
  date: '2026-11-22',
  // NutUI 按 375 宽设计，本项目按 750 宽写样式：按文件区分，NutUI 的尺寸才不会被缩小一半。
  designWidth(input?: { file?: string }) {
    return input?.file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
  },
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: path.resolve(__dirname, `../../dist/${process.env.TARO_ENV}`),
  plugins: [],
  defineConstants: {},
  alias: { '@shared': sharedDir },
  copy: { patterns: [], options: {} },
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  cache: { enable: false },
  mini: {
    compile: { include: [sharedDir] },
    // NutUI 各组件的 CSS 互不依赖，主包和分包引入顺序不同不影响结果
    miniCssExtractPluginOption: { ignoreOrder: true },
    postcss: {
      pxtransform: { enable: true, config: {} },
      cssModules: { enable: false },
    },
  },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    compile: { include: [sharedDir] },
    output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
    miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
    postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
  },
}));
