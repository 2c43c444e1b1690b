/** 交叉验证的成绩：每类 F1、宏平均 F1、准确率（类别不均衡，宏 F1 才看得出小类别分得好不好）。 */

export function f1Report(gold: ReadonlyArray<number>, pred: ReadonlyArray<number>, K: number): { perClass: number[]; macroF1: number; accuracy: number } {
  const tp = new Array(K).fill(0);
  const fp = new Array(K).fill(0);
  const fn = new Array(K).fill(0);
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    if (gold[i] === pred[i]) {
      tp[gold[i]]++;
      correct++;
    } else {
      fp[pred[i]]++;
      fn[gold[i]]++;
    }
  }
  const perClass = tp.map((t, k) => (t === 0 ? 0 : (2 * t) / (2 * t + fp[k] + fn[k])));
  return { perClass, macroF1: perClass.reduce((a, b) => a + b, 0) / K, accuracy: correct / Math.max(1, gold.length) };
}
