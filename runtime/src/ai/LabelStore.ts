/**
 * Label management (标签管理 of the seed): Chinese name, English label (the model's class
 * name), box colour, created time. Platform labels (tenant '') are seeded by the migration;
 * a tenant adds its own (a model import adds missing ones with a generated colour).
 */
import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import type { AuthContext } from '../http/AuthContext';
import { isUniqueViolation } from '../db/isUniqueViolation';
import { actorOf, unitOfWork } from '../db/unitOfWork';

/** A label as the API returns it. */
export const labelDto = z.object({ id: z.string(), tenantId: z.string().nullable(), nameZh: z.string(), nameEn: z.string(), colour: z.string(), createdAt: z.number(), revision: z.number() });
export type LabelDto = z.infer<typeof labelDto>;

interface LabelRow {
  id: string;
  tenant_id: string;
  name_zh: string;
  name_en: string;
  colour: string;
  created_at: number | string;
  revision: number | string;
}

const toDto = (r: LabelRow): LabelDto => ({ id: r.id, tenantId: r.tenant_id || null, nameZh: r.name_zh, nameEn: r.name_en, colour: r.colour, createdAt: Number(r.created_at), revision: Number(r.revision) });

/**
 * Tenants whose label library the caller manages: `definition.write` at the tenant's root org
 * (the bureau); a platform admin, every tenant they are a member of. The library is shared by
 * every org of the tenant — its names and colours show on every enterprise's snapshots — so an
 * enterprise's own staff read it but do not change it.
 */
export function labelTenantsOf(auth: AuthContext): string[] {
  const managing = auth.platformAdmin ? auth.memberships : auth.memberships.filter((m) => m.permissions.includes('definition.write') && m.orgPath === `/${m.tenantId}/`);
  return [...new Set(managing.map((m) => m.tenantId))];
}

/** Refuses a label change in a tenant the caller is a member of but does not manage (403), or is not in at all (404 `notFound`). */
function assertManages(auth: AuthContext, tenantId: string, notFound: () => SafeFlowError): void {
  if (auth.platformAdmin || labelTenantsOf(auth).includes(tenantId)) return;
  if (auth.memberships.some((m) => m.tenantId === tenantId && m.permissions.includes('definition.read'))) {
    throw new SafeFlowError('label.managed_at_root', 'The label library of this tenant is managed at its root org (the bureau): its labels show on every org’s snapshots', { status: 403, details: { tenantId } });
  }
  throw notFound();
}

/** Labels over the runtime's database. */
export class LabelStore {
  constructor(private readonly deps: Pick<AppDeps, 'config' | 'db' | 'clock'>) {}

  /** Platform labels and the caller's tenants' labels. */
  async list(auth: AuthContext): Promise<LabelDto[]> {
    const tenants = auth.platformAdmin ? null : [...new Set(auth.memberships.map((m) => m.tenantId))];
    const rows = tenants
      ? await this.deps.db.query<LabelRow>(`SELECT * FROM ai_label WHERE tenant_id = ''${tenants.length ? ` OR tenant_id IN (${tenants.map(() => '?').join(',')})` : ''} ORDER BY created_at, id`, tenants)
      : await this.deps.db.query<LabelRow>('SELECT * FROM ai_label ORDER BY created_at, id');
    return rows.map(toDto);
  }

