import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { Clock } from '../app/AppDeps';
import { appendAudit } from '../audit/appendAudit';
import { assertRevision, type Tx } from '../db/Database';
import { escapeLike } from '../tenancy/DataScope';
import { parseOrgInfo } from './orgInfo';
import { findOrg, type OrgRow } from './orgRow';
import { listOrgTypes } from './orgTypes';

/** Who makes a change (for the audit trail). */
export interface Actor {
  actorId: string;
  actorName: string;
}

/** What creating an org needs. `parent` undefined = a new root (tenant). */
export interface NewOrg {
  id?: string;
  parent?: OrgRow;
  type: string;
  name: string;
  info?: unknown;
}

/**
 * Inserts an org in `tx` (checking that its type may sit under the parent's
 * type) and audits `org.create`. No permission checks: callers do them.
 * Throws `org.type_unknown`, `org.type_not_allowed` (400).
 */
export async function insertOrg(
  tx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  input: NewOrg,
): Promise<OrgRow> {
  const types = await listOrgTypes(tx);
  const type = types.find((t) => t.key === input.type);
  if (!type) throw new SafeFlowError('org.type_unknown', `Unknown org type '${input.type}'`, { status: 400 });
  if (input.parent ? !type.allowedParentTypes.includes(input.parent.type) : !type.rootAllowed) {
    throw new SafeFlowError(
      'org.type_not_allowed',
      input.parent
        ? `A ${input.type} cannot be placed under a ${input.parent.type}`
        : `A ${input.type} cannot be a top-level org`,
      {
        status: 400,
        details: {
          type: input.type,
          parentType: input.parent?.type ?? null,
          allowed: type.allowedParentTypes,
        },
      },
    );
  }
  const info = parseOrgInfo(input.type, input.info);
  const id = input.id ?? crypto.randomUUID();
  const path = `${input.parent?.path ?? '/'}${id}/`;
  const now = deps.clock.now().getTime();
  const row: OrgRow = {
    id,
    parent_id: input.parent?.id ?? null,
    type: input.type,
    name: input.name,
    path,
    tenant_id: input.parent?.tenant_id ?? id,
    archived: 0,
    info: JSON.stringify(info),
    enterprise_number: (info.number as string | undefined) ?? null,
    risk_level: (info.riskLevel as string | undefined) ?? null,
    revision: 1,
    created_at: now,
    updated_at: now,
  };
  await tx.execute(
    `INSERT INTO org (id, parent_id, type, name, path, tenant_id, archived, info, enterprise_number, risk_level, revision, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 1, ?, ?)`,
    [
      row.id,
      row.parent_id,
      row.type,
      row.name,
      row.path,
      row.tenant_id,
      row.info,
      row.enterprise_number,
      row.risk_level,
      now,
      now,
    ],
  );
  await appendAudit(tx, deps, {
    ...actor,
    orgId: id,
    orgPath: path,
    action: 'org.create',
    targetType: 'org',
    targetId: id,
    change: { parentId: row.parent_id, type: row.type, name: row.name, info },
  });
  return row;
}

