import { api } from '@/api';

/** A pack installed in a tenant. */
export interface InstalledPack {
  packId: string;
  tenantId: string;
  version: string;
  name: string;
  hash: string;
  manifest: { name?: { 'zh-CN'?: string; en?: string }; description?: unknown } & Record<string, unknown>;
  installedAt: number;
  updatedAt: number;
}

/** What an install or upgrade changed. */
export interface PackChangeSummary {
  published: Array<{ kind: string; key: string; version: number }>;
  unchanged: number;
  migrated: Array<{ op: string; collection: string; records: number }>;
  seeded: number;
}

/** One install or upgrade of a pack. */
export interface PackInstallRecord {
  id: string;
  action: 'install' | 'upgrade';
  fromVersion: string | null;
  version: string;
  hash: string;
  actorId: string;
  actorName: string;
  summary: PackChangeSummary;
  at: number;
}

/** One validator finding: file, JSON path (or BPMN element id), stable code and words. */
export interface PackIssue {
  file: string;
  path: string;
  code: string;
  message: string;
}

/** The diff of an upload against the installed pack. */
export interface PackPlan {
  action: 'install' | 'upgrade' | 'none' | 'refused';
  installedVersion: string | null;
  files: Array<{ file: string; kind: string; key: string; change: 'added' | 'changed' | 'unchanged' | 'removed' }>;
}

/** `POST /packs/validate`. */
export interface PackValidation {
  valid: boolean;
  manifest: { id?: string; version?: string; name?: { 'zh-CN'?: string; en?: string } } & Record<string, unknown> | null;
  issues: PackIssue[];
  plan: PackPlan | null;
}

/** `POST /packs/install` and `/packs/upgrade`. */
export interface PackInstallResult {
  packId: string;
  action: 'install' | 'upgrade';
  fromVersion: string | null;
  version: string;
  changed: boolean;
  summary: PackChangeSummary;
}

type Files = Record<string, string>;
const enc = encodeURIComponent;
const q = (tenantId?: string) => (tenantId ? { tenantId } : undefined);

/** The `/api/v1/packs` endpoints of the Studio's pack screen (`tenantId` only for a platform administrator). */
export const packsApi = {
  list: (tenantId?: string) => api.get<{ items: InstalledPack[] }>('/packs', q(tenantId)).then((r) => r.items),
  installs: (packId: string, tenantId?: string) =>
    api.get<{ items: PackInstallRecord[] }>(`/packs/${enc(packId)}/installs`, q(tenantId)).then((r) => r.items),
  validate: (files: Files, tenantId?: string) => api.post<PackValidation>('/packs/validate', { files, ...q(tenantId) }),
  install: (files: Files, tenantId: string | undefined, idempotencyKey: string) =>
    api.post<PackInstallResult>('/packs/install', { files, ...q(tenantId) }, { idempotencyKey }),
  upgrade: (files: Files, tenantId: string | undefined, idempotencyKey: string) =>
    api.post<PackInstallResult>('/packs/upgrade', { files, ...q(tenantId) }, { idempotencyKey }),
  export: (packId: string, tenantId?: string) => api.get<{ files: Files }>(`/packs/${enc(packId)}/export`, q(tenantId)).then((r) => r.files),
  /** Top-level orgs (tenants) a platform administrator picks from. */
  tenants: () =>
    api.get<{ items: Array<{ id: string; name: string; parentId: string | null }> }>('/orgs', { pageSize: 200 })
      .then((r) => r.items.filter((o) => !o.parentId)),
};

/** Issues grouped by file, files in the order they first appear; issues without a file under ''. */
export function issuesByFile(issues: PackIssue[]): Array<{ file: string; issues: PackIssue[] }> {
  const groups = new Map<string, PackIssue[]>();
  for (const i of issues) groups.set(i.file, [...(groups.get(i.file) ?? []), i]);
  return [...groups].map(([file, list]) => ({ file, issues: list }));
}
