import { SafeFlowError } from '@safeflow/engine/errors';
import type { Database } from '../db/Database';
import type { CollectionContent } from '../definitions/CollectionContent';
import { resolveActingOrg } from '../definitions/orgContext';
import { resolvePublishedForCaller } from '../definitions/resolveForCaller';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import type { Progress } from './ExportKind';
import { formEnumLabels, type FormEnumLabels } from './formEnumLabels';

/** One record of a dossier section. */
export interface DossierRecord {
  id: string;
  status: string;
  data: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** A collection's definition and the enterprise's records in it. */
export interface DossierSection {
  collection: CollectionContent;
  /** Option labels of the collection's form, for enum values the collection gives no labels for. */
  formEnums: FormEnumLabels;
  records: DossierRecord[];
  /** True when the section holds more records than a dossier shows ({@link SECTION_LIMIT}, oldest first). */
  truncated: boolean;
}

/** The collections of the dossier (一企一册), in the order of the document. */
export const DOSSIER_COLLECTIONS = [
  'safety_enterprise',
  'safety_certificate',
  'safety_risk_point',
  'safety_hazard',
  'safety_training_record',
  'safety_emergency_plan',
  'safety_drill',
] as const;
export type DossierCollection = (typeof DOSSIER_COLLECTIONS)[number];

/** Everything the dossier shows of one enterprise, read in the requester's scope. */
export interface DossierData {
  org: { id: string; name: string; path: string; tenantId: string };
  sections: Partial<Record<DossierCollection, DossierSection>>;
}

/** Most records one section reads (a dossier is a document, not a ledger). */
export const SECTION_LIMIT = 2000;

/**
 * Reads the dossier of enterprise `orgId` as `auth` sees it: the org (404
 * `org.not_found` outside the caller's `record.read` scope), then for each
 * dossier collection its published definition (skipped when the tenant has
 * none) and the records the org owns, oldest first. Reports one step of
 * progress per collection.
 */
export async function loadDossier(db: Database, auth: AuthContext, orgId: string, progress: Progress): Promise<DossierData> {
  const ref = await resolveActingOrg(db, auth, orgId, 'record.read');
  const scope = DataScope.of(auth, 'record.read');
  scope.assertVisible(ref.path, 'org', orgId);
  const [org] = await db.query<{ name: string }>('SELECT name FROM org WHERE id = ?', [ref.id]);
  if (!org) throw new SafeFlowError('org.not_found', `org '${orgId}' not found`, { status: 404 });
  const sections: DossierData['sections'] = {};
  let step = 0;
  for (const key of DOSSIER_COLLECTIONS) {
    await progress(step++, DOSSIER_COLLECTIONS.length + 1, `read:${key}`);
    let collection: CollectionContent;
    try {
      collection = (await resolvePublishedForCaller(db, auth, 'collection', key, 'record.read', ref.id)).version.content as CollectionContent;
    } catch (err) {
      const code = String((err as { code?: string }).code ?? '');
      if (code.endsWith('.not_found') || code.endsWith('.not_published')) continue;
      throw err;
    }
    const formEnums = collection.formKey ? await formLabels(db, auth, collection.formKey, ref.id) : {};
    const s = scope.sql('org_path');
    const rows = await db.query<{ id: string; status: string; data: string; created_at: number | string; updated_at: number | string }>(
      `SELECT id, status, data, created_at, updated_at FROM record
        WHERE tenant_id = ? AND collection_key = ? AND org_id = ? AND ${s.sql}
        ORDER BY created_at, id LIMIT ${SECTION_LIMIT + 1}`,
      [ref.tenantId, key, ref.id, ...s.params],
    );
    sections[key] = {
      collection,
      formEnums,
      truncated: rows.length > SECTION_LIMIT,
      records: rows.slice(0, SECTION_LIMIT).map((r) => ({
        id: r.id,
        status: r.status,
        data: JSON.parse(r.data) as Record<string, unknown>,
        createdAt: Number(r.created_at),
        updatedAt: Number(r.updated_at),
      })),
    };
  }
  return { org: { id: ref.id, name: org.name, path: ref.path, tenantId: ref.tenantId }, sections };
}

/** The option labels of a form the caller can read ({} when there is none). */
async function formLabels(db: Database, auth: AuthContext, formKey: string, orgId: string): Promise<FormEnumLabels> {
  try {
    return formEnumLabels((await resolvePublishedForCaller(db, auth, 'form', formKey, 'record.read', orgId)).version.content);
  } catch (err) {
    const code = String((err as { code?: string }).code ?? '');
    if (code.endsWith('.not_found') || code.endsWith('.not_published')) return {};
    throw err;
  }
}
