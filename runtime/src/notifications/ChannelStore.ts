import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import { configJsonSchema, type NotificationChannelDefinition } from '@safeflow/plugin-kit';
import type { AppDeps } from '../app/AppDeps';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import type { AuthContext } from '../http/AuthContext';
import { assertOrgAccess } from '../orgs/orgAccess';
import { DataScope } from '../tenancy/DataScope';
import type { ChannelCreate, ChannelDto, ChannelUpdate } from './channelSchemas';

/** Tenant admins configure channels: the permission of org administration. */
export const CHANNEL_PERMISSION = 'org.write';
export const SECRET = '***';

interface ChannelRow {
  id: string;
  tenant_id: string;
  org_id: string;
  org_path: string;
  channel_key: string;
  name: string;
  config: string;
  kinds: string | null;
  enabled: number;
  created_at: number | string;
  updated_at: number | string;
  revision: number;
}

const iso = (v: number | string) => new Date(Number(v)).toISOString();

/** The config with every secret field of the channel shown as `***`. */
export function redactConfig(def: NotificationChannelDefinition | undefined, config: Record<string, unknown>): Record<string, unknown> {
  const out = { ...config };
  for (const f of def?.secretFields ?? []) if (out[f] !== undefined && out[f] !== null && out[f] !== '') out[f] = SECRET;
  return out;
}

/**
 * Tenant configuration of notification channels (`/api/v1/notification-channels`):
 * scoped to the caller's `org.write` orgs, configs checked by the channel's
 * schema, secrets redacted on the way out and kept when sent back as `***`,
 * every change one unit of work with its audit entry (secrets redacted there too).
 */
export class ChannelStore {
  constructor(private readonly deps: AppDeps) {}

  /** The channel types plugins registered, with their config JSON Schemas. */
  types(): Array<{ key: string; name: unknown; configSchema: Record<string, unknown>; secretFields: string[]; plugin: string | undefined }> {
    const reg = this.deps.notificationChannels;
    return reg.keys().map((key) => {
      const def = reg.require(key);
      return { key, name: def.name, configSchema: configJsonSchema(def.configSchema), secretFields: [...(def.secretFields ?? [])], plugin: reg.ownerOf(key) };
    });
  }

  async list(auth: AuthContext): Promise<ChannelDto[]> {
    const scope = DataScope.of(auth, CHANNEL_PERMISSION).sql('c.org_path');
    const rows = await this.deps.db.query<ChannelRow>(`SELECT c.* FROM notification_channel c WHERE ${scope.sql} ORDER BY c.org_path, c.name, c.id`, scope.params);
    return Promise.all(rows.map((r) => this.dtoOf(r)));
  }

  async read(auth: AuthContext, id: string): Promise<ChannelDto> {
    return this.dtoOf(await this.visibleRow(auth, id));
  }

