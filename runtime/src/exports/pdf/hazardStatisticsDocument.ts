import type { HazardStatistics } from '../../hazards/hazardStatistics';
import { COLUMNS } from '../../hazards/writeHazardStatistics';
import type { Labeller } from './Labeller';

/** English titles of the statistics columns, in the order of {@link COLUMNS}. */
const EN_TITLES = ['Registered', 'General', 'Major', 'Closed', 'Major closed', 'Open', 'Overdue', 'Rectification rate (%)', 'Funds (CNY)', 'Rejected (not hazards)'];

/**
 * The pdfmake document of the quarterly / yearly hazard statistics: the same
 * table as the xlsx (one row per enterprise, the total row), the breakdowns
 * by source, type and category, and the principal's signature and due-date lines.
 */
export function hazardStatisticsDocument(stats: HazardStatistics, l: Labeller, now: Date): Record<string, unknown> {
  const titles = COLUMNS.map(([zh], i) => l.say(zh, EN_TITLES[i] ?? zh));
  const kind = stats.period.kind === 'quarter' ? l.say('季度', 'quarterly') : l.say('年度', 'yearly');
  const row = (name: string, f: HazardStatistics['totals'], bold = false) => [name, ...COLUMNS.map(([, get]) => String(get(f)))].map((text) => ({ text, bold }));
  const breakdown = (title: string, m: Record<string, number>) => ({
    text: `${title}：${Object.entries(m).sort().map(([k, v]) => `${k}: ${v}`).join('，') || '—'}`,
    margin: [0, 2, 0, 2],
  });
  return {
    pageOrientation: 'landscape',
    info: { title: `hazard-statistics-${stats.period.label}`, creator: 'SafeFlow' },
    content: [
      { text: l.say(`隐患排查治理${kind}统计分析表（${stats.period.label}）`, `Hazard identification and rectification, ${kind} statistics (${stats.period.label})`), fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
      {
        table: {
          headerRows: 1,
          widths: [110, ...COLUMNS.map(() => '*')],
          body: [[l.say('单位', 'Organisation'), ...titles].map((text) => ({ text, bold: true, fillColor: '#eeeeee' })), ...stats.orgs.map((o) => row(o.orgName, o)), row(l.say('合计', 'Total'), stats.totals, true)],
        },
        fontSize: 8,
      },
      { text: '', margin: [0, 8, 0, 0] },
      breakdown(l.say('按隐患来源', 'By source'), stats.totals.bySource),
      breakdown(l.say('按隐患类型', 'By type'), stats.totals.byType),
      breakdown(l.say('按人/物/管理', 'By person / material / management'), stats.totals.byCategory),
      {
        columns: [
          { text: `${l.say(stats.signer, 'Principal')}${l.say('签字：', ' signature: ')}________________`, margin: [0, 30, 0, 0] },
          { text: `${l.say('日期：', 'Date: ')}________________`, margin: [0, 30, 0, 0] },
        ],
      },
      { text: `${l.say('报送截止日期', 'Due')}：${stats.period.dueDate}    ${l.say('生成时间', 'Generated')}：${l.time(now.getTime())}`, margin: [0, 10, 0, 0], fontSize: 9 },
    ],
  };
}
