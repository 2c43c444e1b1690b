// babel-preset-taro：React + TypeScript，webpack5 编译器。
// babel-plugin-import 把 NutUI 的具名导入改写成按组件引入，并只带上该组件的 CSS
// （整包 style.css 会让主包多出约 400 KB，见 PLATFORM-NOTES）。
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: process.env.TARO_ENV === 'h5' ? 'usage' : false }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        libraryDirectory: 'dist/es/packages',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: (path) => `${path}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
};
