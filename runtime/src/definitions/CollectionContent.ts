import { z } from 'zod';

/** Bilingual label. */
export const I18nText = z.strictObject({ zh: z.string().min(1).max(200), en: z.string().min(1).max(200) });

/** Field types a collection may declare. */
export const CollectionFieldType = z.enum(['string', 'number', 'boolean', 'date', 'enum', 'fileRefs', 'json']);

const key = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be an identifier (letters, digits, _)');
/** A form definition key (forms may be named with dots and dashes, e.g. `safety.archive.enterprise`). */
const formKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/, 'must be a form key (letters, digits, _ . -)');

/** Index slot columns of `record` (see the Definitions migration). */
export const RecordSlot = z.enum([
  'ix_s1', 'ix_s2', 'ix_s3', 'ix_s4', 'ix_s5', 'ix_s6',
  'ix_n1', 'ix_n2', 'ix_n3', 'ix_n4',
  'ix_t1', 'ix_t2', 'ix_t3',
]);
export type RecordSlot = z.infer<typeof RecordSlot>;

/**
 * Content of a `collection` definition: the fields of its records, the
 * fields indexed for ledgers (mapped to generic slot columns on publish),
 * the states and guarded transitions, and optionally the form records are
 * created through.
 */
export const CollectionContent = z.strictObject({
  key,
  name: I18nText,
  fields: z.record(
    key,
    z.strictObject({
      type: CollectionFieldType,
      enum: z.array(z.string().min(1).max(191)).min(1).optional(),
      /** Labels of enum values in both languages (ledgers and exports show these instead of the raw values). */
      enumLabels: z.record(z.string().min(1).max(191), I18nText).optional(),
      required: z.boolean().optional(),
      title: I18nText.optional(),
      /** Only these roles (held at the record's org or above) may set or change the field through the records API (403 `record.field_forbidden`). */
      writableBy: z.array(z.string().min(1).max(64)).min(1).max(20).optional(),
    }),
  ),
  indexFields: z.array(z.strictObject({ field: key, slot: RecordSlot.optional() })).max(13),
  states: z.array(z.strictObject({ key, name: I18nText })).min(1),
  initialState: key,
  transitions: z.array(
    z.strictObject({ from: key, to: key, roles: z.array(z.string().min(1).max(64)).min(1), name: I18nText }),
  ),
  formKey: formKey.optional(),
});
export type CollectionContent = z.infer<typeof CollectionContent>;

/** Which slot family a field type is indexed in: strings, numbers (doubles) or times (epoch ms). */
export function slotFamily(type: z.infer<typeof CollectionFieldType>): 's' | 'n' | 't' | undefined {
  if (type === 'string' || type === 'enum') return 's';
  if (type === 'number' || type === 'boolean') return 'n';
  if (type === 'date') return 't';
  return undefined;
}

/** Record columns every view may use without declaring them (`field` name → column). */
export const SYSTEM_FIELDS: Record<string, { column: string; family: 's' | 'n' | 't' }> = {
  status: { column: 'status', family: 's' },
  createdAt: { column: 'created_at', family: 't' },
  updatedAt: { column: 'updated_at', family: 't' },
  orgId: { column: 'org_id', family: 's' },
};
