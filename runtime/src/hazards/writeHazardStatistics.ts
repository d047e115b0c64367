import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { HazardStatistics } from './hazardStatistics';

/** The columns of the statistics table (also of the PDF export). */
export const COLUMNS: Array<[string, (f: HazardStatistics['totals']) => number]> = [
  ['排查隐患总数', (f) => f.registered], ['一般隐患', (f) => f.general], ['重大隐患', (f) => f.major], ['已整改销号', (f) => f.closed],
  ['重大隐患已核销', (f) => f.closedMajor], ['未整改', (f) => f.open], ['逾期未整改', (f) => f.overdue], ['整改率(%)', (f) => f.rectificationRate],
  ['整改资金(元)', (f) => f.funds], ['驳回(非隐患)', (f) => f.rejected],
];

/**
 * Writes the statistics as an xlsx workbook for the principal's signature:
 * a title with the period, one row per enterprise and a total row, the
 * breakdowns by source / type / category, and the signature and due-date lines.
 */
export async function writeHazardStatistics(stats: HazardStatistics, out: Writable): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('隐患排查治理统计');
  ws.addRow([`隐患排查治理${stats.period.kind === 'quarter' ? '季度' : '年度'}统计分析表（${stats.period.label}）`]).font = { bold: true, size: 14 };
  ws.addRow([]);
  ws.addRow(['单位', ...COLUMNS.map(([t]) => t)]).font = { bold: true };
  for (const o of stats.orgs) ws.addRow([o.orgName, ...COLUMNS.map(([, f]) => f(o))]);
  ws.addRow(['合计', ...COLUMNS.map(([, f]) => f(stats.totals))]).font = { bold: true };
  ws.addRow([]);
  const breakdown = (title: string, m: Record<string, number>) => ws.addRow([title, ...Object.entries(m).sort().map(([k, v]) => `${k}: ${v}`)]);
  breakdown('按隐患来源', stats.totals.bySource);
  breakdown('按隐患类型', stats.totals.byType);
  breakdown('按人/物/管理', stats.totals.byCategory);
  ws.addRow([]);
  ws.addRow([`${stats.signer}签字：`, '', '', '日期：']);
  ws.addRow([`报送截止日期：${stats.period.dueDate}`]);
  ws.getColumn(1).width = 28;
  await wb.xlsx.write(out);
}
