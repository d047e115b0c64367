import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, isMysql } from './columns';

/**
 * Engine data is scoped by org, not only by tenant: `hist_process_instance`
 * gets the owning org's path (history outlives the `process_instance` row;
 * the other history tables reach it through their `process_instance_id`),
 * backfilled from the running instance, else the tenant root. Indexes on
 * the org paths people's lists filter by (`LIKE '/a/b/%'`).
 */
export class EngineOrgPaths1795885455126 implements MigrationInterface {
  name = 'EngineOrgPaths1795885455126';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('hist_process_instance', new TableColumn(col.string('org_path', 512, true)));
    await qr.query(
      `UPDATE hist_process_instance SET org_path = (SELECT p.org_path FROM process_instance p WHERE p.id = hist_process_instance.id)`,
    );
    const root = isMysql(qr) ? `CONCAT('/', tenant_id, '/')` : `'/' || tenant_id || '/'`;
    await qr.query(
      `UPDATE hist_process_instance SET org_path = ${root} WHERE org_path IS NULL AND tenant_id IS NOT NULL`,
    );
    await qr.createIndex(
      'hist_process_instance',
      new TableIndex({ name: 'ix_hist_process_instance_org_path', columnNames: ['org_path'] }),
    );
    await qr.createIndex(
      'process_instance',
      new TableIndex({ name: 'ix_process_instance_org_path', columnNames: ['org_path'] }),
    );
    await qr.createIndex(
      'user_task',
      new TableIndex({ name: 'ix_user_task_org_path', columnNames: ['org_path'] }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('user_task', 'ix_user_task_org_path');
    await qr.dropIndex('process_instance', 'ix_process_instance_org_path');
    await qr.dropIndex('hist_process_instance', 'ix_hist_process_instance_org_path');
    await qr.dropColumn('hist_process_instance', 'org_path');
  }
}
