import { z } from 'zod';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { resolveActingOrg, type OrgRef } from '../definitions/orgContext';
import { hazardStatistics, parseHazardPeriod } from '../hazards/hazardStatistics';
import type { AuthContext } from '../http/AuthContext';
import { parseLedgerQuery } from '../records/LedgerQuery';
import { LedgerService } from '../records/LedgerService';
import { LedgerLabels } from '../records/ledgerLabels';
import { formChecklist } from '../records/ledgers.route';
import { writeLedgerExport } from '../records/writeLedgerExport';
import { DataScope } from '../tenancy/DataScope';
import type { ExportKind } from './ExportKind';
import { loadDossier } from './loadDossier';
import { dossierDocument } from './pdf/dossierDocument';
import { hazardStatisticsDocument } from './pdf/hazardStatisticsDocument';
import { Labeller } from './pdf/Labeller';
import { renderPdf } from './pdf/renderPdf';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const orgId = z.string().min(1).max(36);

/** The org `id` in the caller's `record.read` scope (404 otherwise); without `id`, the one org they read in (400 `org.required` otherwise). */
async function actingOrg(deps: AppDeps, auth: AuthContext, id: string | undefined): Promise<OrgRef> {
  return resolveActingOrg(deps.db, auth, id, 'record.read');
}

/**
 * The org an export over the caller's whole scope belongs to (its job and
 * file): the first org where they hold `record.read` (400 `org.required` when none).
 */
function firstReadingOrg(auth: AuthContext): OrgRef {
  const m = auth.memberships.find((g) => g.permissions.includes('record.read'));
  if (!m) throw new SafeFlowError('org.required', 'Say which org (orgId): you hold record.read nowhere', { status: 400 });
  return { id: m.orgId, path: m.orgPath, tenantId: m.tenantId };
}

/** 一企一册: the enterprise dossier of org `orgId` as a PDF. */
export const enterpriseDossier: ExportKind<{ orgId: string }> = {
  kind: 'enterprise-dossier',
  params: z.strictObject({ orgId }),
  async target(deps, auth, p) {
    const org = await actingOrg(deps, auth, p.orgId);
    DataScope.of(auth, 'record.read').assertVisible(org.path, 'org', p.orgId);
    return org;
  },
  async run({ deps, auth, params, locale, now, progress, out }) {
    const data = await loadDossier(deps.db, auth, params.orgId, progress);
    const l = new Labeller(locale);
    await progress(7, 8, 'render');
    await renderPdf(dossierDocument(data, l, now), out, `${data.org.name} · ${l.say('一企一册', 'Dossier')} · ${l.time(now.getTime())}`);
    const name = data.sections.safety_enterprise?.records[0]?.data.name;
    return { name: `${typeof name === 'string' && name ? name : data.org.name}-${l.say('一企一册', 'dossier')}.pdf`, mime: PDF };
  },
};

/** The quarterly / yearly hazard statistics for the principal's signature as a PDF (the numbers of `GET /hazard-statistics`). */
export const hazardStatisticsPdf: ExportKind<{ period: string; orgId?: string }> = {
  kind: 'hazard-statistics',
  params: z.strictObject({ period: z.string().max(10), orgId: orgId.optional() }),
  async target(deps, auth, p) {
    parseHazardPeriod(p.period);
    return p.orgId ? actingOrg(deps, auth, p.orgId) : firstReadingOrg(auth);
  },
  async run({ deps, auth, params, locale, now, progress, out }) {
    await progress(0, 2, 'compute');
    const period = parseHazardPeriod(params.period);
    const org = params.orgId ? await actingOrg(deps, auth, params.orgId) : undefined;
    const tenantId = org?.tenantId ?? auth.memberships.find((m) => m.permissions.includes('record.read'))?.tenantId;
    if (!tenantId) throw new SafeFlowError('org.required', 'Say which org (orgId): you hold record.read nowhere', { status: 400 });
    const stats = await hazardStatistics(deps.db, DataScope.of(auth, 'record.read'), tenantId, period, org?.path);
    await progress(1, 2, 'render');
    const l = new Labeller(locale);
    await renderPdf(hazardStatisticsDocument(stats, l, now), out, `${l.say('隐患排查治理统计', 'Hazard statistics')} ${stats.period.label}`);
    return { name: `hazard-statistics-${params.period}.pdf`, mime: PDF };
  },
};

/** A ledger (a view's filtered records) as xlsx through the ledger exporter, rows read in pages of 2,000 with progress. */
export const ledgerXlsx: ExportKind<{ viewKey: string; query?: Record<string, string | string[]> }> = {
  kind: 'ledger-xlsx',
  params: z.strictObject({ viewKey: z.string().min(1).max(128), query: z.record(z.string().max(128), z.union([z.string().max(500), z.array(z.string().max(500)).max(100)])).optional() }),
  async target(deps, auth, p) {
    const q = parseLedgerQuery(p.query ?? {});
    await new LedgerService(deps).plan(auth, p.viewKey, q); // 404 for a view the caller cannot read, 400 for bad filters
    return q.orgId ? actingOrg(deps, auth, q.orgId) : firstReadingOrg(auth);
  },
  async run({ deps, auth, params, locale, now, progress, out }) {
    const service = new LedgerService(deps);
    const plan = await service.plan(auth, params.viewKey, parseLedgerQuery(params.query ?? {}));
    const [c] = await deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM record r WHERE ${plan.where}`, plan.params);
    const total = Number(c?.n ?? 0);
    await progress(0, total, 'rows');
    const checklist = await formChecklist(deps, auth, plan.collection);
    const labelling = { checklist, labelsFor: (items: { orgId: string }[]) => LedgerLabels.load(deps.db, plan.collection, items.map((i) => i.orgId), locale) };
    let done = 0;
    async function* counted() {
      for await (const batch of service.rows(plan)) {
        yield batch;
        done += batch.length;
        await progress(Math.min(done, total), total, 'rows');
      }
    }
    await writeLedgerExport('xlsx', plan.view, plan.collection, counted(), out, labelling);
    return { name: `${params.viewKey}-${new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)}.xlsx`, mime: XLSX };
  },
};

/** Every kind of export, by `kind`. */
export const EXPORT_KINDS: Record<string, ExportKind<never>> = Object.fromEntries(
  [enterpriseDossier, hazardStatisticsPdf, ledgerXlsx].map((k) => [k.kind, k as unknown as ExportKind<never>]),
);
