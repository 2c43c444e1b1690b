/**
 * 管理后台里不靠服务端的几件事：从 Excel 粘贴的名单怎样拆成行、海报的码怎样变成图片地址、
 * 操作记录怎样写成中文、出错提示落在哪一项下面。
 */
import { ImportMembersRequest, SaveSettingsRequest } from '@shared/api/admin.api';
import { parseRequest } from '@shared/api/envelope';
import type { AuditEntry } from '@shared/domain/model';
import { describeAction, describeChanges } from '../../../miniprogram/src/packages/admin/services/audit-text';
import { base64Utf8, codeImageSrc } from '../../../miniprogram/src/packages/admin/services/code-image';
import { parsePaste, splitLine } from '../../../miniprogram/src/packages/admin/services/paste';
import { explainMissing, formLevelError, isFieldError } from '../../../miniprogram/src/packages/admin/components/ui';

jest.mock('@tarojs/components', () => ({}));

describe('粘贴导入：拆行', () => {
  test('从 Excel 复制的制表符分隔的行，按 姓名 小组 身份 电话 界别 的顺序', () => {
    const p = parsePaste('李建国\t下陆区第三委员小组\t委员\t13807140001\t经济界\n王丽华\t下陆区第三委员小组\t召集人\t\t社科界\n');
    expect(p.header).toBe(false);
    expect(p.rows).toEqual([
      { name: '李建国', groupName: '下陆区第三委员小组', role: '委员', phone: '13807140001', sector: '经济界' },
      { name: '王丽华', groupName: '下陆区第三委员小组', role: '召集人', phone: '', sector: '社科界' },
    ]);
    expect(p.lines).toEqual([1, 2]);
  });

  test('表头行跳过，并按表头认列的顺序（认得"手机""所在小组"这类写法，认不得的列跳过）', () => {
    const p = parsePaste('序号\t手机\t姓名\t所在小组\t界别\t身份\n1\t13807140001\t李建国\t第三组\t经济界\t召集人');
    expect(p.header).toBe(true);
    expect(p.rows).toEqual([{ name: '李建国', groupName: '第三组', role: '召集人', phone: '13807140001', sector: '经济界' }]);
    expect(p.lines).toEqual([2]);
  });

  test('空行跳过；全角空格当空格；姓名里对齐用的空格去掉；Windows 换行也行', () => {
    const p = parsePaste('\r\n王　芳\t第三组\t委员\r\n\r\n　\t\t\r\n张 伟\t第三组　\t委员\r\n');
    expect(p.rows.map((r) => [r.name, r.groupName])).toEqual([
      ['王芳', '第三组'],
      ['张伟', '第三组'],
    ]);
    expect(p.lines).toEqual([2, 5]);
  });

  test('没有制表符时按逗号（半角或全角）分列，再不然按空白分列', () => {
    expect(splitLine('李建国，第三组,委员，13807140001')).toEqual(['李建国', '第三组', '委员', '13807140001']);
    expect(splitLine('李建国  第三组　委员')).toEqual(['李建国', '第三组', '委员']);
  });

  test('单元格外面的引号去掉；电话里的空格去掉', () => {
    const p = parsePaste('"李建国"\t"第三组"\t委员\t138 0714 0001');
    expect(p.rows[0]).toMatchObject({ name: '李建国', groupName: '第三组', phone: '13807140001' });
  });

  test('超过 500 行不截断：请求校验给出 IMPORT.TOO_MANY_ROWS 的中文提示', () => {
    const text = Array.from({ length: 501 }, (_, i) => `委员${i}\t第三组\t委员`).join('\n');
    const p = parsePaste(text);
    expect(p.rows).toHaveLength(501);
    const r = parseRequest(ImportMembersRequest, { rows: p.rows, dryRun: true });
    expect(r.ok ? null : r.error.code).toBe('IMPORT.TOO_MANY_ROWS');
  });
});

describe('海报的码', () => {
  test('SVG 编成 base64 的 data: 地址，解回来与原文相同（含中文）', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>箭楼社区</title><path d="M0 0h1v1H0z"/></svg>';
    const src = codeImageSrc({ qrSvg: svg });
    expect(src).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(src!.split(',')[1]!, 'base64').toString('utf8')).toBe(svg);
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', '码']) expect(base64Utf8(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
  });

  test('没有二维码时用小程序码的图片地址，两样都没有时为 null', () => {
    expect(codeImageSrc({ url: 'https://example.invalid/code.png' })).toBe('https://example.invalid/code.png');
    expect(codeImageSrc({})).toBeNull();
  });
});

