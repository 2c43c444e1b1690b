/**
 * 每一批标注在"规则还没见过它"时的规则判定（第一遍），写出 tests/fixtures/triage-labels/first-pass.json。
 *
 * 为什么要它：规则是照着调参集改的，拿今天的规则跑调参集几乎不漏，交叉验证就只看得到线索的多报、看不到线索补回的险情，
 * 每来一批难的"一般"门槛就往上抬（1.25 → 2.5）。第一遍的判定才是规则在没见过的说法上的样子。
 *
 * 怎么做：第 N 批的标注文件（real-N.json、own-N.json、pending-N.json；第 1 批是 real.json、own.json）第一次进库的那个提交，
 * 取它的父提交——那时的规则没见过这一批——把那个提交的 shared/ 用 git archive 解到临时目录，调它的规则判定：
 * 有 urgencyEvidence 的版本取 ruleUrgent（只看规则，不看当时的线索）；更早的版本只有规则，取 assessUrgency 的结论。
 * 标题和正文按线上分诊的同一个 fullText 接起来。只存调参集那一边的键和判定（留出集一条也不跑），不存正文。
 *
 *   npx tsx scripts/replay-first-pass.ts        # 重算并写出；新加一批标注后跑一次
 *   npx tsx scripts/replay-first-pass.ts --check  # 只比对，和已提交的不同就非零退出
 *
 * 结果由 git 历史定下：同一个库重跑得到同一个文件。
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fullText } from '../shared/triage';
import { loadLabelled } from '../tests/fixtures/triage-labels/labels';

const ROOT = path.resolve(__dirname, '..');
const LABEL_DIR = 'tests/fixtures/triage-labels';
const OUT = path.join(ROOT, LABEL_DIR, 'first-pass.json');

export interface FirstPassFile {
  /** 批号 → 跑它时用的规则所在的提交（标注进库前的那个提交） */
  rulesAt: Record<string, string>;
  /** 调参集那一边每条的第一遍规则判定：键 → 规则认没认出险情 */
  ruleUrgent: Record<string, boolean>;
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
}

/** 第 N 批的标注第一次进库的提交的父提交 */
function rulesBefore(batch: number): string {
  const files = batch === 1 ? ['real.json', 'own.json'] : [`real-${batch}.json`, `own-${batch}.json`, `pending-${batch}.json`];
  const added = git('log', '--diff-filter=A', '--format=%H', '--', ...files.map((f) => `${LABEL_DIR}/${f}`))
    .split('\n')
    .filter(Boolean);
  if (added.length === 0) throw new Error(`第 ${batch} 批的标注文件不在 git 历史里（先提交再跑）`);
  return git('rev-parse', `${added[added.length - 1]}^`);
}

type RuleVerdict = (text: string) => boolean;

/** 把某个提交的 shared/ 解到临时目录，返回它的规则判定 */
function rulesOf(commit: string, scratch: string): RuleVerdict {
  const dir = path.join(scratch, commit.slice(0, 12));
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['archive', commit, 'shared'], { cwd: ROOT, maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(dir, 'shared/triage/urgency.ts')) as {
    urgencyEvidence?: (t: string) => { ruleUrgent: boolean };
    assessUrgency: (t: string) => { urgency: string };
  };
  if (mod.urgencyEvidence) return (t) => mod.urgencyEvidence!(t).ruleUrgent;
  return (t) => mod.assessUrgency(t).urgency === 'urgent';
}

function main(): void {
  const { items, realAvailable } = loadLabelled();
  if (!realAvailable) throw new Error('找不到 ../shared/data（或 TRIAGE_DATA_DIR）：要读调参集里真实留言的正文');
  const tuning = items.filter((it) => it.part === 'tuning');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'first-pass-'));
  const out: FirstPassFile = { rulesAt: {}, ruleUrgent: {} };
  try {
    for (const batch of [...new Set(tuning.map((it) => it.batch))].sort((a, b) => a - b)) {
      const commit = rulesBefore(batch);
      const rule = rulesOf(commit, scratch);
      out.rulesAt[batch] = commit;
      const rows = tuning.filter((it) => it.batch === batch);
      for (const it of rows) out.ruleUrgent[it.key] = rule(fullText(it));
      const urgent = rows.filter((it) => it.urgency === 'urgent');
      const caught = urgent.filter((it) => out.ruleUrgent[it.key]).length;
      const falseAlarms = rows.filter((it) => it.urgency !== 'urgent' && out.ruleUrgent[it.key]).length;
      console.log(`第 ${batch} 批\t规则在 ${commit.slice(0, 7)}\t${rows.length} 条\t紧急 ${urgent.length}，第一遍认出 ${caught}\t多报 ${falseAlarms}`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const sorted: FirstPassFile = { rulesAt: out.rulesAt, ruleUrgent: Object.fromEntries(Object.entries(out.ruleUrgent).sort(([a], [b]) => a.localeCompare(b))) };
  const text = `${JSON.stringify(sorted, null, 1)}\n`;
  if (process.argv.includes('--check')) {
    const same = fs.existsSync(OUT) && fs.readFileSync(OUT, 'utf8') === text;
    console.log(same ? 'first-pass.json 与 git 历史一致' : 'first-pass.json 与 git 历史重算的不同');
    process.exit(same ? 0 : 1);
  }
  fs.writeFileSync(OUT, text);
  console.log(`写出 ${path.relative(process.cwd(), OUT)}`);
}

if (require.main === module) main();
