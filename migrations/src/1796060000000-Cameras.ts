import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, mutableColumns } from './columns';

/**
 * Cameras and patrol routes (a generic devices capability of the runtime that
 * the AI-patrol and video-diagnostics plugins use through the plugin kit).
 * - `camera`: an RTSP URL or a file source, its place on the park's site plan
 *   (`location_x/y`, plan pixels), its zone and risk colour, its diagnostics
 *   settings (`diagnostics`: JSON thresholds + learned baseline), owned by an org.
 * - `camera_health`: one row per health check (video diagnostics), read by the
 *   daily camera health report.
 * - `patrol_route`: ordered cameras (`camera_ids` JSON), the task type run at
 *   each stop (`task_topic` + `task_config` JSON of camunda:properties), a
 *   timer (`schedule`: ISO-8601 cycle or Quartz cron) and the BPMN deployed
 *   for it (`process_key`, `definition_id`).
 */
export class Cameras1796060000000 implements MigrationInterface {
  name = 'Cameras1796060000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'camera',
        columns: [
          col.id(),
          col.ref('tenant_id'),
          col.ref('org_id'),
          col.string('org_path', 700),
          col.string('name', 200),
          col.string('source_kind', 16),
          col.string('source_url', 1000),
          col.double('location_x'),
          col.double('location_y'),
          col.string('zone_name', 100, true),
          col.string('zone_risk', 16, true),
          col.json(qr, 'diagnostics'),
          col.bool('enabled', true),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createIndex('camera', new TableIndex({ name: 'ix_camera_org_path', columnNames: ['org_path'] }));
    await qr.createIndex('camera', new TableIndex({ name: 'ix_camera_tenant', columnNames: ['tenant_id'] }));

    await qr.createTable(
      new Table({
        name: 'camera_health',
        columns: [
          col.id(),
          col.ref('camera_id'),
          col.ref('tenant_id'),
          col.string('org_path', 700),
          col.time('at'),
          col.string('status', 16),
          col.json(qr, 'faults'),
          col.json(qr, 'metrics'),
          col.string('process_instance_id', 64, true),
        ],
      }),
    );
    await qr.createIndex('camera_health', new TableIndex({ name: 'ix_camera_health_camera_at', columnNames: ['camera_id', 'at'] }));
    await qr.createIndex('camera_health', new TableIndex({ name: 'ix_camera_health_tenant_at', columnNames: ['tenant_id', 'at'] }));

    await qr.createTable(
      new Table({
        name: 'patrol_route',
        columns: [
          col.id(),
          col.ref('tenant_id'),
          col.ref('org_id'),
          col.string('org_path', 700),
          col.string('name', 200),
          col.json(qr, 'camera_ids'),
          col.string('task_topic', 100),
          col.json(qr, 'task_config'),
          col.string('schedule', 200, true),
          col.string('process_key', 100),
          col.string('definition_id', 100, true),
          col.bool('enabled', true),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createIndex('patrol_route', new TableIndex({ name: 'ix_patrol_route_org_path', columnNames: ['org_path'] }));
    await qr.createIndex('patrol_route', new TableIndex({ name: 'uq_patrol_route_process_key', columnNames: ['process_key'], isUnique: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('patrol_route');
    await qr.dropTable('camera_health');
    await qr.dropTable('camera');
  }
}
