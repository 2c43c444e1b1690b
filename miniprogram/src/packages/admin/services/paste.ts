/**
 * 把从 Excel（或 WPS、网页表格）复制来的名单拆成导入的行：姓名、小组、身份、电话、界别。
 * 办公室的表格五花八门，所以：
 * - 一行里有制表符就按制表符分列（从表格复制的都是这样）；没有就按逗号（半角、全角）分；再不然按空白分；
 * - 第一行像表头（有"姓名"）就跳过，并按表头认列的顺序（"手机""所在小组"这类写法也认）；
 * - 空行跳过；全角空格当空格；姓名里为了对齐加的空格（"王　芳"）去掉；单元格外面的引号去掉。
 * 是否合格由服务端的预览判断（importMembers dryRun），这里只管拆。
 */
import type { ImportRowInput } from '@shared/api/admin.api';

export type Column = 'name' | 'groupName' | 'role' | 'phone' | 'sector';
/** 表头里认不出的列（如"序号"）：跳过 */
export type AnyColumn = Column | `skip${number}`;

export const DEFAULT_COLUMNS: Column[] = ['name', 'groupName', 'role', 'phone', 'sector'];

export const COLUMN_LABELS: Record<Column, string> = { name: '姓名', groupName: '小组', role: '身份', phone: '电话', sector: '界别' };

/** 表头里的写法 → 哪一列 */
const HEADER_WORDS: Array<[RegExp, Column]> = [
  [/^(姓名|名字|委员姓名|name)$/i, 'name'],
  [/^(小组|委员小组|所在小组|所属小组|组别|group)$/i, 'groupName'],
  [/^(身份|角色|职务|组内身份|role)$/i, 'role'],
  [/^(电话|手机|手机号|手机号码|联系电话|电话号码|phone)$/i, 'phone'],
  [/^(界别|所在界别|sector)$/i, 'sector'],
];

export interface ParsedPaste {
  rows: ImportRowInput[];
  /** 每一行来自粘贴内容的第几行（从 1 数），预览里告诉办公室是哪一行 */
  lines: number[];
  /** 认出了表头并按它排列 */
  header: boolean;
  columns: AnyColumn[];
}

const FULL_WIDTH_SPACE = /\u3000/g;

function cleanCell(cell: string): string {
  return cell.replace(FULL_WIDTH_SPACE, ' ').trim().replace(/^"(.*)"$/s, '$1').trim();
}

export function splitLine(line: string): string[] {
  const l = line.replace(/\r$/, '');
  if (l.includes('\t')) return l.split('\t').map(cleanCell);
  if (/[,，]/.test(l)) return l.split(/[,，]/).map(cleanCell);
  return l.replace(FULL_WIDTH_SPACE, ' ').trim().split(/\s+/).map(cleanCell);
}

function headerColumns(cells: string[]): AnyColumn[] | null {
  const cols = cells.map((c) => HEADER_WORDS.find(([re]) => re.test(c.replace(/\s/g, '')))?.[1] ?? null);
  if (!cols.includes('name')) return null;
  return cols.map((c, i): AnyColumn => c ?? `skip${i}`);
}

export function parsePaste(text: string): ParsedPaste {
  const rows: ImportRowInput[] = [];
  const lines: number[] = [];
  let columns: AnyColumn[] = DEFAULT_COLUMNS;
  let header = false;
  let seenData = false;
  text.split('\n').forEach((raw, i) => {
    const cells = splitLine(raw);
    if (cells.every((c) => !c)) return;
    if (!seenData && !header) {
      const cols = headerColumns(cells);
      if (cols) {
        columns = cols;
        header = true;
        return;
      }
    }
    seenData = true;
    const get = (col: Column) => {
      const at = columns.indexOf(col);
      return at >= 0 ? cells[at] ?? '' : '';
    };
    rows.push({
      name: get('name').replace(/\s/g, ''),
      groupName: get('groupName'),
      role: get('role').replace(/\s/g, ''),
      phone: get('phone').replace(/\s/g, ''),
      sector: get('sector'),
    });
    lines.push(i + 1);
  });
  // 行数超过一次能导入的上限时不在这里截断：请求校验会给出 IMPORT.TOO_MANY_ROWS 的提示
  return { rows, lines, header, columns };
}
