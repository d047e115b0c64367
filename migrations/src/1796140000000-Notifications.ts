import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, mutableColumns } from './columns';

/**
 * The notification centre.
 * - `notification`: one in-app notification of one recipient (a user id):
 *   `kind` (assignment, claimable, escalation, due_soon, overdue, expiry),
 *   `params` (JSON the web app renders with its i18n texts), `link` (an SPA
 *   route), `source_key` UNIQUE per recipient (so two nodes never notify
 *   twice), `source_id` + `event` (what the producers anti-join on), `read_at`.
 * - `notification_channel`: a tenant's configured channel (a plugin's
 *   `notificationChannels` key, its JSON config with secrets, the kinds it
 *   forwards, the org subtree it covers).
 * - `notification_delivery`: one message of one channel for one source event
 *   (UNIQUE per channel + dedupe key: a group robot gets one message per
 *   event, not one per recipient), with attempts, backoff and the last error.
 */
export class Notifications1796140000000 implements MigrationInterface {
  name = 'Notifications1796140000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'notification',
        columns: [
          col.id(),
          col.ref('tenant_id'),
          col.string('org_path', 700),
          col.ref('recipient_id'),
          col.string('kind', 32),
          col.string('source_key', 255),
          col.string('source_id', 64),
          col.string('event', 32),
          col.json(qr, 'params', false),
          col.string('link', 500, true),
          col.time('created_at'),
          col.time('read_at', true),
        ],
        indices: [
          new TableIndex({ name: 'ux_notification_source', columnNames: ['recipient_id', 'source_key'], isUnique: true }),
          new TableIndex({ name: 'ix_notification_recipient', columnNames: ['recipient_id', 'read_at', 'created_at'] }),
          new TableIndex({ name: 'ix_notification_source', columnNames: ['source_id', 'recipient_id', 'event'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'notification_channel',
        columns: [
          col.id(),
          col.ref('tenant_id'),
          col.ref('org_id'),
          col.string('org_path', 700),
          col.string('channel_key', 128),
          col.string('name', 200),
          col.json(qr, 'config', false),
          col.json(qr, 'kinds'),
          col.bool('enabled', true),
          ...mutableColumns(),
        ],
        indices: [new TableIndex({ name: 'ix_notification_channel_tenant', columnNames: ['tenant_id'] })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'notification_delivery',
        columns: [
          col.id(),
          col.ref('channel_id'),
          col.ref('notification_id'),
          col.ref('tenant_id'),
          col.string('dedupe_key', 255),
          col.string('state', 16),
          col.int('attempts', false, 0),
          col.time('next_attempt_at'),
          col.time('lease_until', true),
          col.string('last_error', 1000, true),
          col.time('sent_at', true),
          ...mutableColumns(),
        ],
        indices: [
          new TableIndex({ name: 'ux_notification_delivery', columnNames: ['channel_id', 'dedupe_key'], isUnique: true }),
          new TableIndex({ name: 'ix_notification_delivery_due', columnNames: ['state', 'next_attempt_at'] }),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('notification_delivery');
    await qr.dropTable('notification_channel');
    await qr.dropTable('notification');
  }
}
