import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, mutableColumns } from './columns';

/** The seed's labels (标签管理): Chinese name, English label, colour. */
export const SEED_AI_LABELS: ReadonlyArray<readonly [string, string, string]> = [
  ['安全带', 'safetybelt', '#ff9500'],
  ['安全帽', 'safehat', '#34c759'],
  ['安全绳', 'Rope', '#af52de'],
  ['非机动车', 'non-motor vehicle', '#5ac8fa'],
  ['泥头车', 'dump truck', '#a2845e'],
  ['人', 'person', '#ff3b30'],
  ['手机', 'telephone', '#007aff'],
  ['共享单车', 'platformcar', '#ffcc00'],
  ['头', 'head', '#ff2d55'],
  ['自行车', 'bicycle', '#5856d6'],
];

/**
 * AI detection (plugins/ai-detect): labels, imported detector models (versions, provenance,
 * licence, thresholds, promotion), alarms (deduplicated, reviewed) and flywheel samples and
 * dataset versions. `tenant_id` '' marks platform-wide rows (the seed labels).
 */
export class AiDetect1796070000000 implements MigrationInterface {
  name = 'AiDetect1796070000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'ai_label',
        columns: [col.id(), col.string('tenant_id', 36), col.string('name_zh', 100), col.string('name_en', 100), col.string('colour', 7), ...mutableColumns()],
      }),
    );
    await qr.createIndex('ai_label', new TableIndex({ name: 'uq_ai_label_name', columnNames: ['tenant_id', 'name_en'], isUnique: true }));
    const now = 1796070000000;
    let i = 0;
    for (const [zh, en, colour] of SEED_AI_LABELS) {
      i += 1;
      await qr.query(`INSERT INTO ai_label (id, tenant_id, name_zh, name_en, colour, created_at, updated_at, revision) VALUES (?, '', ?, ?, ?, ?, ?, 1)`, [
        `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
        zh,
        en,
        colour,
        now,
        now,
      ]);
    }

    await qr.createTable(
      new Table({
        name: 'ai_model',
        columns: [
          col.id(),
          col.string('tenant_id', 36),
          col.ref('org_id'),
          col.string('org_path', 700),
          col.string('model_key', 100),
          col.int('version'),
          col.string('name', 200),
          col.string('layout', 16),
          col.int('input_size'),
          col.int('class_count'),
          col.json(qr, 'labels', false),
          col.json(qr, 'thresholds', false),
          col.string('sha256', 64),
          col.bigint('size'),
          col.string('storage_key', 64),
          col.string('source', 500, true),
          col.string('licence', 100, true),
          col.json(qr, 'provenance'),
          col.string('status', 16),
          col.json(qr, 'cameras'),
          col.json(qr, 'evaluation'),
          col.ref('created_by'),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createIndex('ai_model', new TableIndex({ name: 'uq_ai_model_version', columnNames: ['tenant_id', 'model_key', 'version'], isUnique: true }));

    await qr.createTable(
      new Table({
        name: 'ai_alarm',
        columns: [
          col.id(),
          col.string('tenant_id', 36),
          col.ref('org_id'),
          col.string('org_path', 700),
          col.ref('camera_id', true),
          col.ref('model_id'),
          col.string('rule_key', 100),
          col.string('label', 100),
          col.json(qr, 'box', false),
          col.double('confidence', false),
          col.json(qr, 'detections', false),
          col.ref('snapshot_file_id', true),
          col.string('status', 16),
          col.int('occurrences', false, 1),
          col.time('first_at'),
          col.time('last_at'),
          col.string('process_instance_id', 64, true),
          col.string('review', 16, true),
          col.ref('reviewed_by', true),
          col.time('reviewed_at', true),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createIndex('ai_alarm', new TableIndex({ name: 'ix_ai_alarm_dedup', columnNames: ['tenant_id', 'camera_id', 'label', 'last_at'] }));
    await qr.createIndex('ai_alarm', new TableIndex({ name: 'ix_ai_alarm_org_path', columnNames: ['org_path'] }));

    await qr.createTable(
      new Table({
        name: 'ai_sample',
        columns: [
          col.id(),
          col.string('tenant_id', 36),
          col.ref('org_id'),
          col.string('org_path', 700),
          col.ref('camera_id', true),
          col.ref('file_id'),
          col.int('width'),
          col.int('height'),
          col.string('hash', 16),
          col.string('reason', 20),
          col.ref('model_id', true),
          col.ref('alarm_id', true),
          col.json(qr, 'predictions', false),
          col.json(qr, 'annotations'),
          col.bool('negative'),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createIndex('ai_sample', new TableIndex({ name: 'ix_ai_sample_camera', columnNames: ['tenant_id', 'camera_id', 'created_at'] }));

    await qr.createTable(
      new Table({
        name: 'ai_dataset',
        columns: [
          col.id(),
          col.string('tenant_id', 36),
          col.string('dataset_key', 100),
          col.int('version'),
          col.json(qr, 'labels', false),
          col.json(qr, 'items', false),
          col.ref('created_by'),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createIndex('ai_dataset', new TableIndex({ name: 'uq_ai_dataset_version', columnNames: ['tenant_id', 'dataset_key', 'version'], isUnique: true }));
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['ai_dataset', 'ai_sample', 'ai_alarm', 'ai_model', 'ai_label']) await qr.dropTable(t);
  }
}
