/**
 * 测试用：把导出的 .xlsx 读回来（解压 + 解析 XML），每张表 → 单元格文字的二维数组，列宽另给。
 * 只认 write-excel-file 写出的那几种单元格：共享字符串（t="s"）、内联字符串、数字。
 */
import JSZip from 'jszip';
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['si', 'row', 'c', 'sheet', 'col', 'Relationship', 'r'].includes(name) });

const text = (node: unknown): string => {
  if (node === undefined || node === null) return '';
  if (typeof node !== 'object') return String(node);
  const n = node as Record<string, unknown>;
  if ('t' in n) return text(n.t);
  if ('#text' in n) return String(n['#text']);
  if (Array.isArray(n.r)) return (n.r as unknown[]).map(text).join('');
  return '';
};

/** A1 → 列号（从 0 起） */
const columnOf = (ref: string) => [...ref.replace(/\d+/g, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

export interface SheetContent {
  rows: string[][];
  widths: number[];
}

export async function readWorkbook(bytes: Buffer): Promise<Record<string, SheetContent>> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (p: string) => parser.parse((await zip.file(p)?.async('string')) ?? '<x/>');
  const shared = ((await read('xl/sharedStrings.xml')).sst?.si ?? []).map(text);
  const workbook = await read('xl/workbook.xml');
  const rels = (await read('xl/_rels/workbook.xml.rels')).Relationships.Relationship as Array<Record<string, string>>;
  const out: Record<string, SheetContent> = {};
  for (const sheet of workbook.workbook.sheets.sheet as Array<Record<string, string>>) {
    const target = rels.find((r) => r['@Id'] === sheet['@r:id'])!['@Target']!.replace(/^\/?xl\//, '');
    const ws = (await read(`xl/${target}`)).worksheet;
    const rows: string[][] = [];
    for (const row of ws.sheetData?.row ?? []) {
      const cells: string[] = [];
      for (const c of row.c ?? []) {
        const value = c['@t'] === 's' ? shared[Number(c.v)]! : c['@t'] === 'inlineStr' ? text(c.is) : c.v === undefined ? '' : String(c.v);
        cells[columnOf(c['@r'])] = value;
      }
      rows.push(Array.from(cells, (v) => v ?? ''));
    }
    const widths = ((ws.cols?.col ?? []) as Array<Record<string, string>>).map((c) => Number(c['@width']));
    out[sheet['@name']!] = { rows, widths };
  }
  return out;
}
