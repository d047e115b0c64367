import { parseBpmn, type ProcessExecutor } from '@safeflow/engine/bpmn';
import type { Tx } from '../../db/Database';
import { notFound } from '../core/EngineRestError';
import type { DefinitionRow } from './rows';

/** A deployed definition with its parsed executor. */
export interface LoadedDefinition {
  row: DefinitionRow;
  executor: ProcessExecutor;
}

/**
 * Parsed executors by definition id (LRU, `capacity` entries). Definitions
 * are immutable, so a cached executor never goes stale; on a miss the BPMN is
 * parsed again from `deployment_resource` (after a restart, or on another node).
 */
export class DefinitionCache {
  private readonly cache = new Map<string, LoadedDefinition>();

  constructor(private readonly capacity = 256) {}

  /** The definition `id` with its executor; 404 when it does not exist. */
  async get(tx: Tx, id: string): Promise<LoadedDefinition> {
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const [row] = await tx.query<DefinitionRow>(`SELECT * FROM process_definition WHERE id = ?`, [id]);
    if (!row) throw notFound('process_definition.not_found', `No matching definition with id ${id}`);
    const [res] = await tx.query<{ content: string }>(
      `SELECT content FROM deployment_resource WHERE deployment_id = ? AND name = ?`,
      [row.deployment_id, row.resource_name],
    );
    if (!res) throw notFound('process_definition.not_found', `Resource of definition ${id} is missing`);
    const parsed = await parseBpmn(res.content);
    const proc = parsed.processes.find((p) => p.info.key === row.def_key);
    if (!proc) throw notFound('process_definition.not_found', `Process '${row.def_key}' not found in ${row.resource_name}`);
    this.put(row, proc.executor);
    return { row, executor: proc.executor };
  }

  /** Records a committed suspend/activate of `id` in the cached row (definitions are immutable except for this flag). */
  setSuspended(id: string, suspended: boolean): void {
    const hit = this.cache.get(id);
    if (hit) hit.row = { ...hit.row, suspended: suspended ? 1 : 0 };
  }

  /** Adds a freshly deployed definition (saves parsing it again). */
  put(row: DefinitionRow, executor: ProcessExecutor): void {
    this.cache.set(row.id, { row, executor });
    while (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
  }
}
