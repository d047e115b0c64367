import type { AppDeps } from '../app/AppDeps';
import { ViewContent } from '../definitions/ViewContent';
import type { ViewReminder } from '../definitions/ViewReminder';
import { escapeLike } from '../tenancy/DataScope';
import { addNotification } from './NotificationStore';

const DAY = 86_400_000;

interface ViewDef {
  def_key: string;
  org_path: string;
  tenant_id: string;
  name: string;
  content: string;
}

/** A date in a record's data: `YYYY-MM-DD`, an ISO time or epoch ms; undefined otherwise. */
export function dateValue(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string' || !v) return undefined;
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Expiry reminders of every published view with `reminders` (certificates,
 * emergency supplies, enterprise licences in the safety pack, but nothing
 * here knows them): for each record of the view's collection in the view's
 * org subtree whose date is within the lead time (`expiring`) or past
 * (`expired`), one `expiry` notification per recipient (users with one of the
 * reminder's roles above or at the record's org). Returns how many were new.
 */
export async function produceExpiryNotifications(deps: Pick<AppDeps, 'db' | 'clock' | 'logger'>): Promise<number> {
  const defs = await deps.db.query<ViewDef>(
    `SELECT d.def_key, d.org_path, d.tenant_id, d.name, v.content FROM definition d
       JOIN definition_version v ON v.definition_id = d.id AND v.version = d.published_version
      WHERE d.kind = 'view'`,
  );
  let added = 0;
  for (const d of defs) {
    const parsed = ViewContent.safeParse(JSON.parse(d.content));
    if (!parsed.success || !parsed.data.reminders?.length) continue;
    for (const [i, reminder] of parsed.data.reminders.entries()) {
      added += await remindView(deps, d, parsed.data.collection, reminder, i);
    }
  }
  return added;
}

async function remindView(deps: Pick<AppDeps, 'db' | 'clock'>, d: ViewDef, collection: string, r: ViewReminder, index: number): Promise<number> {
  const now = deps.clock.now().getTime();
  const records = await deps.db.query<{ id: string; org_path: string; status: string; data: string }>(
    `SELECT id, org_path, status, data FROM record WHERE tenant_id = ? AND collection_key = ? AND org_path LIKE ? ESCAPE '!'`,
    [d.tenant_id, collection, escapeLike(d.org_path) + '%'],
  );
  const due = records.flatMap((rec) => {
    if (r.states && !r.states.includes(rec.status)) return [];
    const data = JSON.parse(rec.data) as Record<string, unknown>;
    const at = dateValue(data[r.dateField]);
    if (at === undefined || at > now + r.leadDays * DAY) return [];
    return [{ rec, data, at, event: at < now ? 'expired' : 'expiring' }];
  });
  if (!due.length) return 0;
  const people = await deps.db.query<{ user_id: string; path: string }>(
    `SELECT DISTINCT m.user_id, o.path FROM membership m JOIN org o ON o.id = m.org_id JOIN user u ON u.id = m.user_id
      WHERE (o.tenant_id = ? OR o.id = ?) AND u.disabled = 0 AND m.role_key IN (${r.roles.map(() => '?').join(', ')})`,
    [d.tenant_id, d.tenant_id, ...r.roles],
  );
  const seen = new Set(
    (
      await deps.db.query<{ recipient_id: string; source_key: string }>(
        `SELECT n.recipient_id, n.source_key FROM notification n JOIN record rec ON rec.id = n.source_id
          WHERE n.kind = 'expiry' AND rec.tenant_id = ? AND rec.collection_key = ?`,
        [d.tenant_id, collection],
      )
    ).map((n) => `${n.recipient_id} ${n.source_key}`),
  );
  let added = 0;
  for (const { rec, data, at, event } of due) {
    const date = new Date(at).toISOString().slice(0, 10);
    const sourceKey = `record:${rec.id}:${d.def_key}:${index}:${date}:${event}`;
    const recipients = new Set(people.filter((p) => rec.org_path.startsWith(p.path)).map((p) => p.user_id));
    for (const recipientId of recipients) {
      if (seen.has(`${recipientId} ${sourceKey}`)) continue;
      const label = r.labelField ? data[r.labelField] : undefined;
      const isNew = await addNotification(deps, {
        tenantId: d.tenant_id, orgPath: rec.org_path, recipientId, kind: 'expiry', sourceKey, sourceId: rec.id, event,
        params: { view: d.def_key, viewName: d.name, collection, recordId: rec.id, label: typeof label === 'string' || typeof label === 'number' ? String(label) : null,
          field: r.dateField, date, days: Math.ceil((at - now) / DAY) },
        link: `/records/${collection}/${rec.id}`,
      });
      if (isNew) added++;
    }
  }
  return added;
}
