import crypto from 'node:crypto';
import { SafeFlowError } from '@safeflow/engine/errors';
import type { AppDeps } from '../app/AppDeps';
import { appendAudit } from '../audit/appendAudit';
import type { Tx } from '../db/Database';
import type { AuthContext } from '../http/AuthContext';
import { DataScope } from '../tenancy/DataScope';
import { DefinitionStore, type DefinitionVersion } from '../definitions/DefinitionStore';
import { validateForm, type SubmissionContext } from '../definitions/engineAdapters';
import { resolveActingOrg, type OrgRef, type Queryable } from '../definitions/orgContext';

/** A stored submission, with the form version it is pinned to. */
export interface Submission {
  id: string;
  formKey: string;
  formVersion: number;
  formVersionId: string;
  orgId: string;
  orgPath: string;
  tenantId: string;
  taskId: string | null;
  recordId: string | null;
  status: 'draft' | 'submitted';
  data: Record<string, unknown>;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
}

/** A submission that passed validation and is ready to be stored (inside the caller's transaction). */
export interface PreparedSubmission {
  org: OrgRef;
  form: DefinitionVersion;
  formKey: string;
  values: Record<string, unknown>;
  draft: boolean;
}

/** `Accept-Language: en…` → `en`; anything else → `zh-CN` (the default). */
export function pickLocale(acceptLanguage: string | undefined): 'zh-CN' | 'en' {
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'zh-CN';
}

function toSubmission(r: Record<string, unknown>): Submission {
  return {
    id: String(r.id),
    formKey: String(r.form_key),
    formVersion: Number(r.form_version),
    formVersionId: String(r.form_version_id),
    orgId: String(r.org_id),
    orgPath: String(r.org_path),
    tenantId: String(r.tenant_id),
    taskId: r.task_id == null ? null : String(r.task_id),
    recordId: r.record_id == null ? null : String(r.record_id),
    status: r.status as Submission['status'],
    data: JSON.parse(String(r.data)),
    createdBy: String(r.created_by),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    revision: Number(r.revision),
  };
}

/**
 * Form submissions: validated against the PINNED form version (the one
 * asked for, default the latest published one for the submitter's org),
 * with the runtime's server-only checks (file references must be the
 * submitter's tenant's files in their scope), unknown keys stripped (the
 * form engine returns only declared fields), stored with the version id.
 */
export class SubmissionService {
  constructor(private readonly deps: AppDeps) {}

  /** The server-only checks validateSubmission calls back into. */
  context(auth: AuthContext, org: OrgRef, db: Queryable = this.deps.db, taskLocation?: SubmissionContext['taskLocation']): SubmissionContext {
    const scope = DataScope.of(auth, 'file.read');
    return {
      taskLocation,
      fileOwnedBySubmitter: async (fileId: string) => {
        const [f] = await db.query<{ org_path: string; tenant_id: string | null }>('SELECT org_path, tenant_id FROM file WHERE id = ?', [fileId]);
        return !!f && (f.tenant_id ?? org.tenantId) === org.tenantId && f.org_path.startsWith(`/${org.tenantId}/`) && scope.contains(f.org_path);
      },
      fileInfo: async (fileId: string) => {
        const [f] = await db.query<{ mime: string; size: number | string }>('SELECT mime, size FROM file WHERE id = ?', [fileId]);
        return f ? { mime: f.mime, size: Number(f.size) } : undefined;
      },
      // No dictionary module yet: a remote dictionary value cannot be confirmed, so it is not accepted.
      dictionaryHas: async () => false,
      now: () => this.deps.clock.now(),
    };
  }

  /** Resolves the pinned form version and validates; throws 400 `submission.invalid` with `details.errors`. */
  async prepare(
    auth: AuthContext,
    formKey: string,
    input: { version?: number; values: unknown; draft?: boolean; orgId?: string },
    locale: string,
    org?: OrgRef,
    /** Where a CheckIn field of the task must be checked in (a task's `checkInLocation` variable). */
    taskLocation?: SubmissionContext['taskLocation'],
  ): Promise<PreparedSubmission> {
    const db = this.deps.db;
    const acting = org ?? (await resolveActingOrg(db, auth, input.orgId, 'task.work'));
    const { version } = await DefinitionStore.resolvePublished(db, 'form', formKey, acting.path, input.version);
    if (version.status !== 'published') {
      throw new SafeFlowError('submission.version_archived', `Form '${formKey}' version ${version.version} is archived`, { status: 409 });
    }
    const out = await validateForm(version.content, input.values ?? {}, { locale, ctx: this.context(auth, acting, db, taskLocation), draft: !!input.draft });
    if (!out.valid) {
      throw new SafeFlowError('submission.invalid', out.errors.map((e) => `${e.path}: ${e.message}`).join('; ') || 'Invalid submission', {
        status: 400,
        details: { errors: out.errors, formKey, version: version.version },
      });
    }
    return { org: acting, form: version, formKey, values: out.values, draft: !!input.draft };
  }

  /** Stores a prepared submission in `tx`, with its audit entry. */
  async insert(
    tx: Tx,
    auth: AuthContext,
    p: PreparedSubmission,
    extra: { taskId?: string | null; recordId?: string | null; idempotencyKey?: string } = {},
  ): Promise<Submission> {
    const now = this.deps.clock.now().getTime();
    const s: Submission = {
      id: crypto.randomUUID(), formKey: p.formKey, formVersion: p.form.version, formVersionId: p.form.id,
      orgId: p.org.id, orgPath: p.org.path, tenantId: p.org.tenantId, taskId: extra.taskId ?? null, recordId: extra.recordId ?? null,
      status: p.draft ? 'draft' : 'submitted', data: p.values, createdBy: auth.userId, createdAt: now, updatedAt: now, revision: 1,
    };
    await tx.execute(
      `INSERT INTO submission (id, form_version_id, form_key, form_version, org_id, org_path, tenant_id, task_id, record_id, status, data, idempotency_key, created_by, created_at, updated_at, revision)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      [s.id, s.formVersionId, s.formKey, s.formVersion, s.orgId, s.orgPath, s.tenantId, s.taskId, s.recordId, s.status, JSON.stringify(s.data), extra.idempotencyKey ?? null, s.createdBy, now, now],
    );
    await appendAudit(tx, { clock: this.deps.clock }, {
      actorId: auth.userId, actorName: auth.username, orgId: s.orgId, orgPath: s.orgPath,
      action: p.draft ? 'submission.save_draft' : 'submission.submit', targetType: 'submission', targetId: s.id,
      change: { formKey: s.formKey, version: s.formVersion, data: s.data, taskId: s.taskId },
    });
    return s;
  }

  /** A submission in the caller's scope (404 `submission.not_found` otherwise) and the form version it was filled against. */
  async get(auth: AuthContext, id: string): Promise<{ submission: Submission; form: DefinitionVersion }> {
    const [row] = await this.deps.db.query<Record<string, unknown>>('SELECT * FROM submission WHERE id = ?', [id]);
    DataScope.of(auth, 'record.read').assertVisible(row?.org_path as string | undefined, 'submission', id);
    const submission = toSubmission(row!);
    const form = (await DefinitionStore.versionById(this.deps.db, submission.formVersionId))!;
    return { submission, form };
  }
}
