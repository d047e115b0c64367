import type { CollectionContent } from '../../definitions/CollectionContent';
import type { DossierData, DossierRecord, DossierSection } from '../loadDossier';
import type { FormEnumLabels } from '../formEnumLabels';
import type { Labeller } from './Labeller';

/** Fill colours of the four risk colours (GB/T 33000 / 四色图). */
const RISK_FILL: Record<string, string> = { red: '#e53935', orange: '#fb8c00', yellow: '#fdd835', blue: '#1e88e5' };
/** Names of the four colours, where the definitions give the colour no label. */
const RISK_COLOUR: Record<string, { zh: string; en: string }> = { red: { zh: '红', en: 'Red' }, orange: { zh: '橙', en: 'Orange' }, yellow: { zh: '黄', en: 'Yellow' }, blue: { zh: '蓝', en: 'Blue' } };
/** Archive fields shown elsewhere in the dossier (tables of their own) or of no use on paper. */
const ARCHIVE_SKIP = new Set(['licences', 'safetyManagers', 'longitude', 'latitude']);
/** States of a hazard that count as closed (销号 / 驳回). */
const HAZARD_DONE = new Set(['closed', 'rejected']);

type Cell = Record<string, unknown> | string;

const heading = (text: string) => ({ text, style: 'h2', margin: [0, 14, 0, 6] });
const none = (l: Labeller) => ({ text: l.say('（无记录）', '(no records)'), color: '#888888', margin: [0, 2, 0, 4] });

