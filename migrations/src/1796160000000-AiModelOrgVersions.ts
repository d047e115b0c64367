import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A model key's versions belong to the org that imported them (its own lineage: numbering,
 * the active version, promotion), not to the whole tenant: one enterprise's import or promotion
 * no longer retires another's model, and a task uses the model of its own org or, failing that,
 * of the nearest org above it. Versions were unique per tenant, so they are unique per org.
 */
export class AiModelOrgVersions1796160000000 implements MigrationInterface {
  name = 'AiModelOrgVersions1796160000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('ai_model', 'uq_ai_model_version');
    await qr.createIndex('ai_model', new TableIndex({ name: 'uq_ai_model_org_version', columnNames: ['org_id', 'model_key', 'version'], isUnique: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('ai_model', 'uq_ai_model_org_version');
    await qr.createIndex('ai_model', new TableIndex({ name: 'uq_ai_model_version', columnNames: ['tenant_id', 'model_key', 'version'], isUnique: true }));
  }
}
