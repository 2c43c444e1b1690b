/**
 * 官方分类树（一级 / 二级 / 三级类名）当作训练文档：一级类属于本项目类别的每条路径变成一篇带标签的小文档，
 * 标题为三级类名，正文为"二级，三级"。类名里的字 n-gram（"物业管理""劳动合同"）本身就是各类的典型用词。
 * 纯函数；读文件由训练脚本负责。
 */

export interface TaxonomyPath {
  level1: string;
  level2: string;
  level3: string;
}

export interface TaxonomyDoc<C extends string> {
  title: string;
  body: string;
  label: C;
}

/** 只留一级类在 categories 里的路径；其余一级类（政法、民政……）本项目不分，丢掉。顺序同输入。 */
export function taxonomyDocs<C extends string>(paths: ReadonlyArray<TaxonomyPath>, categories: ReadonlyArray<C>): Array<TaxonomyDoc<C>> {
  const out: Array<TaxonomyDoc<C>> = [];
  for (const p of paths) {
    const label = categories.find((c) => c === p.level1);
    if (label === undefined) continue;
    out.push({ title: p.level3, body: `${p.level2}，${p.level3}`, label });
  }
  return out;
}
