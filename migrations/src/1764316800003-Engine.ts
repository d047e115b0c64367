import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { col } from './columns';

const TABLES = [
  'worker_credential',
  'hist_variable',
  'hist_task',
  'hist_activity_instance',
  'hist_process_instance',
  'incident',
  'event_subscription',
  'job',
  'task_candidate',
  'user_task',
  'external_task',
  'process_instance',
  'process_definition',
  'deployment_resource',
  'deployment',
];

/**
 * The BPMN engine's tables: deployments and definitions, process instances
 * (state as a JSON document with a revision), the wait-state side rows the
 * executor's effects produce (external tasks, user tasks, jobs, event
 * subscriptions, incidents), history, and worker credentials for
 * `/engine-rest`. Side rows are keyed by `execution_id` (unique) so replayed
 * operations never duplicate them.
 */
export class Engine1764316800003 implements MigrationInterface {
  name = 'Engine1764316800003';

  async up(qr: QueryRunner): Promise<void> {
    const idx = (table: string, columns: string[], unique = false, name?: string) =>
      new TableIndex({ name: name ?? `${unique ? 'uq' : 'ix'}_${table}_${columns.join('_')}`.slice(0, 60), columnNames: columns, isUnique: unique });
    const make = (name: string, columns: TableColumnOptions[], indices: TableIndex[] = []) =>
      qr.createTable(new Table({ name, columns, indices }));

    await make('deployment', [
      col.id(),
      col.string('name', 255, true),
      col.string('source', 255, true),
      col.string('tenant_id', 64, true),
      col.time('deployed_at'),
    ]);
    await make(
      'deployment_resource',
      [col.id(), col.ref('deployment_id'), col.string('name', 255), col.text(qr, 'content', false), col.string('hash', 64)],
      [idx('deployment_resource', ['deployment_id']), idx('deployment_resource', ['name', 'hash'])],
    );
    await make(
      'process_definition',
      [
        col.string('id', 160),
        col.string('def_key', 128),
        col.int('version'),
        col.string('name', 255, true),
        col.string('version_tag', 64, true),
        col.ref('deployment_id'),
        col.string('resource_name', 255),
        col.string('tenant_id', 64, true),
        col.bool('suspended'),
        col.time('created_at'),
      ].map((c) => (c.name === 'id' ? { ...c, isPrimary: true } : c)),
      [idx('process_definition', ['def_key', 'version', 'tenant_id'], true), idx('process_definition', ['deployment_id'])],
    );
    await make(
      'process_instance',
      [
        col.id(),
        col.string('definition_id', 160),
        col.string('definition_key', 128),
        col.string('business_key', 255, true),
        col.string('tenant_id', 64, true),
        col.string('org_path', 512, true),
        col.ref('super_instance_id', true),
        col.json(qr, 'state', false),
        col.bool('ended'),
        col.bool('suspended'),
        col.time('start_time'),
        col.time('end_time', true),
        col.revision(),
      ],
      [
        idx('process_instance', ['business_key']),
        idx('process_instance', ['definition_key']),
        idx('process_instance', ['super_instance_id']),
      ],
    );
    await make(
      'external_task',
      [
        col.id(),
        col.ref('execution_id'),
        col.string('activity_id', 255),
        col.string('activity_instance_id', 255),
        col.ref('process_instance_id'),
        col.string('process_definition_id', 160),
        col.string('process_definition_key', 128),
        col.string('process_definition_version_tag', 64, true),
        col.string('topic_name', 128),
        col.bigint('priority', false, 0),
        col.string('worker_id', 255, true),
        col.time('lock_expiration_time', true),
        col.int('retries', true),
        col.string('error_message', 666, true),
        col.text(qr, 'error_details'),
        col.bool('suspended'),
        col.string('business_key', 255, true),
        col.string('tenant_id', 64, true),
        col.json(qr, 'extension_properties'),
        col.time('create_time'),
        col.int('lock_expiry_count', false, 0),
        col.bool('lock_unreported'),
        col.revision(),
      ],
      [
        idx('external_task', ['execution_id'], true),
        idx('external_task', ['topic_name', 'lock_expiration_time']),
        idx('external_task', ['process_instance_id']),
      ],
    );
    await make(
      'user_task',
      [
        col.id(),
        col.ref('execution_id'),
        col.string('activity_instance_id', 255),
        col.string('task_definition_key', 255),
        col.string('name', 255, true),
        col.text(qr, 'description'),
        col.string('assignee', 255, true),
        col.string('owner', 255, true),
        col.json(qr, 'candidate_users'),
        col.json(qr, 'candidate_groups'),
        col.time('due', true),
        col.time('follow_up', true),
        col.int('priority', false, 50),
        col.string('form_key', 255, true),
        col.ref('process_instance_id'),
        col.string('process_definition_id', 160),
        col.string('business_key', 255, true),
        col.string('tenant_id', 64, true),
        col.string('org_path', 512, true),
        col.bool('suspended'),
        col.time('created'),
        col.revision(),
      ],
      [
        idx('user_task', ['execution_id'], true),
        idx('user_task', ['process_instance_id']),
        idx('user_task', ['assignee']),
        idx('user_task', ['tenant_id', 'created']),
      ],
    );
    await make(
      'task_candidate',
      [col.ref('task_id'), col.string('kind', 8), col.string('value', 255)].map((c) => ({ ...c, isPrimary: true })),
      [idx('task_candidate', ['kind', 'value'])],
    );
    await make(
      'job',
      [
        col.id(),
        col.string('type', 16),
        col.ref('execution_id', true),
        col.string('activity_id', 255),
        col.ref('process_instance_id', true),
        col.string('definition_id', 160),
        col.time('due_date'),
        col.int('retries', false, 3),
        col.string('retry_time_cycle', 64, true),
        col.string('exception_message', 666, true),
        col.text(qr, 'exception_details'),
        col.string('lock_owner', 64, true),
        col.time('lock_expiration_time', true),
        col.json(qr, 'timer'),
        col.string('tenant_id', 64, true),
        col.bool('suspended'),
        col.time('created'),
        col.revision(),
      ],
      [
        idx('job', ['execution_id', 'activity_id', 'type'], true),
        idx('job', ['due_date']),
        idx('job', ['process_instance_id']),
        idx('job', ['definition_id']),
      ],
    );
    await make(
      'event_subscription',
      [
        col.id(),
        col.string('kind', 16),
        col.string('event_name', 255),
        col.ref('execution_id', true),
        col.string('activity_id', 255),
        col.ref('process_instance_id', true),
        col.string('definition_id', 160, true),
        col.string('tenant_id', 64, true),
        col.time('created'),
      ],
      [
        idx('event_subscription', ['event_name']),
        idx('event_subscription', ['execution_id']),
        idx('event_subscription', ['process_instance_id']),
        idx('event_subscription', ['definition_id']),
      ],
    );
    await make(
      'incident',
      [
        col.id(),
        col.string('type', 32),
        col.string('message', 666, true),
        col.string('configuration', 64, true),
        col.ref('process_instance_id', true),
        col.string('process_definition_id', 160, true),
        col.string('activity_id', 255, true),
        col.ref('execution_id', true),
        col.string('tenant_id', 64, true),
        col.time('created'),
        col.time('resolved_at', true),
      ],
      [idx('incident', ['configuration']), idx('incident', ['process_instance_id'])],
    );
    await make(
      'hist_process_instance',
      [
        col.id(),
        col.string('definition_id', 160),
        col.string('definition_key', 128),
        col.string('business_key', 255, true),
        col.string('tenant_id', 64, true),
        col.ref('super_instance_id', true),
        col.string('start_activity_id', 255, true),
        col.string('end_activity_id', 255, true),
        col.string('state', 32),
        col.time('start_time'),
        col.time('end_time', true),
      ],
      [idx('hist_process_instance', ['business_key']), idx('hist_process_instance', ['definition_key'])],
    );
    await make(
      'hist_activity_instance',
      [
        col.string('id', 255),
        col.string('activity_id', 255),
        col.string('activity_name', 255, true),
        col.string('activity_type', 64),
        col.ref('execution_id', true),
        col.ref('process_instance_id'),
        col.string('process_definition_id', 160),
        col.string('parent_activity_instance_id', 255, true),
        col.string('tenant_id', 64, true),
        col.time('start_time'),
        col.time('end_time', true),
        col.bool('canceled'),
      ].map((c) => (c.name === 'id' ? { ...c, isPrimary: true } : c)),
      [idx('hist_activity_instance', ['process_instance_id'])],
    );
    await make(
      'hist_task',
      [
        col.id(),
        col.ref('execution_id'),
        col.string('task_definition_key', 255),
        col.string('name', 255, true),
        col.string('assignee', 255, true),
        col.ref('process_instance_id'),
        col.string('process_definition_id', 160),
        col.string('tenant_id', 64, true),
        col.string('delete_reason', 32, true),
        col.time('start_time'),
        col.time('end_time', true),
      ],
      [idx('hist_task', ['process_instance_id'])],
    );
    await make(
      'hist_variable',
      [
        col.id(),
        col.string('name', 255),
        col.ref('process_instance_id'),
        col.ref('execution_id', true),
        col.string('type', 16),
        col.json(qr, 'value'),
        col.string('tenant_id', 64, true),
        col.string('state', 16),
        col.time('created'),
        col.time('updated'),
      ],
      [idx('hist_variable', ['process_instance_id', 'name'])],
    );
    await make(
      'worker_credential',
      [
        col.id(),
        col.string('name', 255),
        col.string('secret_hash', 255),
        col.json(qr, 'topics', false),
        col.string('tenant_id', 64, true),
        col.ref('created_by', true),
        col.bool('revoked'),
        col.time('created_at'),
        col.revision(),
      ],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of TABLES) await qr.dropTable(t, true);
  }
}
