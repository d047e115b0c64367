import { SafeFlowError } from '@safeflow/engine/errors';
import type { Queryable } from '../definitions/orgContext';
import { DefinitionStore, toDefinition } from '../definitions/DefinitionStore';
import { PackStore } from './PackStore';
import { PACK_KINDS, type PackKind } from './PackSource';
import { definitionFileName } from './readPack';

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

/** Content as a pack file holds it: collections without the slots publish assigned; processes as authored XML. */
function sourceContent(kind: PackKind, content: Record<string, unknown>): Record<string, unknown> | string {
  if (kind === 'process') return String(content.xml);
  if (kind === 'collection' && Array.isArray(content.indexFields)) {
    return { ...content, indexFields: (content.indexFields as Array<Record<string, unknown>>).map(({ slot: _slot, ...rest }) => rest) };
  }
  return content;
}

/**
 * Writes a tenant's pack back as pack files (relative path → text): the
 * manifest and i18n as installed, and each definition the pack owns at its
 * CURRENT published version in the tenant (so local edits made after the
 * install are exported), in the envelope format. The result validates with
 * `safeflow pack validate`.
 */
export async function exportPack(db: Queryable, tenantId: string, packId: string): Promise<Record<string, string>> {
  const installed = await PackStore.get(db, tenantId, packId);
  if (!installed) throw new SafeFlowError('pack.not_installed', `Pack '${packId}' is not installed in tenant '${tenantId}'`, { status: 404 });
  const files: Record<string, string> = { 'manifest.json': json(installed.manifest) };
  for (const [locale, texts] of Object.entries(installed.i18n)) files[`i18n/${locale}.json`] = json(texts);
  const owned = await PackStore.definitions(db, tenantId, packId);
  for (const kind of PACK_KINDS) {
    for (const d of owned.filter((o) => o.kind === kind)) {
      const [row] = await db.query<Record<string, unknown>>('SELECT * FROM definition WHERE id = ?', [d.definitionId]);
      if (!row) continue;
      const def = toDefinition(row);
      if (def.publishedVersion == null) continue;
      const v = await DefinitionStore.version(db, def.id, def.publishedVersion);
      if (!v) continue;
      const content = sourceContent(kind, v.content as Record<string, unknown>);
      files[definitionFileName(kind, d.key)] =
        typeof content === 'string' ? content : json({ key: d.key, name: { 'zh-CN': def.name, en: d.names.en }, content });
    }
  }
  return files;
}
