/**
 * npm run deploy 在不连云的情况下能确认的部分：配置校验给出清楚的错误、填好的 cloudbaserc 里 JSON 值转义正确、
 * 演练模式只打印不执行且不泄露密钥、通讯录文件的检查，以及 docs/deploy.md 与部署结构一致。
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCounty, deploySteps, loadSettings, renderedCloudbaserc } from '../../scripts/deploy';
import { randomInviteCodes } from '../../cloudfunctions/_runtime/adapters/system';
import { withEnvFile } from '../../cloudfunctions/_runtime/env';
import { FUNCTIONS, ROOT } from '../../scripts/build-functions';
import { ALL_COLLECTIONS } from '../../cloudfunctions/_runtime/adapters/schema.cloudbase';
import { parseSubscribeTemplates } from '../../cloudfunctions/_runtime/adapters/subscribe.wechat';

const TEMPLATES = '[{"templateId":"AbCdEfGhIjKlMnOpQr","events":["ticket.claimed"],"data":{"thing1":"body","time2":"createdAt"}}]';
const GOOD = { ENV_ID: 'mashangti-test-1a2b3c', WEAPP_APPID: 'wx0123456789abcdef', SUBSCRIBE_TEMPLATES: TEMPLATES };

describe('部署配置', () => {
  test('缺项、格式不对时说清楚是哪一项', () => {
    expect(() => loadSettings({})).toThrow(/缺少 ENV_ID[\s\S]*缺少 WEAPP_APPID/);
    expect(() => loadSettings({ ...GOOD, WEAPP_APPID: 'abc' })).toThrow(/WEAPP_APPID 应为 wx 开头的 18 位/);
    expect(() => loadSettings({ ...GOOD, SUBSCRIBE_TEMPLATES: '[{' })).toThrow(/SUBSCRIBE_TEMPLATES 不是合法的 JSON/);
    expect(() => loadSettings({ ...GOOD, SUBSCRIBE_TEMPLATES: '[{"templateId":"AbCdEfGhIjKlMnOpQr","events":["ticket.claimed"],"data":{"thing1":"nonsense"}}]' })).toThrow(/SUBSCRIBE_TEMPLATES 不正确/);
    expect(() => loadSettings({ ...GOOD, TENCENTCLOUD_SECRETID: 'AKIDxxxxxxxxxxxx' })).toThrow(/要一起设置/);
    expect(() => parseSubscribeTemplates('[{"templateId":"AbCdEfGhIjKlMnOpQr","events":["ticket.claimed"],"data":{}},{"templateId":"ZyXwVuTsRqPoNmLkJi","events":["ticket.claimed"],"data":{}}]')).toThrow(/同时配给了/);
    const { settings, warnings } = loadSettings({ ...GOOD, SUBSCRIBE_TEMPLATES: '' });
    expect(settings.WEAPP_STATE).toBe('formal');
    expect(warnings.join()).toMatch(/只有站内消息和企业微信/);
  });

  test('配置文件：注释、空行、引号括起来的 JSON；命令行上设的变量优先，空值当作没设', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mashangti-envfile-'));
    const file = path.join(dir, '.env.cloudbase');
    fs.writeFileSync(file, `# 注释\nENV_ID=abc-123\n\nSUBSCRIBE_TEMPLATES='${TEMPLATES}'\nWEAPP_APPID=wx0123456789abcdef\nWEAPP_STATE=\n`);
    try {
      const source = withEnvFile(file, { WEAPP_APPID: 'wxfedcba9876543210' });
      expect(source).toMatchObject({ ENV_ID: 'abc-123', SUBSCRIBE_TEMPLATES: TEMPLATES, WEAPP_APPID: 'wxfedcba9876543210' });
      expect(loadSettings(source).settings).toMatchObject({ ENV_ID: 'abc-123', WEAPP_APPID: 'wxfedcba9876543210', WEAPP_STATE: 'formal' });
      expect(() => withEnvFile(path.join(dir, 'missing'), {}, true)).toThrow(/找不到环境变量文件/);
      expect(withEnvFile(path.join(dir, 'missing'), { A: '1' })).toEqual({ A: '1' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('交给 tcb 的 cloudbaserc：环境 id 和每个函数的环境变量都填上了，JSON 值原样保留，没有残留的占位符', () => {
    const { settings } = loadSettings(GOOD);
    const rc = renderedCloudbaserc(settings, '/abs/cloudfunctions');
    const text = JSON.stringify(rc);
    expect(text).not.toMatch(/\{\{env\./);
    const fns = (rc as { functions: Array<{ name: string; envVariables: Record<string, string> }> }).functions;
    expect(fns.map((f) => f.name)).toEqual(FUNCTIONS.map((f) => f.name));
    const intake = fns.find((f) => f.name === 'intake')!;
    expect(JSON.parse(intake.envVariables.SUBSCRIBE_TEMPLATES!)).toEqual(JSON.parse(TEMPLATES));
    expect(intake.envVariables).toMatchObject({ WEAPP_APPID: GOOD.WEAPP_APPID, WEAPP_STATE: 'formal', CONTENT_REVIEW: 'allow', MEDIA_CHECK: 'async' });
    expect(fns.find((f) => f.name === 'mediacheck')!.envVariables).toEqual({});
  });

  test('步骤：有密钥才登录；部署函数、部署数据库都指定环境', () => {
    const withoutKeys = deploySteps(loadSettings(GOOD).settings).map((s) => s.args.join(' '));
    expect(withoutKeys).toEqual(['fn deploy --all --force --yes -e mashangti-test-1a2b3c', 'framework deploy -e mashangti-test-1a2b3c']);
    const withKeys = deploySteps(loadSettings({ ...GOOD, TENCENTCLOUD_SECRETID: 'AKIDxxxxxxxxxxxx', TENCENTCLOUD_SECRETKEY: 'top-secret-key-value' }).settings);
    expect(withKeys[0]!.args.slice(0, 1)).toEqual(['login']);
  });
});

describe('npm run deploy -- --dry-run', () => {
  const run = (env: Record<string, string>, args: string[] = []) =>
    spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/deploy.ts'), '--dry-run', '--skip-build', '--env-file', '/dev/null', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } as unknown as NodeJS.ProcessEnv,
      encoding: 'utf8',
      timeout: 60_000,
    });

  test('打印将执行的每条命令和数据库结构，不执行、不显示密钥', () => {
    const r = run({ ...GOOD, TENCENTCLOUD_SECRETID: 'AKIDxxxxxxxxxxxx', TENCENTCLOUD_SECRETKEY: 'top-secret-key-value' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/npx tcb login --apiKeyId AKIDxxxxxxxxxxxx --apiKey \*\*\*\*\*\*/);
    expect(r.stdout).toMatch(/npx tcb fn deploy --all --force --yes -e mashangti-test-1a2b3c/);
    expect(r.stdout).toMatch(/npx tcb framework deploy -e mashangti-test-1a2b3c/);
    expect(r.stdout).toMatch(/演练结束/);
    expect(r.stdout + r.stderr).not.toMatch(/top-secret-key-value/);
    for (const c of ALL_COLLECTIONS) expect(r.stdout).toContain(c.name);
  }, 60_000);

  test('配置不对时退出码非 0，并说明原因', () => {
    const r = run({ ENV_ID: 'x' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/部署配置不正确/);
  }, 60_000);

  test('导入通讯录的演练：检查示例文件，不写数据库', () => {
    const r = run(GOOD, ['--import', path.join(ROOT, 'docs/county.example.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 个小组、2 个联络站、3 位委员（其中管理员 1 位）/);
    expect(r.stdout).toMatch(/演练/);
  }, 60_000);
});

describe('通讯录文件', () => {
  const example = () => JSON.parse(fs.readFileSync(path.join(ROOT, 'docs/county.example.json'), 'utf8'));

  test('示例文件合格', () => {
    expect(checkCounty(example()).stations).toHaveLength(2);
  });

  test('引用不存在的小组、站点 id 做不了小程序码、没有管理员、id 重复：都拒绝并说明', () => {
    const bad = example();
    bad.stations[0].groupId = 'nope';
    bad.stations[1].id = 'x'.repeat(40);
    bad.members = bad.members.filter((m: { isAdmin: boolean }) => !m.isAdmin);
    bad.groups.push({ ...bad.groups[0] });
    expect(() => checkCounty(bad)).toThrow(/小组 id 重复[\s\S]*小组 nope 不在 groups 里[\s\S]*不能做小程序码参数[\s\S]*至少要有一位管理员/);
  });

  test('邀请码：8 位、不含易混的字符，与绑定时的大写规范一致', () => {
    for (let i = 0; i < 200; i++) expect(randomInviteCodes.next()).toMatch(/^[2-9A-HJKMNP-TWXYZ]{8}$/);
  });
});

test('docs/deploy.md 写到了每个云函数、每个集合和每个索引', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8');
  for (const f of FUNCTIONS) expect(doc).toContain(`| ${f.name} |`);
  for (const c of ALL_COLLECTIONS) {
    expect(doc).toContain(`| ${c.name} |`);
    for (const ix of c.indexes) expect(doc).toContain(`${ix.name}（${ix.keys.map(([k, d]) => `${k} ${d}`).join(', ')}）`);
  }
});
