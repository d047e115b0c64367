import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, isMysql, mutableColumns } from './columns';

/** Same length as `org.path` (see the Identity migration). */
const PATH_LENGTH = 700;

/** Generic index slots of `record`: strings (varchar(191), indexable in utf8mb4), numbers, times. */
export const RECORD_SLOTS = {
  s: ['ix_s1', 'ix_s2', 'ix_s3', 'ix_s4', 'ix_s5', 'ix_s6'],
  n: ['ix_n1', 'ix_n2', 'ix_n3', 'ix_n4'],
  t: ['ix_t1', 'ix_t2', 'ix_t3'],
} as const;

/**
 * Versioned definitions (forms, rulesets, collections, views, schedules),
 * form submissions pinned to a form version, records of collections with
 * generic index slots (a collection maps its declared index fields to
 * `ix_s*`/`ix_n*`/`ix_t*`, so ledger queries hit real composite indexes),
 * record state transitions, per-state record counts (kept in the same
 * transaction as every record change, so ledger counts never scan), and the
 * decision log of ruleset evaluations.
 */
export class Definitions1764316800004 implements MigrationInterface {
  name = 'Definitions1764316800004';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'definition',
        columns: [
          col.id(),
          col.string('kind', 32),
          col.string('def_key', 128),
          col.ref('org_id'),
          col.string('org_path', PATH_LENGTH),
          col.ref('tenant_id'),
          col.string('name', 255),
          col.int('latest_version', false, 0),
          col.int('published_version', true),
          ...mutableColumns(),
        ],
        indices: [
          new TableIndex({ name: 'ux_definition_kind_key_org', columnNames: ['kind', 'def_key', 'org_id'], isUnique: true }),
          new TableIndex({ name: 'ix_definition_tenant_kind', columnNames: ['tenant_id', 'kind'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'definition_version',
        columns: [
          col.id(),
          col.ref('definition_id'),
          col.int('version'),
          col.string('status', 16),
          col.json(qr, 'content', false),
          col.string('hash', 64),
          col.string('note', 1000, true),
          col.ref('created_by'),
          col.ref('published_by', true),
          col.time('published_at', true),
          ...mutableColumns(),
        ],
        indices: [new TableIndex({ name: 'ux_definition_version', columnNames: ['definition_id', 'version'], isUnique: true })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'submission',
        columns: [
          col.id(),
          col.ref('form_version_id'),
          col.string('form_key', 128),
          col.int('form_version'),
          col.ref('org_id'),
          col.string('org_path', PATH_LENGTH),
          col.ref('tenant_id'),
          col.string('task_id', 64, true),
          col.ref('record_id', true),
          col.string('status', 16),
          col.json(qr, 'data', false),
          col.string('idempotency_key', 191, true),
          col.ref('created_by'),
          ...mutableColumns(),
        ],
        indices: [
          new TableIndex({ name: 'ix_submission_tenant_form', columnNames: ['tenant_id', 'form_key', 'created_at'] }),
          new TableIndex({ name: 'ix_submission_task', columnNames: ['task_id'] }),
          new TableIndex({ name: 'ix_submission_record', columnNames: ['record_id'] }),
        ],
      }),
    );
    const slotColumns = [
      ...RECORD_SLOTS.s.map((n) => col.string(n, 191, true)),
      ...RECORD_SLOTS.n.map((n) => col.double(n, true)),
      ...RECORD_SLOTS.t.map((n) => col.bigint(n, true)),
    ];
    await qr.createTable(
      new Table({
        name: 'record',
        columns: [
          col.id(),
          col.string('collection_key', 128),
          col.ref('collection_version_id'),
          col.ref('org_id'),
          col.string('org_path', PATH_LENGTH),
          col.ref('tenant_id'),
          col.string('status', 64),
          col.json(qr, 'data', false),
          col.ref('form_version_id', true),
          col.ref('submission_id', true),
          col.ref('created_by'),
          ...slotColumns,
          ...mutableColumns(),
        ],
        indices: [
          // ix_s1 trails created_at so a newest-first page with a filter on the first index field is read from the index alone; on
          // MySQL/MariaDB the tie-breaker id (the primary key) comes before it, so ORDER BY created_at, id needs no filesort.
          new TableIndex({ name: 'ix_record_state_created', columnNames: ['tenant_id', 'collection_key', 'status', 'created_at', ...(isMysql(qr) ? ['id'] : []), 'ix_s1'] }),
          new TableIndex({ name: 'ix_record_created', columnNames: ['tenant_id', 'collection_key', 'created_at'] }),
          new TableIndex({ name: 'ix_record_org_state', columnNames: ['tenant_id', 'collection_key', 'org_id', 'status', 'ix_s1', 'created_at'] }),
          ...[...RECORD_SLOTS.s, ...RECORD_SLOTS.n, ...RECORD_SLOTS.t].map(
            (slot) =>
              new TableIndex({ name: `ix_record_${slot}`, columnNames: ['tenant_id', 'collection_key', slot, 'created_at'] }),
          ),
          new TableIndex({ name: 'ix_record_status_s1', columnNames: ['tenant_id', 'collection_key', 'status', 'ix_s1', 'created_at'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'record_transition',
        columns: [
          col.id(),
          col.ref('record_id'),
          col.string('from_state', 64),
          col.string('to_state', 64),
          col.string('actor_id', 36),
          col.string('actor_name', 200),
          col.time('at'),
          col.string('note', 2000, true),
        ],
        indices: [new TableIndex({ name: 'ix_record_transition_record', columnNames: ['record_id', 'at'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'record_count',
        columns: [
          { ...col.string('org_id', 36), isPrimary: true },
          { ...col.string('collection_key', 128), isPrimary: true },
          { ...col.string('status', 64), isPrimary: true },
          col.string('org_path', PATH_LENGTH),
          col.ref('tenant_id'),
          col.bigint('n', false, 0),
        ],
        indices: [new TableIndex({ name: 'ix_record_count_tenant', columnNames: ['tenant_id', 'collection_key'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'decision_log',
        columns: [
          col.id(),
          col.string('ruleset_key', 128),
          col.int('ruleset_version'),
          col.ref('ruleset_version_id'),
          col.string('process_instance_id', 64, true),
          col.string('activity_id', 128, true),
          col.ref('tenant_id', true),
          col.json(qr, 'facts', false),
          col.json(qr, 'outputs', false),
          col.json(qr, 'fired_rules', false),
          col.time('at'),
        ],
        indices: [
          new TableIndex({ name: 'ix_decision_log_instance', columnNames: ['process_instance_id'] }),
          new TableIndex({ name: 'ix_decision_log_ruleset', columnNames: ['ruleset_key', 'at'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['decision_log', 'record_count', 'record_transition', 'record', 'submission', 'definition_version', 'definition']) {
      await qr.dropTable(t);
    }
  }
}
