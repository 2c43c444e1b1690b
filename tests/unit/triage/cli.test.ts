/** 命令行：一行进一行出，顺序不变，坏行也占一行。 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function runCli(input: string) {
  return spawnSync(tsx, [path.join(root, 'scripts/triage-cli.ts')], { input, encoding: 'utf8', cwd: root, timeout: 60000 });
}

describe('triage 命令行', () => {
  test('保持行数与顺序，坏行输出带 error 的一行', () => {
    const lines = [
      JSON.stringify({ id: 'a', title: '路灯坏了', body: '金星路路灯坏了一个月' }),
      JSON.stringify({ id: 2, body: '楼道里闻到很浓的煤气味，电话13812345678' }),
      '{not json',
      '',
      JSON.stringify({ id: 'c', title: '建议增设公交线路', body: '希望开通到高铁站的公交' }),
      JSON.stringify({ id: 'd', title: null }),
    ];
    const res = runCli(lines.join('\n') + '\n');
    expect(res.status).toBe(0);
    const out = res.stdout.split('\n');
    expect(out[out.length - 1]).toBe('');
    const rows = out.slice(0, -1).map((l) => JSON.parse(l));
    expect(rows).toHaveLength(lines.length);
    expect(rows.map((r) => r.id)).toEqual(['a', 2, null, null, 'c', 'd']);
    expect(Object.keys(rows[0]).sort()).toEqual(['category', 'confidence', 'id', 'library', 'reasons', 'redacted', 'scope', 'urgency']);
    expect(rows[1].urgency).toBe('urgent');
    expect(rows[1].redacted).toContain('138****5678');
    expect(rows[2].error).toBeDefined();
    expect(rows[3].error).toBeDefined();
    expect(rows[4].library).toBe('suggestion');
    expect(rows[5].error).toBe('MISSING_BODY');
  }, 60000);
});
