import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * Dataset versions belong to an org (the subtree whose reviewed samples they froze), not only
 * to a tenant: `ai_dataset.org_id` / `org_path` (existing versions: the tenant's root org), the
 * version numbered per org and key.
 */
export class AiDatasetOrgs1796150000001 implements MigrationInterface {
  name = 'AiDatasetOrgs1796150000001';

  async up(qr: QueryRunner): Promise<void> {
    await qr.addColumn('ai_dataset', new TableColumn(col.ref('org_id', true)));
    await qr.addColumn('ai_dataset', new TableColumn(col.string('org_path', 700, true)));
    const rows = (await qr.query('SELECT id, tenant_id FROM ai_dataset')) as { id: string; tenant_id: string }[];
    for (const r of rows) await qr.query('UPDATE ai_dataset SET org_id = ?, org_path = ? WHERE id = ?', [r.tenant_id, `/${r.tenant_id}/`, r.id]);
    await qr.dropIndex('ai_dataset', 'uq_ai_dataset_version');
    await qr.createIndex('ai_dataset', new TableIndex({ name: 'uq_ai_dataset_org_version', columnNames: ['org_id', 'dataset_key', 'version'], isUnique: true }));
    await qr.createIndex('ai_dataset', new TableIndex({ name: 'ix_ai_dataset_org_path', columnNames: ['org_path'] }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('ai_dataset', 'ix_ai_dataset_org_path');
    await qr.dropIndex('ai_dataset', 'uq_ai_dataset_org_version');
    await qr.createIndex('ai_dataset', new TableIndex({ name: 'uq_ai_dataset_version', columnNames: ['tenant_id', 'dataset_key', 'version'], isUnique: true }));
    await qr.dropColumn('ai_dataset', 'org_path');
    await qr.dropColumn('ai_dataset', 'org_id');
  }
}
