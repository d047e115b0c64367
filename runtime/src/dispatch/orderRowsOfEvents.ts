import type { Database, Tx } from '../db/Database';
import { RecordSlot, type CollectionContent } from '../definitions/CollectionContent';
import { DefinitionStore } from '../definitions/DefinitionStore';
import { ORDER_COLLECTION } from './dispatchConstants';

/** A dispatch order row as the layer and the tracking read it. */
export interface OrderRow {
  id: string;
  status: string;
  org_path: string;
  data: Record<string, unknown>;
}

const CHUNK = 500;

/**
 * The orders of the given events (any state), by the `eventId` index slot of
 * the order collection published at `orgPath` — an indexed lookup, so closed
 * events' orders are never read. `scope` adds the caller's data-scope
 * predicate on `org_path`.
 */
export async function orderRowsOfEvents(
  db: Database | Tx,
  tenantId: string,
  orgPath: string,
  eventIds: string[],
  scope: { sql: string; params: string[] } = { sql: '1=1', params: [] },
): Promise<OrderRow[]> {
  if (eventIds.length === 0) return [];
  const { version } = await DefinitionStore.resolvePublished(db, 'collection', ORDER_COLLECTION, orgPath);
  const slot = RecordSlot.parse((version.content as CollectionContent).indexFields.find((f) => f.field === 'eventId')?.slot);
  const out: OrderRow[] = [];
  for (let i = 0; i < eventIds.length; i += CHUNK) {
    const ids = eventIds.slice(i, i + CHUNK);
    const rows = await db.query<{ id: string; status: string; org_path: string; data: string }>(
      `SELECT id, status, org_path, data FROM record
        WHERE collection_key = ? AND tenant_id = ? AND ${slot} IN (${ids.map(() => '?').join(', ')}) AND ${scope.sql}
        ORDER BY created_at, id`,
      [ORDER_COLLECTION, tenantId, ...ids, ...scope.params],
    );
    for (const r of rows) out.push({ id: String(r.id), status: String(r.status), org_path: String(r.org_path), data: JSON.parse(String(r.data)) as Record<string, unknown> });
  }
  return out;
}
