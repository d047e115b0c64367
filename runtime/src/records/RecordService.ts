import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { assertRevision, type Tx } from '../db/Database';
import { actorOf, unitOfWork } from '../db/unitOfWork';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import type { CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore, type DefinitionVersion } from '../definitions/DefinitionStore';
import { resolveActingOrg, rolesAt, type OrgRef } from '../definitions/orgContext';
import { SubmissionService } from '../submissions/SubmissionService';
import { slotValues, validateRecordData } from './validateRecordData';
import { adjustRecordCount } from './adjustRecordCount';
import { assertFieldWrites } from './assertFieldWrites';

/** A record of a collection (a hazard, a risk point, a training session, ...). */
export interface RecordDoc {
  id: string;
  collectionKey: string;
  collectionVersion: number;
  orgId: string;
  orgPath: string;
  tenantId: string;
  status: string;
  data: Record<string, unknown>;
  formVersionId: string | null;
  submissionId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
}

const SLOT_COLUMNS = ['ix_s1', 'ix_s2', 'ix_s3', 'ix_s4', 'ix_s5', 'ix_s6', 'ix_n1', 'ix_n2', 'ix_n3', 'ix_n4', 'ix_t1', 'ix_t2', 'ix_t3'];

/**
 * Records of collections: create (validated against the collection's fields,
 * or through its form when it declares `formKey`), read, update with
 * optimistic locking, state transitions guarded by the collection's
 * transition table and the caller's role in the record's org, and history.
 * Every change is one transaction with its audit entry and the per-state
 * count (`record_count`) kept in step.
 */
export class RecordService {
  private readonly submissions: SubmissionService;

  constructor(private readonly deps: AppDeps) {
    this.submissions = new SubmissionService(deps);
  }

  private async collectionFor(key: string, orgPath: string): Promise<DefinitionVersion> {
    return (await DefinitionStore.resolvePublished(this.deps.db, 'collection', key, orgPath)).version;
  }

  private fileOwned(auth: AuthContext, org: OrgRef) {
    return (id: string) => Promise.resolve(this.submissions.context(auth, org).fileOwnedBySubmitter(id));
  }

  /** Loads a record in the caller's scope for `permission`; 404 `record.not_found` otherwise (other tenants included). */
  async load(auth: AuthContext, collectionKey: string, id: string, permission = 'record.read', db: { query: Tx['query'] } = this.deps.db): Promise<RecordDoc> {
    const [row] = await db.query<Record<string, unknown>>(
      `SELECT r.*, v.version AS collection_version FROM record r JOIN definition_version v ON v.id = r.collection_version_id WHERE r.id = ? AND r.collection_key = ?`,
      [id, collectionKey],
    );
    DataScope.of(auth, permission).assertVisible(row?.org_path as string | undefined, 'record', id);
    return toRecord(row!);
  }