/** Renames an org and/or replaces its info, with an optimistic-lock check (409 `concurrency.conflict`); audits `org.update`. */
export async function updateOrg(
  tx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  org: OrgRow,
  patch: { revision: number; name?: string; info?: unknown },
): Promise<void> {
  const info = patch.info === undefined ? undefined : parseOrgInfo(org.type, patch.info);
  const name = patch.name ?? org.name;
  const infoText = info === undefined ? org.info : JSON.stringify(info);
  const number = info === undefined ? org.enterprise_number : ((info.number as string | undefined) ?? null);
  const risk = info === undefined ? org.risk_level : ((info.riskLevel as string | undefined) ?? null);
  const affected = await tx.execute(
    `UPDATE org SET name = ?, info = ?, enterprise_number = ?, risk_level = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
    [name, infoText, number, risk, deps.clock.now().getTime(), org.id, patch.revision],
  );
  assertRevision(affected, `Org '${org.id}'`);
  await appendAudit(tx, deps, {
    ...actor,
    orgId: org.id,
    orgPath: org.path,
    action: 'org.update',
    targetType: 'org',
    targetId: org.id,
    change: { name: patch.name, info },
  });
}

/**
 * Moves `org` (and its subtree) under `newParent` in `tx`: rewrites `path` of
 * every org in the subtree and the `org_path` column of every other table
 * that has one (files, records, ... — found in the schema, so new tables are
 * covered; the audit log keeps the path at the time of each entry). Throws
 * `org.move_into_descendant`, `org.move_across_tenants`, `org.type_not_allowed`
 * (400), `concurrency.conflict` (409). Audits `org.move`.
 */
export async function moveOrg(
  tx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  org: OrgRow,
  newParent: OrgRow,
  revision: number,
): Promise<string> {
  if (newParent.path.startsWith(org.path)) {
    throw new SafeFlowError(
      'org.move_into_descendant',
      'An org cannot be moved under itself or one of its descendants',
      { status: 400 },
    );
  }
  if (newParent.tenant_id !== org.tenant_id) {
    throw new SafeFlowError('org.move_across_tenants', 'An org can only be moved within its tenant', {
      status: 400,
    });
  }
  const type = (await listOrgTypes(tx)).find((t) => t.key === org.type);
  if (!type?.allowedParentTypes.includes(newParent.type)) {
    throw new SafeFlowError(
      'org.type_not_allowed',
      `A ${org.type} cannot be placed under a ${newParent.type}`,
      { status: 400 },
    );
  }
  const now = deps.clock.now().getTime();
  const affected = await tx.execute(
    `UPDATE org SET parent_id = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
    [newParent.id, now, org.id, revision],
  );
  assertRevision(affected, `Org '${org.id}'`);
  const newPath = `${newParent.path}${org.id}/`;
  const concat = tx.dialect === 'mysql' ? 'CONCAT(?, SUBSTR(%c, ?))' : '? || SUBSTR(%c, ?)';
  const prefix = escapeLike(org.path) + '%';
  await tx.execute(`UPDATE org SET path = ${concat.replace('%c', 'path')} WHERE path LIKE ? ESCAPE '!'`, [
    newPath,
    org.path.length + 1,
    prefix,
  ]);
  for (const table of await tablesWithOrgPath(tx)) {
    await tx.execute(
      `UPDATE ${table} SET org_path = ${concat.replace('%c', 'org_path')} WHERE org_path LIKE ? ESCAPE '!'`,
      [newPath, org.path.length + 1, prefix],
    );
  }
  await appendAudit(tx, deps, {
    ...actor,
    orgId: org.id,
    orgPath: newPath,
    action: 'org.move',
    targetType: 'org',
    targetId: org.id,
    change: { from: org.path, to: newPath, newParentId: newParent.id },
  });
  return newPath;
}

/** Archives an org (it must have no unarchived children: `org.has_children` 409); audits `org.archive`. */
export async function archiveOrg(
  tx: Tx,
  deps: { clock: Clock },
  actor: Actor,
  org: OrgRow,
  revision: number,
): Promise<void> {
  const [child] = await tx.query(`SELECT id FROM org WHERE parent_id = ? AND archived = 0 LIMIT 1`, [org.id]);
  if (child)
    throw new SafeFlowError('org.has_children', 'Archive or move the child orgs first', { status: 409 });
  const affected = await tx.execute(
    `UPDATE org SET archived = 1, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
    [deps.clock.now().getTime(), org.id, revision],
  );
  assertRevision(affected, `Org '${org.id}'`);
  await appendAudit(tx, deps, {
    ...actor,
    orgId: org.id,
    orgPath: org.path,
    action: 'org.archive',
    targetType: 'org',
    targetId: org.id,
  });
}

/** Loads an org inside `tx` for a change (locked on MySQL). */
export async function findOrgForUpdate(tx: Tx, id: string): Promise<OrgRow | undefined> {
  if (tx.dialect !== 'mysql') return findOrg(tx, id);
  const [row] = await tx.query<OrgRow>(`SELECT * FROM org WHERE id = ? FOR UPDATE`, [id]);
  return row;
}

async function tablesWithOrgPath(tx: Tx): Promise<string[]> {
  const rows =
    tx.dialect === 'mysql'
      ? await tx.query<{ name: string }>(
          `SELECT TABLE_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'org_path'`,
        )
      : await tx.query<{ name: string }>(
          `SELECT m.name AS name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'org_path'`,
        );
  return rows.map((r) => r.name).filter((n) => n !== 'audit_log' && /^[a-z_][a-z0-9_]*$/.test(n));
}