  async create(auth: AuthContext, input: ChannelCreate): Promise<ChannelDto> {
    const [org] = await this.deps.db.query<{ path: string; tenant_id: string | null }>('SELECT path, tenant_id FROM org WHERE id = ?', [input.orgId]);
    assertOrgAccess(auth, org?.path, CHANNEL_PERMISSION, 'org', input.orgId);
    const def = this.definition(input.channelKey);
    const config = this.checkConfig(def, input.config);
    const id = crypto.randomUUID();
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const now = uow.now.getTime();
      await uow.tx.execute(
        `INSERT INTO notification_channel (id, tenant_id, org_id, org_path, channel_key, name, config, kinds, enabled, created_at, updated_at, revision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        [id, org!.tenant_id ?? input.orgId, input.orgId, org!.path, input.channelKey, input.name, JSON.stringify(config), input.kinds ? JSON.stringify(input.kinds) : null, input.enabled ? 1 : 0, now, now],
      );
      await uow.audit({
        action: 'notification_channel.create', targetType: 'notification_channel', targetId: id, orgId: input.orgId, orgPath: org!.path,
        change: { ...input, config: redactConfig(def, config) },
      });
    });
    return this.read(auth, id);
  }

  async update(auth: AuthContext, id: string, input: ChannelUpdate): Promise<ChannelDto> {
    const row = await this.visibleRow(auth, id);
    assertOrgAccess(auth, row.org_path, CHANNEL_PERMISSION, 'notification_channel', id);
    const def = this.definition(row.channel_key);
    const stored = JSON.parse(row.config) as Record<string, unknown>;
    const merged = { ...input.config };
    for (const f of def.secretFields ?? []) if (merged[f] === SECRET) merged[f] = stored[f];
    const config = this.checkConfig(def, merged);
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const n = await uow.tx.execute(
        `UPDATE notification_channel SET name = ?, config = ?, kinds = ?, enabled = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
        [input.name, JSON.stringify(config), input.kinds ? JSON.stringify(input.kinds) : null, input.enabled ? 1 : 0, uow.now.getTime(), id, input.revision],
      );
      if (n !== 1) throw conflict(id, input.revision);
      await uow.audit({
        action: 'notification_channel.update', targetType: 'notification_channel', targetId: id, orgId: row.org_id, orgPath: row.org_path,
        change: { ...input, config: redactConfig(def, config) },
      });
    });
    return this.read(auth, id);
  }

  async remove(auth: AuthContext, id: string, revision: number): Promise<void> {
    const row = await this.visibleRow(auth, id);
    assertOrgAccess(auth, row.org_path, CHANNEL_PERMISSION, 'notification_channel', id);
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const n = await uow.tx.execute('DELETE FROM notification_channel WHERE id = ? AND revision = ?', [id, revision]);
      if (n !== 1) throw conflict(id, revision);
      await uow.tx.execute('DELETE FROM notification_delivery WHERE channel_id = ?', [id]);
      await uow.audit({ action: 'notification_channel.delete', targetType: 'notification_channel', targetId: id, orgId: row.org_id, orgPath: row.org_path, change: { revision } });
    });
  }

  /** The channel's recent deliveries, newest first (failures with their last error). */
  async deliveries(auth: AuthContext, id: string, q: { state?: string; limit: number; offset: number }) {
    await this.visibleRow(auth, id);
    const where = q.state ? 'd.channel_id = ? AND d.state = ?' : 'd.channel_id = ?';
    const params = q.state ? [id, q.state] : [id];
    const [count] = await this.deps.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM notification_delivery d WHERE ${where}`, params);
    const rows = await this.deps.db.query<{ id: string; notification_id: string; kind: string | null; state: 'pending' | 'sent' | 'failed'; attempts: number; next_attempt_at: number | string | null; last_error: string | null; sent_at: number | string | null; created_at: number | string }>(
      `SELECT d.*, n.kind FROM notification_delivery d LEFT JOIN notification n ON n.id = d.notification_id WHERE ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?`,
      [...params, q.limit, q.offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id, notificationId: r.notification_id, kind: r.kind ?? 'unknown', state: r.state, attempts: Number(r.attempts),
        nextAttemptAt: r.state === 'pending' && r.next_attempt_at !== null ? iso(r.next_attempt_at) : null,
        lastError: r.last_error, sentAt: r.sent_at === null ? null : iso(r.sent_at), createdAt: iso(r.created_at),
      })),
      total: Number(count?.n ?? 0),
    };
  }

  private definition(key: string): NotificationChannelDefinition {
    const def = this.deps.notificationChannels.get(key);
    if (!def) throw new SafeFlowError('notification_channel.unknown_type', `No notification channel type '${key}' is installed`, { status: 422, details: { channelKey: key } });
    return def;
  }

  private checkConfig(def: NotificationChannelDefinition, config: Record<string, unknown>): Record<string, unknown> {
    const parsed = def.configSchema.safeParse(config);
    if (!parsed.success) {
      throw new SafeFlowError('notification_channel.invalid_config', `Invalid configuration for '${def.key}'`, { status: 422, details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } });
    }
    return config;
  }

  private async visibleRow(auth: AuthContext, id: string): Promise<ChannelRow> {
    const [row] = await this.deps.db.query<ChannelRow>('SELECT * FROM notification_channel WHERE id = ?', [id]);
    DataScope.of(auth, CHANNEL_PERMISSION).assertVisible(row?.org_path, 'notification_channel', id);
    return row!;
  }

  private async dtoOf(r: ChannelRow): Promise<ChannelDto> {
    const counts = await this.deps.db.query<{ state: string; n: number | string }>('SELECT state, COUNT(*) AS n FROM notification_delivery WHERE channel_id = ? GROUP BY state', [r.id]);
    const count = (s: string) => Number(counts.find((c) => c.state === s)?.n ?? 0);
    return {
      id: r.id, orgId: r.org_id, channelKey: r.channel_key, name: r.name,
      config: redactConfig(this.deps.notificationChannels.get(r.channel_key), JSON.parse(r.config) as Record<string, unknown>),
      kinds: r.kinds ? (JSON.parse(r.kinds) as string[]) : null, enabled: Number(r.enabled) === 1, revision: Number(r.revision),
      createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
      deliveries: { pending: count('pending'), sent: count('sent'), failed: count('failed') },
    };
  }
}

function conflict(id: string, revision: number): SafeFlowError {
  return new SafeFlowError('notification_channel.conflict', `Notification channel '${id}' was changed by someone else (revision ${revision} is stale)`, { status: 409 });
}
