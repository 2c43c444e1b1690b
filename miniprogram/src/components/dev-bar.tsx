/** 身份切换条只在本地 h5 构建里有（见 dev-bar.h5.tsx）；微信里身份由平台决定。 */
export default function DevBar() {
  return null;
}