describe('操作记录写成中文', () => {
  const lookup = { groupName: (id: string) => ({ g1: '下陆区第三委员小组', g2: '黄石港区第一委员小组' })[id], stationName: () => undefined };
  const entry = (over: Partial<AuditEntry>): AuditEntry => ({
    id: 'a1',
    at: '2026-12-01T02:00:00.000Z',
    actorOpenid: 'demo-admin',
    actorName: '刘主任',
    action: 'saveStation',
    target: { kind: 'station', id: 's1', label: '箭楼社区委员联络室' },
    groupIds: ['g1'],
    before: null,
    after: null,
    ...over,
  });

  test('改属另一个小组：所属小组从旧小组名改成新小组名', () => {
    const e = entry({ before: { groupId: 'g1' }, after: { groupId: 'g2' } });
    expect(describeAction(e)).toBe('保存联络站 · 联络站「箭楼社区委员联络室」');
    expect(describeChanges(e, lookup, (iso) => iso)).toEqual([{ field: 'groupId', label: '所属小组', from: '下陆区第三委员小组', to: '黄石港区第一委员小组' }]);
  });

  test('暂停：状态从受理中改成已暂停；新建时只列填了的项', () => {
    const paused = entry({ action: 'pauseStation', before: { enabled: true }, after: { enabled: false } });
    expect(describeChanges(paused, lookup, (iso) => iso)).toEqual([{ field: 'enabled', label: '状态', from: '受理中', to: '已暂停' }]);
    const created = entry({ after: { id: 's1', name: '箭楼社区委员联络室', intro: '', neighbours: [], groupId: 'g1' } });
    expect(describeChanges(created, lookup, (iso) => iso).map((c) => `${c.label}=${c.to}`)).toEqual(['名称=箭楼社区委员联络室', '所属小组=下陆区第三委员小组']);
  });

  test('发邀请码：说明里夹着的时间换成北京时间', () => {
    const e = entry({ action: 'issueInvite', target: { kind: 'member', id: 'm1', label: '李建国' }, before: { invite: null }, after: { invite: '有效至 2027-01-01T05:12:25.992Z' } });
    const format = (iso: string) => `«${iso.slice(0, 10)}»`;
    expect(describeChanges(e, lookup, format)).toEqual([{ field: 'invite', label: '邀请码', from: '（空）', to: '有效至 «2027-01-01»' }]);
    expect(describeChanges(e, lookup, format)[0]!.to).toBe('有效至 «2027-01-01»');
  });

  test('委员所在的小组与身份', () => {
    const e = entry({ action: 'saveMember', target: { kind: 'member', id: 'm1', label: '李建国' }, before: { groups: [{ groupId: 'g1', role: 'member' }] }, after: { groups: [{ groupId: 'g1', role: 'member' }, { groupId: 'g2', role: 'convener' }] } });
    expect(describeChanges(e, lookup, (iso) => iso)[0]!.to).toBe('下陆区第三委员小组（委员）、黄石港区第一委员小组（召集人）');
  });
});

describe('出错提示落在哪一项下面', () => {
  test('县级设置超出范围：SETTINGS.INVALID 带着那一项的路径，显示在那一项下面', () => {
    const r = parseRequest(SaveSettingsRequest, { settings: { maxPhotos: 12 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('SETTINGS.INVALID');
    expect(isFieldError(r.error, 'maxPhotos')).toBe(true);
    expect(isFieldError(r.error, 'maxTextLength')).toBe(false);
    expect(formLevelError(r.error, ['maxPhotos', 'maxTextLength'])).toBeNull();
  });

  test('分类一个不选：错误路径指向分类那一项', () => {
    const r = parseRequest(SaveSettingsRequest, { settings: { residentCategories: [] } });
    expect(!r.ok && isFieldError(r.error, 'residentCategories')).toBe(true);
  });

  test('必填项空着时说清楚是哪一项，错误码不变；不是空着的原样显示', () => {
    const err = { code: 'REQUEST.INVALID' as const, message: '提交的内容格式不对，请检查后再试。', field: 'name' };
    expect(explainMissing(err, { name: ' ' }, { name: '请填写站名。' })).toEqual({ ...err, message: '请填写站名。' });
    expect(explainMissing(err, { name: 'x'.repeat(50) }, { name: '请填写站名。' })).toBe(err);
  });

  test('没有对应项的错误（如小组不存在）放在表单底部', () => {
    const err = { code: 'GROUP.NOT_FOUND' as const, message: '没有找到这个委员小组。' };
    expect(formLevelError(err, ['name'])).toBe(err);
  });
});