  async create(
    auth: AuthContext,
    collectionKey: string,
    input: { orgId?: string; data?: Record<string, unknown>; values?: Record<string, unknown>; formVersion?: number },
    locale: string,
  ): Promise<RecordDoc> {
    const { db } = this.deps;
    const org = await resolveActingOrg(db, auth, input.orgId, 'record.write');
    const cv = await this.collectionFor(collectionKey, org.path);
    const c = cv.content as CollectionContent;
    let data: Record<string, unknown>;
    let prepared: Awaited<ReturnType<SubmissionService['prepare']>> | undefined;
    if (c.formKey) {
      prepared = await this.submissions.prepare(auth, c.formKey, { values: input.values ?? input.data ?? {}, version: input.formVersion }, locale, org);
      data = Object.fromEntries(Object.entries(prepared.values).filter(([k]) => k in c.fields));
    } else {
      data = input.data ?? {};
      const issues = await validateRecordData(c, data, this.fileOwned(auth, org));
      if (issues.length) throw recordInvalid(issues);
    }
    assertFieldWrites(auth, c, org.path, undefined, data);
    return unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const tx = uow.tx;
      const now = uow.now.getTime();
      const id = crypto.randomUUID();
      const submission = prepared ? await this.submissions.insert(tx, auth, prepared, { recordId: id }) : undefined;
      const slots = slotValues(c, data);
      const cols = Object.keys(slots);
      await tx.execute(
        `INSERT INTO record (id, collection_key, collection_version_id, org_id, org_path, tenant_id, status, data, form_version_id, submission_id, created_by, created_at, updated_at, revision${cols.map((k) => ', ' + k).join('')})
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1${cols.map(() => ', ?').join('')})`,
        [id, collectionKey, cv.id, org.id, org.path, org.tenantId, c.initialState, JSON.stringify(data), prepared?.form.id ?? null, submission?.id ?? null, auth.userId, now, now, ...cols.map((k) => slots[k])],
      );
      await adjustRecordCount(tx, { orgId: org.id, orgPath: org.path, tenantId: org.tenantId, collectionKey, status: c.initialState }, 1);
      await uow.audit({
        orgId: org.id, orgPath: org.path, action: 'record.create', targetType: 'record', targetId: id,
        change: { collection: collectionKey, status: c.initialState, data },
      });
      return this.load(auth, collectionKey, id, 'record.write', tx);
    });
  }

  /** Replaces the record's data (validated against the collection's current version); 409 on a stale `revision`. */
  async update(auth: AuthContext, collectionKey: string, id: string, input: { data: Record<string, unknown>; revision: number }): Promise<RecordDoc> {
    const rec = await this.load(auth, collectionKey, id, 'record.write');
    const cv = await this.collectionFor(collectionKey, rec.orgPath);
    const c = cv.content as CollectionContent;
    const org = { id: rec.orgId, path: rec.orgPath, tenantId: rec.tenantId };
    const issues = await validateRecordData(c, input.data, this.fileOwned(auth, org));
    if (issues.length) throw recordInvalid(issues);
    assertFieldWrites(auth, c, rec.orgPath, rec.data, input.data);
    return unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const tx = uow.tx;
      const now = uow.now.getTime();
      const slots = { ...Object.fromEntries(SLOT_COLUMNS.map((s) => [s, null])), ...slotValues(c, input.data) };
      assertRevision(
        await tx.execute(
          `UPDATE record SET data = ?, collection_version_id = ?, updated_at = ?, revision = revision + 1${SLOT_COLUMNS.map((s) => `, ${s} = ?`).join('')} WHERE id = ? AND revision = ?`,
          [JSON.stringify(input.data), cv.id, now, ...SLOT_COLUMNS.map((s) => slots[s]), id, input.revision],
        ),
        `record '${id}'`,
      );
      await uow.audit({
        orgId: rec.orgId, orgPath: rec.orgPath, action: 'record.update', targetType: 'record', targetId: id,
        change: { before: rec.data, after: input.data },
      });
      return this.load(auth, collectionKey, id, 'record.write', tx);
    });
  }

  /**
   * Moves the record to state `to`. The collection must declare a transition
   * from the current state to `to` (400 `record.invalid_transition`) whose
   * roles include one the caller holds in the record's org or an ancestor
   * (403 `record.transition_forbidden`).
   */
  async transition(auth: AuthContext, collectionKey: string, id: string, input: { to: string; note?: string; revision: number }): Promise<RecordDoc> {
    const rec = await this.load(auth, collectionKey, id, 'record.write');
    const c = (await this.collectionFor(collectionKey, rec.orgPath)).content as CollectionContent;
    const t = c.transitions.find((x) => x.from === rec.status && x.to === input.to);
    if (!t) {
      throw new SafeFlowError('record.invalid_transition', `No transition from '${rec.status}' to '${input.to}' in '${collectionKey}'`, {
        status: 400,
        details: { from: rec.status, to: input.to, allowed: c.transitions.filter((x) => x.from === rec.status).map((x) => x.to) },
      });
    }
    const roles = rolesAt(auth, rec.orgPath);
    if (!auth.platformAdmin && !t.roles.some((r) => roles.includes(r))) {
      throw new SafeFlowError('record.transition_forbidden', `Your role here may not move '${collectionKey}' from '${rec.status}' to '${input.to}'`, {
        status: 403,
        details: { requiredRoles: t.roles },
      });
    }
    return unitOfWork(this.deps, actorOf(auth), async (uow) => {
      const tx = uow.tx;
      const now = uow.now.getTime();
      assertRevision(
        await tx.execute('UPDATE record SET status = ?, updated_at = ?, revision = revision + 1 WHERE id = ? AND revision = ? AND status = ?', [
          input.to, now, id, input.revision, rec.status,
        ]),
        `record '${id}'`,
      );
      await tx.execute(
        'INSERT INTO record_transition (id, record_id, from_state, to_state, actor_id, actor_name, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [crypto.randomUUID(), id, rec.status, input.to, auth.userId, auth.username, now, input.note ?? null],
      );
      const key = { orgId: rec.orgId, orgPath: rec.orgPath, tenantId: rec.tenantId, collectionKey };
      await adjustRecordCount(tx, { ...key, status: rec.status }, -1);
      await adjustRecordCount(tx, { ...key, status: input.to }, 1);
      await uow.audit({
        orgId: rec.orgId, orgPath: rec.orgPath, action: 'record.transition', targetType: 'record', targetId: id,
        change: { from: rec.status, to: input.to, note: input.note ?? null },
      });
      return this.load(auth, collectionKey, id, 'record.write', tx);
    });
  }

  /** State transitions and audit entries of a record, oldest first. */
  async history(auth: AuthContext, collectionKey: string, id: string) {
    await this.load(auth, collectionKey, id);
    const db = this.deps.db;
    const transitions = await db.query<Record<string, unknown>>('SELECT * FROM record_transition WHERE record_id = ? ORDER BY at, id', [id]);
    const audit = await db.query<Record<string, unknown>>(
      `SELECT seq, at, actor_id, actor_name, action FROM audit_log WHERE target_type = 'record' AND target_id = ? ORDER BY seq`,
      [id],
    );
    return {
      transitions: transitions.map((t) => ({
        from: String(t.from_state), to: String(t.to_state), actorId: String(t.actor_id), actorName: String(t.actor_name),
        at: Number(t.at), note: t.note == null ? null : String(t.note),
      })),
      audit: audit.map((a) => ({ seq: Number(a.seq), at: Number(a.at), actorId: String(a.actor_id), actorName: String(a.actor_name), action: String(a.action) })),
    };
  }
}

function recordInvalid(issues: Array<{ path: string; code: string; message: string }>): SafeFlowError {
  return new SafeFlowError('record.invalid', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { status: 400, details: { errors: issues } });
}

function toRecord(r: Record<string, unknown>): RecordDoc {
  return {
    id: String(r.id),
    collectionKey: String(r.collection_key),
    collectionVersion: Number(r.collection_version),
    orgId: String(r.org_id),
    orgPath: String(r.org_path),
    tenantId: String(r.tenant_id),
    status: String(r.status),
    data: JSON.parse(String(r.data)),
    formVersionId: r.form_version_id == null ? null : String(r.form_version_id),
    submissionId: r.submission_id == null ? null : String(r.submission_id),
    createdBy: String(r.created_by),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    revision: Number(r.revision),
  };
}
