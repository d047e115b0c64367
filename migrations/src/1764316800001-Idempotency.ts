import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * `idempotency_key`: one row per (caller, route, Idempotency-Key). A creating
 * call inserts a `pending` row, runs, then stores its response (`done`);
 * replays with the same body get the stored response. Rows expire after 24 h.
 */
export class Idempotency1764316800001 implements MigrationInterface {
  name = 'Idempotency1764316800001';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'idempotency_key',
        columns: [
          col.id(),
          col.string('idem_key', 200),
          /** `<method> <route path>`, e.g. `post /files`. */
          col.string('scope', 200),
          /** The caller's user id; '' for anonymous calls. */
          col.string('user_id', 36),
          /** sha256 (hex) of the canonical JSON of the request body. */
          col.string('request_hash', 64),
          /** `pending` while the first call runs, then `done`. */
          col.string('status', 16),
          col.int('response_status', true),
          col.json(qr, 'response_body'),
          col.time('created_at'),
        ],
      }),
    );
    await qr.createIndex(
      'idempotency_key',
      new TableIndex({ name: 'uq_idempotency_key_user_scope_key', columnNames: ['user_id', 'scope', 'idem_key'], isUnique: true }),
    );
    await qr.createIndex('idempotency_key', new TableIndex({ name: 'ix_idempotency_key_created_at', columnNames: ['created_at'] }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('idempotency_key');
  }
}
