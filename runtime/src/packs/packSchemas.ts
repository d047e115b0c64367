import { z } from 'zod';
import { DashboardContent } from '../dashboards/DashboardContent';

/** Bilingual name of a pack or a pack file (zh-CN required). */
export const PackText = z.strictObject({
  'zh-CN': z.string().min(1).max(255),
  en: z.string().min(1).max(255),
});

/** Bilingual description (longer than a name). */
export const PackDescription = z.strictObject({
  'zh-CN': z.string().min(1).max(4000),
  en: z.string().min(1).max(4000),
});

const semver = z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version MAJOR.MINOR.PATCH');
const ident = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be an identifier (letters, digits, _)');

/** One declared data migration step between pack versions (runs on records of a collection). */
export const MigrationStep = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('renameField'), collection: ident, from: ident, to: ident }),
  z.strictObject({ op: z.literal('setDefault'), collection: ident, field: ident, value: z.unknown() }),
  z.strictObject({ op: z.literal('removeField'), collection: ident, field: ident }),
  z.strictObject({ op: z.literal('mapValue'), collection: ident, field: ident, map: z.record(z.string(), z.unknown()) }),
  z.strictObject({ op: z.literal('setState'), collection: ident, from: ident, to: ident }),
]);
export type MigrationStep = z.infer<typeof MigrationStep>;

/** `manifest.json` of a pack. */
export const PackManifest = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be a pack id (lower-case letters, digits, -)'),
  version: semver,
  engine: z.string().min(1).max(100),
  name: PackText,
  description: PackDescription.optional(),
  requires: z
    .strictObject({
      taskTypes: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/)).optional(),
      modules: z.array(z.string().min(1).max(64)).optional(),
    })
    .optional(),
  migrations: z
    .array(z.strictObject({ from: semver, to: semver, description: z.string().max(1000).optional(), steps: z.array(MigrationStep).min(1) }))
    .optional(),
});
export type PackManifest = z.infer<typeof PackManifest>;

/** Key of a form, ruleset, schedule or process definition. */
export const DefinitionKeyPattern = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
/** Key of a collection or view (an identifier: it names slots and SQL-free fields). */
export const IdentKeyPattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The envelope of every JSON definition file (forms, rules, collections, views, schedules). */
export const DefinitionFile = z.strictObject({
  $schema: z.string().optional(),
  key: z.string().regex(DefinitionKeyPattern, 'must be a key (letters, digits, _ . -)'),
  name: PackText,
  description: PackDescription.optional(),
  content: z.record(z.string(), z.unknown()),
});
export type DefinitionFile = z.infer<typeof DefinitionFile>;

/** One demo record of a seed file. */
export const SeedRecord = z.strictObject({
  ref: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be a stable ref (letters, digits, _ . -)'),
  org: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be an org ref'),
  status: ident.optional(),
  /** When the record was created, relative to the clock at install (`-P75D`: 75 days ago; default now), so demo statistics span months. */
  createdAgo: z.string().regex(/^-P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?)?$/, 'must be a negative ISO 8601 duration (-P75D)').optional(),
  data: z.record(z.string(), z.unknown()),
});

/** A `seed/*.json` file: demo records of one collection. */
export const SeedFile = z.strictObject({
  $schema: z.string().optional(),
  collection: ident,
  records: z.array(SeedRecord),
});
export type SeedFile = z.infer<typeof SeedFile>;

/** `i18n/<locale>.json`: flat key → text. */
export const I18nFile = z.record(z.string().regex(/^[A-Za-z0-9$][A-Za-z0-9_.$-]{0,190}$/, 'must be a dotted key'), z.string().max(2000));

/** The JSON Schema files under definitions/pack-schemas/ (name → zod schema). */
export const PACK_SCHEMAS = {
  'manifest.schema.json': PackManifest,
  'definition-file.schema.json': DefinitionFile,
  'seed-file.schema.json': SeedFile,
  'i18n.schema.json': I18nFile,
  /** `content` of a view file whose content has `type: "dashboard"`. */
  'dashboard-content.schema.json': DashboardContent,
} as const;

/** The JSON Schema document of one pack file type, as written to definitions/pack-schemas/. */
export function packJsonSchema(name: keyof typeof PACK_SCHEMAS): Record<string, unknown> {
  const schema = z.toJSONSchema(PACK_SCHEMAS[name], { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: `https://safeflow.dev/pack-schemas/${name}`, ...schema };
}
