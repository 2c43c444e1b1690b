/**
 * 分诊命令行：逐行读 JSONL（{ "id", "title"?, "body" }），逐行写出
 * { "id", "category", "library", "urgency", "scope", "confidence", "reasons", "redacted" }。
 * 一行进一行出、顺序不变、stdout 上没有别的内容；某行坏了就为那一行输出带 "error" 的一行，
 * 不打乱对齐；空行也输出一行 { "id": null, "error": "EMPTY_LINE" }（行号仍一一对应，且每行都是合法 JSON）。
 * 错误细节写到 stderr。
 *
 *   npx tsx scripts/triage-cli.ts < in.jsonl > out.jsonl
 */
import readline from 'node:readline';
import { defaultTriager } from '../shared/triage/default-model';

function triageLine(line: string, lineNo: number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (e) {
    process.stderr.write(`第 ${lineNo} 行不是合法 JSON：${(e as Error).message}\n`);
    return JSON.stringify({ id: null, error: 'INVALID_JSON' });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    process.stderr.write(`第 ${lineNo} 行不是 JSON 对象\n`);
    return JSON.stringify({ id: null, error: 'NOT_AN_OBJECT' });
  }
  const rec = parsed as Record<string, unknown>;
  const id = rec.id ?? null;
  const title = typeof rec.title === 'string' ? rec.title : null;
  const body = typeof rec.body === 'string' ? rec.body : null;
  if (body === null && title === null) {
    process.stderr.write(`第 ${lineNo} 行缺少 body\n`);
    return JSON.stringify({ id, error: 'MISSING_BODY' });
  }
  try {
    const r = defaultTriager.triage({ title, body: body ?? '' });
    return JSON.stringify({
      id,
      category: r.category,
      library: r.library,
      urgency: r.urgency,
      scope: r.scope,
      confidence: r.confidence,
      reasons: r.reasons,
      redacted: r.redacted,
    });
  } catch (e) {
    process.stderr.write(`第 ${lineNo} 行分诊失败：${(e as Error).stack ?? String(e)}\n`);
    return JSON.stringify({ id, error: 'TRIAGE_FAILED' });
  }
}

async function main() {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of rl) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    const out = line.trim() === '' ? JSON.stringify({ id: null, error: 'EMPTY_LINE' }) : triageLine(line, lineNo);
    // 尊重背压：输出被管道阻塞时等它排空，大输入也不会把内存撑满
    if (!process.stdout.write(out + '\n')) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  }
}

main().catch((e) => {
  process.stderr.write(`triage-cli 失败：${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
