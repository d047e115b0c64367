import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, mutableColumns } from './columns';

/**
 * `camera_picture`: per camera, the signature of the picture its last video-diagnostics check saw
 * and since when consecutive checks have seen the same picture (the frozen-picture check across
 * checks, shared by every node of a cluster).
 */
export class CameraPictures1796150000000 implements MigrationInterface {
  name = 'CameraPictures1796150000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'camera_picture',
        columns: [col.id('camera_id'), col.string('tenant_id', 36), col.text(qr, 'signature', false), col.time('since'), col.time('seen_at'), ...mutableColumns()],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('camera_picture');
  }
}