/** A table with a bold header row and light grid lines. */
function table(header: string[], rows: Cell[][], widths?: Array<string | number>) {
  return {
    table: { headerRows: 1, widths: widths ?? header.map(() => '*'), body: [header.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee' })), ...rows] },
    layout: 'lightHorizontalLines',
    fontSize: 9,
  };
}

/** A table of `fields` of the section's records, with the state as the last column. */
function recordTable(l: Labeller, s: DossierSection, fields: string[], decorate?: (r: DossierRecord, field: string, text: string) => Cell) {
  const c = s.collection;
  const present = fields.filter((f) => c.fields[f]);
  const header = [...present.map((f) => l.field(c, f)), l.say('状态', 'State')];
  const rows = s.records.map((r) => [...present.map((f) => {
    const text = l.value(c, f, r.data[f], s.formEnums);
    return decorate ? decorate(r, f, text) : text;
  }), l.state(c, r.status)]);
  if (!s.truncated) return table(header, rows);
  return { stack: [table(header, rows), { text: l.say(`仅列出最早的 ${s.records.length} 条，完整记录见台账。`, `Only the first ${s.records.length} are listed; see the ledger for all.`), color: '#888888', fontSize: 8 }] };
}

function expiryCell(l: Labeller, text: string, today: string): Cell {
  if (!text) return '';
  if (text < today) return { text: `${text} ${l.say('（已过期）', '(expired)')}`, color: '#c62828', bold: true };
  return text;
}

/**
 * The pdfmake document of the enterprise dossier (一企一册): cover, basic
 * archive (every filled field with its label from the collection
 * definition), licences and certificates with expiry, risk points with their
 * colours, hazards open and closed with their states, training summary,
 * emergency plans and drills.
 */
export function dossierDocument(d: DossierData, l: Labeller, now: Date): Record<string, unknown> {
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const ent = d.sections.safety_enterprise;
  const archive = ent?.records.find((r) => r.status !== 'writtenOff') ?? ent?.records[0];
  const name = typeof archive?.data.name === 'string' && archive.data.name ? archive.data.name : d.org.name;
  const content: unknown[] = [
    { text: l.say('企业安全生产档案', 'Enterprise safety dossier'), style: 'title', margin: [0, 160, 0, 8] },
    { text: l.say('（一企一册）', '(one enterprise, one book)'), alignment: 'center', fontSize: 14, margin: [0, 0, 0, 40] },
    { text: name, alignment: 'center', fontSize: 20, bold: true, margin: [0, 0, 0, 12] },
    ...(ent && archive?.data.uscc ? [{ text: `${l.field(ent.collection, 'uscc')}：${String(archive.data.uscc)}`, alignment: 'center', margin: [0, 0, 0, 4] }] : []),
    { text: `${l.say('生成时间', 'Generated')}：${l.time(now.getTime())}`, alignment: 'center', margin: [0, 60, 0, 0], pageBreak: 'after' },
  ];

  // 1. basic archive
  content.push(heading(`1. ${ent ? l.t(ent.collection.name) : l.say('企业档案', 'Enterprise archive')}`));
  if (ent && archive) {
    const c = ent.collection;
    const rows = Object.keys(c.fields)
      .filter((f) => !ARCHIVE_SKIP.has(f) && c.fields[f]!.type !== 'json' && l.value(c, f, archive.data[f], ent.formEnums) !== '')
      .map((f) => [{ text: l.field(c, f), bold: true }, l.value(c, f, archive.data[f], ent.formEnums)]);
    rows.push([{ text: l.say('档案状态', 'Archive state'), bold: true }, l.state(c, archive.status)]);
    content.push({ table: { widths: [170, '*'], body: rows }, layout: 'lightHorizontalLines', fontSize: 9 });
  } else content.push(none(l));

  // 2. licences and certificates
  content.push(heading(`2. ${l.say('证照与人员证书', 'Licences and certificates')}`));
  const licences = Array.isArray(archive?.data.licences) ? (archive!.data.licences as Array<Record<string, unknown>>) : [];
  if (ent) content.push({ text: l.field(ent.collection, 'licences'), bold: true, margin: [0, 4, 0, 2] });
  content.push(
    licences.length
      ? table(
          [l.say('类型', 'Type'), l.say('编号', 'Number'), l.say('发证机关', 'Issuer'), l.say('有效期至', 'Expires')],
          licences.map((x) => [ent ? l.value(ent.collection, 'type', x.type, ent.formEnums) : String(x.type ?? ''), String(x.number ?? ''), String(x.issuer ?? ''), expiryCell(l, l.day(String(x.expiresAt ?? '')), today)]),
        )
      : none(l),
  );
  const certs = d.sections.safety_certificate;
  if (certs) {
    content.push({ text: l.t(certs.collection.name), bold: true, margin: [0, 8, 0, 2] });
    content.push(certs.records.length ? recordTable(l, certs, ['personName', 'kind', 'category', 'number', 'expiresAt'], (_r, f, t) => (f === 'expiresAt' ? expiryCell(l, t, today) : t)) : none(l));
  }

  // 3. risk points
  const risks = d.sections.safety_risk_point;
  content.push(heading(`3. ${risks ? l.t(risks.collection.name) : l.say('风险点', 'Risk points')}`));
  content.push(
    risks?.records.length
      ? recordTable(l, risks, ['code', 'name', 'department', 'riskLevel', 'riskColor', 'controlTier', 'responsiblePerson'], (r, f, t) =>
          // the level's own label when the collection has none for the enum (the grading rules write `riskLevelLabel`)
          f === 'riskLevel' && t === r.data.riskLevel && typeof r.data.riskLevelLabel === 'string' && r.data.riskLevelLabel
            ? r.data.riskLevelLabel
            : f === 'riskColor' && typeof r.data.riskColor === 'string' && RISK_FILL[r.data.riskColor]
            ? { text: t === r.data.riskColor ? l.t(RISK_COLOUR[t]) : t, fillColor: RISK_FILL[r.data.riskColor], color: r.data.riskColor === 'yellow' ? '#000000' : '#ffffff', bold: true }
            : t,
        )
      : none(l),
  );

  // 4. hazards, open then closed
  const hazards = d.sections.safety_hazard;
  content.push(heading(`4. ${hazards ? l.t(hazards.collection.name) : l.say('隐患', 'Hazards')}`));
  if (hazards) {
    const fields = ['title', 'grade', 'location', 'responsible', 'deadline'];
    const open = { ...hazards, records: hazards.records.filter((r) => !HAZARD_DONE.has(r.status)) };
    const closed = { ...hazards, records: hazards.records.filter((r) => HAZARD_DONE.has(r.status)) };
    content.push({ text: `${l.say('未销号', 'Open')}（${open.records.length}）`, bold: true, margin: [0, 4, 0, 2] });
    content.push(open.records.length ? recordTable(l, open, fields) : none(l));
    content.push({ text: `${l.say('已销号 / 已驳回', 'Closed / rejected')}（${closed.records.length}）`, bold: true, margin: [0, 8, 0, 2] });
    content.push(closed.records.length ? recordTable(l, closed, [...fields, 'acceptedAt']) : none(l));
  } else content.push(none(l));

  // 5. training
  const training = d.sections.safety_training_record;
  content.push(heading(`5. ${training ? l.t(training.collection.name) : l.say('培训记录', 'Training records')}`));
  if (training?.records.length) content.push(trainingSummary(l, training.collection, training.formEnums, training.records));
  else content.push(none(l));

  // 6. emergency plans and drills
  const plans = d.sections.safety_emergency_plan;
  const drills = d.sections.safety_drill;
  content.push(heading(`6. ${l.say('应急预案与演练', 'Emergency plans and drills')}`));
  if (plans) {
    content.push({ text: l.t(plans.collection.name), bold: true, margin: [0, 4, 0, 2] });
    content.push(plans.records.length ? recordTable(l, plans, ['title', 'planType', 'planVersion', 'publishedAt', 'filedAt', 'nextEvaluationDue']) : none(l));
  }
  if (drills) {
    content.push({ text: l.t(drills.collection.name), bold: true, margin: [0, 8, 0, 2] });
    content.push(drills.records.length ? recordTable(l, drills, ['title', 'drillType', 'mode', 'plannedAt', 'actualAt', 'participantCount']) : none(l));
  }
  if (!plans && !drills) content.push(none(l));

  return {
    info: { title: `${name} ${l.say('企业安全生产档案', 'Enterprise safety dossier')}`, creator: 'SafeFlow' },
    content,
    styles: { title: { fontSize: 26, bold: true, alignment: 'center' }, h2: { fontSize: 14, bold: true } },
  };
}

/** Training records summarised: people and records by role, hours credited, exams passed / failed. */
function trainingSummary(l: Labeller, c: CollectionContent, formEnums: FormEnumLabels, records: DossierRecord[]) {
  const byRole = new Map<string, { n: number; hours: number; passed: number; failed: number }>();
  for (const r of records) {
    const role = typeof r.data.role === 'string' ? r.data.role : '';
    const e = byRole.get(role) ?? { n: 0, hours: 0, passed: 0, failed: 0 };
    e.n++;
    if (typeof r.data.hoursCredited === 'number') e.hours += r.data.hoursCredited;
    if (r.data.passed === true) e.passed++;
    if (r.data.passed === false || r.status === 'failed') e.failed++;
    byRole.set(role, e);
  }
  const rows = [...byRole.entries()].map(([role, e]) => [role ? l.value(c, 'role', role, formEnums) : '—', String(e.n), String(e.hours), String(e.passed), String(e.failed)]);
  const sum = [...byRole.values()].reduce((a, e) => ({ n: a.n + e.n, hours: a.hours + e.hours, passed: a.passed + e.passed, failed: a.failed + e.failed }), { n: 0, hours: 0, passed: 0, failed: 0 });
  rows.push([l.say('合计', 'Total'), String(sum.n), String(sum.hours), String(sum.passed), String(sum.failed)].map((t) => ({ text: t, bold: true })) as unknown as string[]);
  return table([l.field(c, 'role'), l.say('记录数', 'Records'), l.field(c, 'hoursCredited'), l.say('考试合格', 'Passed'), l.say('不合格', 'Failed')], rows);
}
