import { z } from 'zod';
import type { Database, Tx } from '../db/Database';

/** An org row as stored. */
export interface OrgRow {
  id: string;
  parent_id: string | null;
  type: string;
  name: string;
  path: string;
  tenant_id: string;
  archived: number;
  info: string | null;
  enterprise_number: string | null;
  risk_level: string | null;
  revision: number;
  created_at: number;
  updated_at: number;
}

/** An org as the API shows it. */
export const orgSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  type: z.string(),
  name: z.string(),
  path: z.string(),
  tenantId: z.string(),
  archived: z.boolean(),
  info: z.record(z.string(), z.unknown()),
  enterpriseNumber: z.string().nullable(),
  riskLevel: z.string().nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The API form of an org. */
export type Org = z.infer<typeof orgSchema>;

/** Columns of `org`, for SELECTs (optionally qualified with an alias). */
export function orgColumns(alias = ''): string {
  const p = alias ? `${alias}.` : '';
  return [
    'id',
    'parent_id',
    'type',
    'name',
    'path',
    'tenant_id',
    'archived',
    'info',
    'enterprise_number',
    'risk_level',
    'revision',
    'created_at',
    'updated_at',
  ]
    .map((c) => p + c)
    .join(', ');
}

/** Maps a row to the API form. */
export function toOrg(r: OrgRow): Org {
  return {
    id: r.id,
    parentId: r.parent_id,
    type: r.type,
    name: r.name,
    path: r.path,
    tenantId: r.tenant_id,
    archived: Number(r.archived) === 1,
    info: r.info ? (JSON.parse(r.info) as Record<string, unknown>) : {},
    enterpriseNumber: r.enterprise_number,
    riskLevel: r.risk_level,
    revision: Number(r.revision),
    createdAt: new Date(Number(r.created_at)).toISOString(),
    updatedAt: new Date(Number(r.updated_at)).toISOString(),
  };
}

/** Loads an org by id (undefined when missing; no scope check). */
export async function findOrg(db: Database | Tx, id: string): Promise<OrgRow | undefined> {
  const [row] = await db.query<OrgRow>(`SELECT ${orgColumns()} FROM org WHERE id = ?`, [id]);
  return row;
}