  /**
   * Adds a tenant label (audited `ai.label.create`).
   * @throws label.exists (409), label.managed_at_root (403: a member below the tenant's root), org.not_found (404: not the caller's tenant)
   */
  async create(auth: AuthContext, input: { tenantId: string; nameZh: string; nameEn: string; colour: string }): Promise<LabelDto> {
    assertManages(auth, input.tenantId, () => new SafeFlowError('org.not_found', 'Tenant not found', { status: 404 }));
    const id = crypto.randomUUID();
    let now = 0;
    try {
      await unitOfWork(this.deps, actorOf(auth), async (uow) => {
        now = uow.now.getTime();
        await uow.tx.execute('INSERT INTO ai_label (id, tenant_id, name_zh, name_en, colour, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, 1)', [id, input.tenantId, input.nameZh, input.nameEn, input.colour, now, now]);
        await uow.audit({ orgId: input.tenantId, orgPath: `/${input.tenantId}/`, action: 'ai.label.create', targetType: 'ai_label', targetId: id, change: input });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new SafeFlowError('label.exists', `Label '${input.nameEn}' exists`, { status: 409 });
      throw err;
    }
    return toDto({ id, tenant_id: input.tenantId, name_zh: input.nameZh, name_en: input.nameEn, colour: input.colour, created_at: now, revision: 1 });
  }

  /**
   * Renames (Chinese name) or recolours a tenant label, revision-checked and audited. The English
   * name is the model's class name and stays. Platform labels are read-only: a tenant overrides one
   * by adding its own label of the same English name.
   * @throws label.not_found (404, also platform labels and other tenants'), label.managed_at_root (403), concurrency.conflict (409)
   */
  async update(auth: AuthContext, id: string, input: { nameZh: string; colour: string; revision: number }): Promise<LabelDto> {
    const row = await this.ownRow(auth, id);
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const n = await uow.tx.execute('UPDATE ai_label SET name_zh = ?, colour = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?', [input.nameZh, input.colour, uow.now.getTime(), id, input.revision]);
      if (n !== 1) throw new SafeFlowError('concurrency.conflict', `The label was changed by someone else (revision ${input.revision} is stale)`, { status: 409 });
      await uow.audit({ orgId: row.tenant_id, orgPath: `/${row.tenant_id}/`, action: 'ai.label.update', targetType: 'ai_label', targetId: id, change: { nameZh: input.nameZh, colour: input.colour } });
    });
    return toDto((await this.deps.db.query<LabelRow>('SELECT * FROM ai_label WHERE id = ?', [id]))[0]!);
  }

  /** Removes a tenant label (boxes of that class fall back to the platform label's colour). @throws label.not_found (404), concurrency.conflict (409) */
  async remove(auth: AuthContext, id: string, revision: number): Promise<void> {
    const row = await this.ownRow(auth, id);
    await unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const n = await uow.tx.execute('DELETE FROM ai_label WHERE id = ? AND revision = ?', [id, revision]);
      if (n !== 1) throw new SafeFlowError('concurrency.conflict', `The label was changed by someone else (revision ${revision} is stale)`, { status: 409 });
      await uow.audit({ orgId: row.tenant_id, orgPath: `/${row.tenant_id}/`, action: 'ai.label.delete', targetType: 'ai_label', targetId: id, change: { nameEn: row.name_en, revision } });
    });
  }

  /** A label of a tenant the caller manages (not a platform one). */
  private async ownRow(auth: AuthContext, id: string): Promise<LabelRow> {
    const [row] = await this.deps.db.query<LabelRow>('SELECT * FROM ai_label WHERE id = ?', [id]);
    const notFound = () => new SafeFlowError('label.not_found', `Label ${id} not found`, { status: 404 });
    if (!row || !row.tenant_id) throw notFound();
    assertManages(auth, row.tenant_id, notFound);
    return row;
  }

  /** Adds the labels a tenant's model names that neither the platform nor the tenant has. */
  async ensure(_auth: AuthContext, tenantId: string, names: string[]): Promise<void> {
    const have = new Set((await this.deps.db.query<{ name_en: string }>(`SELECT name_en FROM ai_label WHERE tenant_id IN ('', ?)`, [tenantId])).map((r) => r.name_en));
    const now = this.deps.clock.now().getTime();
    for (const name of names.filter((n) => !have.has(n))) {
      const colour = '#' + crypto.createHash('sha256').update(name).digest('hex').slice(0, 6);
      try {
        await this.deps.db.transaction((tx) =>
          tx.execute('INSERT INTO ai_label (id, tenant_id, name_zh, name_en, colour, created_at, updated_at, revision) VALUES (?, ?, ?, ?, ?, ?, ?, 1)', [crypto.randomUUID(), tenantId, name, name, colour, now, now]),
        );
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
  }

  /** Colour by English label for a tenant (tenant labels override platform ones). */
  async colours(tenantId: string): Promise<Record<string, string>> {
    const rows = await this.deps.db.query<LabelRow>(`SELECT * FROM ai_label WHERE tenant_id IN ('', ?) ORDER BY tenant_id`, [tenantId]);
    return Object.fromEntries(rows.map((r) => [r.name_en, r.colour]));
  }
}
