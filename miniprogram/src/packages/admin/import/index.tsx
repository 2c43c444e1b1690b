/**
 * 粘贴导入委员：从 Excel 选中几列（姓名、小组、身份、电话、界别）复制，粘贴到这里，先预览——
 * 每一行能不能导入、不能的为什么（服务端的中文提示，整行标红）；再导入能导入的行（坏行一行也不写），
 * 每人一个邀请码，可以一起打印邀请条。
 */
import { useState } from 'react';
import { View } from '@tarojs/components';
import { GROUP_ROLE_LABELS, type ImportResult } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import ErrorNote from '../../../components/error-note';
import { formatDate } from '../../../services/format';
import { PAGES, go, withQuery } from '../../../services/nav';
import AdminShell from '../components/admin-shell';
import { Btn, Cell, Field, Notice, TableHead, TextArea } from '../components/ui';
import { admin } from '../services/admin-api';
import { COLUMN_LABELS, DEFAULT_COLUMNS, parsePaste, type ParsedPaste } from '../services/paste';
import { rememberSlips } from '../services/slips';

const EXAMPLE = ['姓名\t小组\t身份\t电话\t界别', '李建国\t下陆区第三委员小组\t委员\t13807140001\t经济界', '王丽华\t下陆区第三委员小组\t召集人\t\t社科界'].join('\n');

export default function ImportPage() {
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<ParsedPaste | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  function edit(v: string) {
    setText(v);
    setPreview(null);
    setResult(null);
    setError(null);
  }

  async function check() {
    if (busy) return;
    const p = parsePaste(text);
    setParsed(p);
    setResult(null);
    setError(null);
    setBusy(true);
    const r = await admin.importMembers(p.rows, true);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setPreview(r.data);
  }

  async function run() {
    if (busy || !parsed) return;
    setBusy(true);
    const r = await admin.importMembers(parsed.rows, false);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setResult(r.data);
    setPreview(r.data);
    // 导入成功的行按顺序对应邀请码：把小组名一起记下，邀请条上要印
    const okRows = r.data.preview.filter((row) => row.ok);
    rememberSlips(r.data.invites.map((inv, i) => ({ name: inv.name, groups: okRows[i]?.groupName ? [okRows[i]!.groupName] : [], code: inv.inviteCode, expiresAt: inv.expiresAt })));
  }

  const errorOf = (row: number) => preview?.errors.find((e) => e.row === row);
  const good = preview ? preview.preview.filter((r) => r.ok).length : 0;
  const bad = preview ? preview.preview.length - good : 0;

  return (
    <AdminShell section='import' title='粘贴导入委员' lead='在 Excel 里选中姓名、小组、身份、电话、界别几列（带不带表头都行），复制，粘贴到下面。小组要先建好。'>
      <Field label='粘贴在这里' name='rows' hint={`列的顺序：${DEFAULT_COLUMNS.map((c) => COLUMN_LABELS[c]).join('、')}；有表头时按表头认列。身份写"委员"或"召集人"，空着算委员。`} wide>
        <TextArea testid='paste' value={text} maxlength={200000} placeholder={EXAMPLE} onChange={edit} />
      </Field>
      <ErrorNote error={error} />
      <View className='adm-actions'>
        <Btn kind={preview && !result ? 'default' : 'primary'} busy={busy} testid='preview-import' onClick={check}>
          {busy && !preview ? '正在检查…' : '预览'}
        </Btn>
        {preview && !result && good > 0 && (
          <Btn kind='primary' busy={busy} testid='run-import' onClick={run}>
            {busy ? '正在导入…' : `导入 ${good} 人${bad ? `（${bad} 行有问题，不导入）` : ''}`}
          </Btn>
        )}
      </View>

      {parsed?.header && !result && <View className='hint'>已认出表头，按表头的列导入。</View>}
      {preview && !result && (
        <Notice testid='import-summary'>
          {preview.preview.length} 行里，{good} 行可以导入{bad ? `，${bad} 行有问题（标红的行，改好后重新粘贴预览；不改也可以先导入其余的）` : ''}。
        </Notice>
      )}
      {result && (
        <Notice testid='import-result'>
          已导入 {result.created} 人，每人一个邀请码（{result.invites[0] ? `${formatDate(result.invites[0].expiresAt)}前有效` : ''}）。
          {result.errors.length > 0 && ` ${result.errors.length} 行没有导入。`}
          {result.invites.length > 0 && (
            <View className='adm-actions'>
              <Btn kind='primary' small testid='print-import-slips' onClick={() => go(withQuery(PAGES.adminSlips, { from: 'import' }))}>
                打印邀请条
              </Btn>
              <Btn small onClick={() => go(PAGES.adminMembers)}>
                去看委员名单
              </Btn>
            </View>
          )}
        </Notice>
      )}

      {preview && (
        <View className='adm-table' data-testid='import-preview'>
          <TableHead cells={[{ label: '行', cls: 'adm-cell--narrow' }, { label: '姓名' }, { label: '小组', cls: 'adm-cell--2' }, { label: '身份' }, { label: '电话', cls: 'adm-cell--phone' }, { label: '界别' }, { label: '结果', cls: 'adm-cell--3' }]} />
          {preview.preview.map((row) => {
            const err = errorOf(row.row);
            const invite = result?.invites.find((i) => i.name === row.name);
            return (
              <View key={row.row} className={`adm-row ${row.ok ? '' : 'adm-row--bad'}`} data-testid={row.ok ? 'import-row' : 'import-row-bad'}>
                <Cell label='行' cls='adm-cell--narrow'>
                  第 {parsed?.lines[row.row - 1] ?? row.row} 行
                </Cell>
                <Cell label='姓名'>{row.name || '（空）'}</Cell>
                <Cell label='小组' cls='adm-cell--2'>
                  {row.groupName || '（空）'}
                </Cell>
                <Cell label='身份'>{row.role ? GROUP_ROLE_LABELS[row.role] : '？'}</Cell>
                <Cell label='电话' cls='adm-cell--phone'>
                  {row.phone}
                </Cell>
                <Cell label='界别'>{row.sector}</Cell>
                <Cell label='结果' cls={`adm-cell--3 ${err ? 'adm-cell--bad' : ''}`} testid='import-row-result'>
                  {err ? err.message : invite ? `已导入 · 邀请码 ${invite.inviteCode}` : result ? '已导入' : '可以导入'}
                </Cell>
              </View>
            );
          })}
        </View>
      )}
    </AdminShell>
  );
}
