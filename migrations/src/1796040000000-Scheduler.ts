import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, mutableColumns } from './columns';

/** Same length as `org.path` (see the Identity migration). */
const PATH_LENGTH = 700;

/**
 * The scheduler: `schedule` (a recurring assignment owned by an org, from a
 * published `schedule` definition or created through the API; `next_at` is
 * the next occurrence not yet materialised, `revision` the row lock nodes
 * race for), `schedule_occurrence` (one row per schedule, occurrence time and
 * target — the UNIQUE key makes a second firing impossible, whatever the
 * number of nodes) and `schedule_pause` (停用/检修 periods of an org subtree,
 * during which its occurrences are skipped and recorded).
 */
export class Scheduler1796040000000 implements MigrationInterface {
  name = 'Scheduler1796040000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'schedule',
        columns: [
          col.id(),
          col.string('sched_key', 128),
          col.ref('org_id'),
          col.string('org_path', PATH_LENGTH),
          col.ref('tenant_id'),
          col.string('name', 255),
          col.string('source', 16),
          col.ref('definition_version_id', true),
          col.json(qr, 'content', false),
          col.bool('active', true),
          col.time('next_at', true),
          col.time('last_occurrence_at', true),
          col.ref('created_by'),
          ...mutableColumns(),
        ],
        indices: [
          new TableIndex({ name: 'ux_schedule_org_key', columnNames: ['org_id', 'sched_key'], isUnique: true }),
          new TableIndex({ name: 'ix_schedule_due', columnNames: ['active', 'next_at'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'schedule_occurrence',
        columns: [
          col.id(),
          col.ref('schedule_id'),
          col.time('occurrence_at'),
          col.ref('target_org_id'),
          col.string('target_org_path', PATH_LENGTH),
          col.ref('tenant_id'),
          col.string('state', 16),
          col.string('reason', 255, true),
          col.time('start_at'),
          col.time('due_at'),
          col.time('miss_at'),
          col.string('process_instance_id', 64, true),
          col.time('started_at', true),
          col.time('finished_at', true),
          col.time('missed_at', true),
          col.string('error', 1000, true),
          ...mutableColumns(),
        ],
        indices: [
          new TableIndex({
            name: 'ux_schedule_occurrence',
            columnNames: ['schedule_id', 'occurrence_at', 'target_org_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_schedule_occurrence_state', columnNames: ['state', 'start_at'] }),
          new TableIndex({ name: 'ix_schedule_occurrence_target', columnNames: ['target_org_id', 'occurrence_at'] }),
          new TableIndex({ name: 'ix_schedule_occurrence_instance', columnNames: ['process_instance_id'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'schedule_pause',
        columns: [
          col.id(),
          col.ref('org_id'),
          col.string('org_path', PATH_LENGTH),
          col.ref('tenant_id'),
          col.string('kind', 16),
          col.time('from_at'),
          col.time('to_at'),
          col.string('reason', 1000, true),
          col.ref('created_by'),
          ...mutableColumns(),
        ],
        indices: [new TableIndex({ name: 'ix_schedule_pause_tenant', columnNames: ['tenant_id', 'from_at'] })],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('schedule_pause');
    await qr.dropTable('schedule_occurrence');
    await qr.dropTable('schedule');
  }
}
