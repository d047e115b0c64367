import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, mutableColumns } from './columns';

/**
 * `file`: uploaded photos and documents, owned by an org. `name` is the
 * sanitised display name only; the bytes live under `$DATA_DIR/files/<storage_key>`,
 * a server-generated path (`ab/cd/<uuid>`) that never contains user input.
 * `mime` is sniffed from the content, `sha256` is the content's hex digest.
 */
export class Files1764316800002 implements MigrationInterface {
  name = 'Files1764316800002';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'file',
        columns: [
          col.id(),
          col.ref('org_id'),
          col.string('org_path', 700),
          col.ref('tenant_id', true),
          col.string('name', 255),
          col.bigint('size'),
          col.string('mime', 128),
          col.string('sha256', 64),
          col.string('storage_key', 64),
          col.ref('created_by'),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createIndex('file', new TableIndex({ name: 'ix_file_org_path', columnNames: ['org_path'] }));
    await qr.createIndex('file', new TableIndex({ name: 'ix_file_sha256', columnNames: ['sha256'] }));
    await qr.createIndex('file', new TableIndex({ name: 'uq_file_storage_key', columnNames: ['storage_key'], isUnique: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('file');
  }
}
