import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, mutableColumns } from './columns';

/** Length of materialised org paths (`/<id>/<id>/.../`): 18 levels of uuids, indexable on MySQL utf8mb4. */
const PATH_LENGTH = 700;

/**
 * Identity and tenancy: configurable org types, the org tree (materialised
 * paths), users, roles, memberships, refresh tokens, tenant entitlements and
 * the hash-chained audit log (`audit_log` + its one-row head `audit_head`,
 * which serialises appenders).
 *
 * Column names avoid MySQL reserved words: the keys of `org_type` and `role`
 * are `type_key` and `role_key`.
 */
export class Identity1764316800000 implements MigrationInterface {
  name = 'Identity1764316800000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.createTable(
      new Table({
        name: 'org_type',
        columns: [
          { ...col.string('type_key', 64), isPrimary: true },
          col.string('name_zh', 100),
          col.string('name_en', 100),
          col.json(qr, 'allowed_parent_types', false),
          col.bool('root_allowed'),
          col.int('sort_order', false, 0),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'org',
        columns: [
          col.id(),
          col.ref('parent_id', true),
          col.string('type', 64),
          col.string('name', 200),
          col.string('path', PATH_LENGTH),
          col.ref('tenant_id'),
          col.bool('archived'),
          col.json(qr, 'info'),
          col.string('enterprise_number', 64, true),
          col.string('risk_level', 32, true),
          ...mutableColumns(),
        ],
        indices: [
          new TableIndex({ name: 'ix_org_path', columnNames: ['path'] }),
          new TableIndex({ name: 'ix_org_parent', columnNames: ['parent_id'] }),
          new TableIndex({ name: 'ix_org_tenant_type', columnNames: ['tenant_id', 'type'] }),
          new TableIndex({ name: 'ix_org_enterprise_number', columnNames: ['enterprise_number'] }),
          new TableIndex({ name: 'ix_org_risk_level', columnNames: ['tenant_id', 'risk_level'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'user',
        columns: [
          col.id(),
          col.string('username', 100),
          col.string('display_name', 200),
          col.string('password_hash', 255),
          col.bool('disabled'),
          col.int('failed_logins', false, 0),
          col.time('locked_until', true),
          col.bool('is_platform_admin'),
          ...mutableColumns(),
        ],
        indices: [new TableIndex({ name: 'ux_user_username', columnNames: ['username'], isUnique: true })],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'role',
        columns: [
          { ...col.string('role_key', 64), isPrimary: true },
          col.string('name_zh', 100),
          col.string('name_en', 100),
          col.json(qr, 'permissions', false),
          col.bool('builtin'),
          ...mutableColumns(),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'membership',
        columns: [
          col.id(),
          col.ref('user_id'),
          col.ref('org_id'),
          col.string('role_key', 64),
          col.time('created_at'),
          col.string('created_by', 36, true),
        ],
        indices: [
          new TableIndex({
            name: 'ux_membership',
            columnNames: ['user_id', 'org_id', 'role_key'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_membership_org', columnNames: ['org_id'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'refresh_token',
        columns: [
          col.id(),
          col.ref('user_id'),
          col.ref('family_id'),
          col.string('token_hash', 64),
          col.time('created_at'),
          col.time('expires_at'),
          col.time('revoked_at', true),
          col.ref('replaced_by', true),
        ],
        indices: [
          new TableIndex({ name: 'ux_refresh_token_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_refresh_token_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'ix_refresh_token_family', columnNames: ['family_id'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'entitlement',
        columns: [
          { ...col.ref('tenant_id'), isPrimary: true },
          { ...col.string('module', 64), isPrimary: true },
          col.time('enabled_at'),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { ...col.bigint('seq'), isPrimary: true },
          col.id('id', false),
          col.time('at'),
          col.string('actor_id', 36),
          col.string('actor_name', 200),
          col.ref('org_id', true),
          col.string('org_path', PATH_LENGTH, true),
          col.string('action', 100),
          col.string('target_type', 64),
          col.string('target_id', 100),
          col.string('digest', 64),
          col.string('prev_hash', 64),
          col.string('hash', 64),
        ],
        indices: [
          new TableIndex({ name: 'ux_audit_log_id', columnNames: ['id'], isUnique: true }),
          new TableIndex({ name: 'ix_audit_log_target', columnNames: ['target_type', 'target_id'] }),
          new TableIndex({ name: 'ix_audit_log_org_path', columnNames: ['org_path'] }),
        ],
      }),
    );
    await qr.createTable(
      new Table({
        name: 'audit_head',
        columns: [{ ...col.int('id'), isPrimary: true }, col.bigint('last_seq'), col.string('last_hash', 64)],
      }),
    );
    await qr.query(`INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, ?)`, ['0'.repeat(64)]);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'audit_head',
      'audit_log',
      'entitlement',
      'refresh_token',
      'membership',
      'role',
      'user',
      'org',
      'org_type',
    ]) {
      await qr.dropTable(t, true);
    }
  }
}
