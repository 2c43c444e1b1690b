/**
 * 训练用的确定性随机：同一个种子得到同样的打乱顺序，因此同样的数据训练出逐字节相同的模型文件。
 * 只给训练脚本和交叉验证用；线上推断不需要随机数。
 */

/** mulberry32：够快、够均匀，状态只有 32 位，换平台结果也不变。 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates 原地打乱，返回同一个数组。 */
export function shuffleInPlace<T>(arr: T[], rand: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr;
}
