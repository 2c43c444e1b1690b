/**
 * 交叉验证的分折：同一近重复簇的留言只会落在同一折（重发的留言不会一半训练一半评测，成绩不虚高）。
 * 训练脚本和实验脚本共用，两边的折完全一样，成绩才可比。
 */
import { seededRandom, shuffleInPlace } from './random';

/** 按近重复簇分折：簇打乱后依次放进"该簇主要类别最少"的折，近似分层。返回每条留言的折号。 */
export function makeFolds(labels: ReadonlyArray<string>, clusters: ReadonlyArray<number>, k: number, seed: number): number[] {
  const members = new Map<number, number[]>();
  clusters.forEach((c, i) => {
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  });
  const groups = shuffleInPlace([...members.values()], seededRandom(seed));
  groups.sort((a, b) => b.length - a.length); // 稳定排序：大簇先放，同样大小保持随机顺序
  const perFoldLabel = Array.from({ length: k }, () => new Map<string, number>());
  const perFold = new Array(k).fill(0);
  const fold = new Array(labels.length).fill(0);
  for (const g of groups) {
    const label = labels[g[0]];
    let best = 0;
    for (let f = 1; f < k; f++) {
      const a = perFoldLabel[f].get(label) ?? 0;
      const b = perFoldLabel[best].get(label) ?? 0;
      if (a < b || (a === b && perFold[f] < perFold[best])) best = f;
    }
    for (const i of g) fold[i] = best;
    perFold[best] += g.length;
    perFoldLabel[best].set(label, (perFoldLabel[best].get(label) ?? 0) + g.length);
  }
  return fold;
}
