import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { SYSTEM_FIELDS, type CollectionContent } from '../definitions/CollectionContent';
import type { LedgerItem } from './LedgerService';
import type { ChecklistItem, LedgerLabels } from './ledgerLabels';
import type { ViewContent } from '../definitions/ViewContent';

/** Export file formats of ledgers. */
export type ExportFormat = 'xlsx' | 'csv';

/** Readable cells for an export: org names, enum labels, checklist answers (see {@link LedgerLabels}). */
export interface ExportLabelling {
  /** Labels for a batch (loads the batch's org names). */
  labelsFor(items: LedgerItem[]): Promise<LedgerLabels>;
  /** Checklist items of the collection's form, each exported as its own column after the view's. */
  checklist?: ChecklistItem[];
}

/**
 * The cell value of `field` for one exported row: system fields and states in
 * Chinese, dates in China time; with `labels`, org names, enum labels and
 * checklist answers as words.
 */
export function exportCell(item: LedgerItem, field: string, c: CollectionContent, labels?: LedgerLabels): string | number | null {
  if (labels) return labels.cell(item, field);
  if (field === 'status') return c.states.find((s) => s.key === item.status)?.name.zh ?? item.status;
  if (field === 'createdAt' || field === 'updatedAt') return chinaTime(item[field]);
  if (field === 'orgId') return item.orgId;
  if (field in SYSTEM_FIELDS) return null;
  const v = item.data[field];
  if (v === undefined || v === null) return null;
  const type = c.fields[field]?.type;
  if (type === 'boolean') return v ? '是' : '否';
  if (type === 'number' && typeof v === 'number') return v;
  if (type === 'fileRefs' && Array.isArray(v)) return v.map((f) => (f as { name?: string; fileId?: string }).name ?? (f as { fileId?: string }).fileId).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** `YYYY-MM-DD HH:mm:ss` in UTC+8. */
function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Quotes a CSV field, and defuses text that a spreadsheet would run as a formula. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Streams a ledger export to `out`: the view's export columns with their
 * Chinese titles, one row per record, batch by batch. xlsx through exceljs'
 * streaming writer; CSV as UTF-8 with a BOM (so Excel reads Chinese right)
 * and CRLF line ends.
 */
export async function writeLedgerExport(
  format: ExportFormat,
  view: ViewContent,
  collection: CollectionContent,
  batches: AsyncIterable<LedgerItem[]>,
  out: Writable,
  labelling?: ExportLabelling,
): Promise<void> {
  const base = view.exportColumns.length ? view.exportColumns : view.columns;
  const extra = (labelling?.checklist ?? [])
    .filter((i) => !base.some((c) => c.field === i.path))
    .map((i) => ({ field: i.path, title: { zh: i.title, en: i.title } }));
  const cols = [...base, ...extra];
  const cellsOf = async (batch: LedgerItem[]) => {
    const labels = labelling ? await labelling.labelsFor(batch) : undefined;
    return batch.map((item) => cols.map((c) => exportCell(item, c.field, collection, labels)));
  };
  if (format === 'csv') {
    const write = (s: string) => new Promise<void>((resolve, reject) => (out.write(s) ? resolve() : out.once('drain', resolve).once('error', reject)));
    await write('\uFEFF' + cols.map((c) => csvField(c.title.zh)).join(',') + '\r\n');
    for await (const batch of batches) {
      await write((await cellsOf(batch)).map((row) => row.map(csvField).join(',') + '\r\n').join(''));
    }
    out.end();
    return;
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(view.key);
  ws.columns = cols.map((c) => ({ header: c.title.zh, key: c.field, width: Math.min(60, Math.max(12, c.title.zh.length * 2 + 4)) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const batch of batches) {
    for (const row of await cellsOf(batch)) ws.addRow(row).commit();
  }
  ws.commit();
  await wb.commit();
}
