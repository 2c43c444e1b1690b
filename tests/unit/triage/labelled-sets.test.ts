/**
 * 标注集本身的约束（issue 13 第 1 项）：真实留言只提交来源、行号、id 和标注，不带正文；
 * 调参集 / 留出集按案件键的哈希划分，结果固定；自写留言上三项判断不倒退。
 */
import { assessLibrary } from '../../../shared/triage/library';
import { assessScope } from '../../../shared/triage/scope';
import { assessUrgency } from '../../../shared/triage/urgency';
import type { FirstPassFile } from '../../../scripts/replay-first-pass';
import fs from 'node:fs';
import path from 'node:path';
import { evaluate, fnv1a, loadLabelled, OWN_LABELS, partOf, REAL_LABELS, realLabelsOfBatches } from '../../fixtures/triage-labels/labels';

describe('标注集', () => {
  test('真实留言只有来源、行号、id 和标注（正文留在数据目录里）', () => {
    const keys = new Set<string>();
    for (const r of REAL_LABELS) {
      for (const k of Object.keys(r)) expect(['source', 'row', 'id', 'urgency', 'scope', 'library', 'sameCaseAs']).toContain(k);
      expect(['dev', 'hot', 'replies']).toContain(r.source);
      expect(['urgent', 'normal']).toContain(r.urgency);
      expect(['individual', 'group']).toContain(r.scope);
      expect(['problem', 'suggestion']).toContain(r.library);
      const key = `${r.source}#${r.row}`;
      expect(keys.has(key)).toBe(false);
      keys.add(key);
    }
    for (const r of REAL_LABELS) if (r.sameCaseAs) expect(keys.has(r.sameCaseAs)).toBe(true);
    expect(REAL_LABELS.length).toBeGreaterThanOrEqual(300);
  });

  test('自写口语留言至少 80 条，编号不重复', () => {
    expect(OWN_LABELS.length).toBeGreaterThanOrEqual(80);
    expect(new Set(OWN_LABELS.map((o) => o.id)).size).toBe(OWN_LABELS.length);
    expect(OWN_LABELS.filter((o) => o.urgency === 'urgent').length).toBeGreaterThanOrEqual(29);
  });

  test('划分由案件键的哈希决定，同一件事的重发在同一边', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    // own.json（own-001…own-115）的划分；后来各批自写的在 own-*.json 里，各自的条数见 README
    const own = OWN_LABELS.filter((o) => /^own-[01]\d\d$/.test(o.id)).map((o) => partOf(`own#${o.id}`));
    expect(own.filter((p) => p === 'heldBack').length).toBe(49);
    const { items, realAvailable } = loadLabelled();
    if (realAvailable) {
      const byKey = new Map(items.map((i) => [i.key, i.part]));
      for (const r of REAL_LABELS) if (r.sameCaseAs) expect(byKey.get(`${r.source}#${r.row}`)).toBe(partOf(r.sameCaseAs));
    }
  });

  test('自写留言（两部分合计）上的三项判断不低于现在的水平', () => {
    const items = loadLabelled('/nonexistent').items;
    const full = (t: string | null, b: string) => (t ? `${t}\n${b}` : b);
    const judgements = {
      urgency: (t: string | null, b: string) => assessUrgency(full(t, b)).urgency,
      scope: (t: string | null, b: string) => assessScope(full(t, b), undefined, assessLibrary(t, b).library).scope,
      library: (t: string | null, b: string) => assessLibrary(t, b).library,
    };
    // 所有自写留言（own.json 和各批的 own-N.json）合计，下限取合并第三、四批时的水平（紧急 0.97/0.99、个人诉求 0.886、三库 0.919）
    const all = evaluate(items, judgements).figures;
    expect(all.urgentRecall).toBeGreaterThanOrEqual(0.95);
    expect(all.urgentPrecision).toBeGreaterThanOrEqual(0.9);
    expect(all.individualF1).toBeGreaterThanOrEqual(0.85);
    expect(all.libraryMacroF1).toBeGreaterThanOrEqual(0.9);
  });

  test('第三批调参部分由另一位标注者盲标一遍（audit-3.json），紧急程度的一致率 ≥ 0.95、κ ≥ 0.8', () => {
    const audit = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/triage-labels/audit-3.json'), 'utf8')) as Array<{ source: string; row: number; urgency: string }>;
    const mine = new Map(realLabelsOfBatches([3]).map((r) => [`${r.source}#${r.row}`, r.urgency]));
    const pairs = audit.map((a) => [mine.get(`${a.source}#${a.row}`), a.urgency] as const);
    expect(pairs.every(([m]) => m !== undefined)).toBe(true);
    const n = pairs.length;
    const agree = pairs.filter(([m, a]) => m === a).length / n;
    const share = (k: 0 | 1) => pairs.filter((p) => p[k] === 'urgent').length / n;
    const chance = share(0) * share(1) + (1 - share(0)) * (1 - share(1));
    expect(n).toBe(104);
    expect(agree).toBeGreaterThanOrEqual(0.95);
    expect((agree - chance) / (1 - chance)).toBeGreaterThanOrEqual(0.8);
  });

  test('first-pass.json 只存调参那一边的键和第一遍的判定，调参集每一条都有，留出集一条也没有', () => {
    const file = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../fixtures/triage-labels/first-pass.json'), 'utf8')) as FirstPassFile;
    expect(Object.keys(file).sort()).toEqual(['ruleUrgent', 'rulesAt']);
    for (const commit of Object.values(file.rulesAt)) expect(commit).toMatch(/^[0-9a-f]{40}$/);
    for (const v of Object.values(file.ruleUrgent)) expect(typeof v).toBe('boolean');
    const { items } = loadLabelled();
    const tuningKeys = items.filter((i) => i.part === 'tuning').map((i) => i.key);
    const heldBackKeys = new Set(items.filter((i) => i.part === 'heldBack').map((i) => i.key));
    for (const k of tuningKeys) expect(file.ruleUrgent).toHaveProperty([k]);
    expect(Object.keys(file.ruleUrgent).filter((k) => heldBackKeys.has(k))).toEqual([]);
    for (const b of new Set(items.filter((i) => i.part === 'tuning').map((i) => String(i.batch)))) expect(file.rulesAt).toHaveProperty([b]);
  });
});
