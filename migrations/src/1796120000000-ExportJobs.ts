import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, mutableColumns } from './columns';

/**
 * `export_job`: background exports (the enterprise dossier and hazard
 * statistics as PDF, ledgers as xlsx). A job belongs to the user who asked
 * (`created_by`) and the org it covers (`org_id` / `org_path`); `params` is
 * the validated request (JSON), `locale` the requester's language.
 * `status` queued → running → done | failed; `phase`, `done` and `total` are
 * its progress. A node claims a job by a conditional update (`claimed_by`,
 * `lease_until`, `attempts`); a running job whose lease ran out (its node
 * died) is claimed again. `file_id` is the generated file (files store),
 * `error_code` / `error_message` why it failed.
 */
export class ExportJobs1796120000000 implements MigrationInterface {
  name = 'ExportJobs1796120000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'export_job',
        columns: [
          col.id(),
          col.ref('tenant_id'),
          col.ref('org_id'),
          col.string('org_path', 700),
          col.string('kind', 32),
          col.json(qr, 'params'),
          col.string('locale', 8),
          col.string('status', 16),
          col.string('phase', 32, true),
          col.int('done', false, 0),
          col.int('total', false, 0),
          col.int('attempts', false, 0),
          col.string('claimed_by', 64, true),
          col.time('lease_until', true),
          col.ref('file_id', true),
          col.string('file_name', 255, true),
          col.string('error_code', 64, true),
          col.string('error_message', 500, true),
          col.ref('created_by'),
          col.time('finished_at', true),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createIndex('export_job', new TableIndex({ name: 'ix_export_job_status', columnNames: ['status', 'lease_until'] }));
    await qr.createIndex('export_job', new TableIndex({ name: 'ix_export_job_created_by', columnNames: ['created_by', 'created_at'] }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('export_job');
  }
}
