import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, mutableColumns } from './columns';

/**
 * Template packs installed per tenant: the manifest of each installed pack
 * (`pack`, one row per tenant and pack id, with the installed version and the
 * content hash of its files), the history of installs and upgrades
 * (`pack_install`: who, when, from → to version, hash, what changed), the
 * definitions each pack owns with the hash of their source file
 * (`pack_definition`, so a reinstall of unchanged files is a no-op and export
 * can write the English names back), and the stable refs of demo records
 * (`pack_seed_ref`, so the seed never inserts a ref twice).
 */
export class Packs1796030000000 implements MigrationInterface {
  name = 'Packs1796030000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'pack',
        columns: [
          col.id(),
          col.ref('tenant_id'),
          col.string('pack_id', 64),
          col.string('version', 32),
          col.string('hash', 64),
          col.string('name', 255),
          col.json(qr, 'manifest', false),
          col.json(qr, 'i18n', true),
          col.time('installed_at'),
          ...mutableColumns(),
        ],
        indices: [new TableIndex({ name: 'ux_pack_tenant_pack', columnNames: ['tenant_id', 'pack_id'], isUnique: true })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'pack_install',
        columns: [
          col.id(),
          col.ref('tenant_id'),
          col.string('pack_id', 64),
          col.string('action', 16),
          col.string('from_version', 32, true),
          col.string('version', 32),
          col.string('hash', 64),
          col.string('actor_id', 36),
          col.string('actor_name', 200),
          col.json(qr, 'summary', false),
          col.time('at'),
        ],
        indices: [new TableIndex({ name: 'ix_pack_install_tenant', columnNames: ['tenant_id', 'pack_id', 'at'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'pack_definition',
        columns: [
          { ...col.string('tenant_id', 36), isPrimary: true },
          { ...col.string('kind', 32), isPrimary: true },
          { ...col.string('def_key', 128), isPrimary: true },
          col.string('pack_id', 64),
          col.ref('definition_id'),
          col.int('version'),
          col.string('source_hash', 64),
          col.string('file', 255),
          col.json(qr, 'names', false),
          col.time('updated_at'),
        ],
        indices: [new TableIndex({ name: 'ix_pack_definition_pack', columnNames: ['tenant_id', 'pack_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'pack_seed_ref',
        columns: [
          { ...col.string('tenant_id', 36), isPrimary: true },
          { ...col.string('pack_id', 64), isPrimary: true },
          { ...col.string('ref', 64), isPrimary: true },
          col.string('collection_key', 128),
          col.ref('record_id'),
          col.time('created_at'),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['pack_seed_ref', 'pack_definition', 'pack_install', 'pack']) await qr.dropTable(t);
  }
}
