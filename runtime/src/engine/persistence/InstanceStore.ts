import type { InstanceState } from '@safeflow/engine/bpmn';
import type { Tx } from '../../db/Database';
import { optimisticLocking } from '../core/EngineRestError';
import type { LoadedDefinition } from './DefinitionCache';
import type { InstanceRow } from './rows';

/** A process instance as a command works on it: its row, parsed state and definition. */
export interface LoadedInstance {
  row: InstanceRow;
  state: InstanceState;
  def: LoadedDefinition;
}

/** Reads the instance row (`undefined` when it does not exist or has ended). */
export async function selectInstanceRow(tx: Tx, id: string): Promise<InstanceRow | undefined> {
  const [row] = await tx.query<InstanceRow>(`SELECT * FROM process_instance WHERE id = ?`, [id]);
  if (row) row.revision = Number(row.revision);
  return row;
}

/** Inserts a new instance row (revision 1). */
export async function insertInstance(tx: Tx, row: Omit<InstanceRow, 'revision' | 'state'>, state: InstanceState): Promise<void> {
  await tx.execute(
    `INSERT INTO process_instance (id, definition_id, definition_key, business_key, tenant_id, org_path, super_instance_id, state, ended, suspended, start_time, end_time, revision)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, NULL, 1)`,
    [row.id, row.definition_id, row.definition_key, row.business_key, row.tenant_id, row.org_path, row.super_instance_id, JSON.stringify(state), state.ended ? 1 : 0, row.start_time],
  );
}

/**
 * Saves new state with the revision check
 * `UPDATE ... SET revision = revision + 1 WHERE id = ? AND revision = ?`;
 * zero rows means someone else changed (or ended) the instance meanwhile:
 * OptimisticLockingException (500, code 1). Bumps `inst.row.revision`.
 */
export async function saveInstanceState(tx: Tx, inst: LoadedInstance, state: InstanceState): Promise<void> {
  const affected = await tx.execute(
    `UPDATE process_instance SET state = ?, ended = ?, business_key = ?, revision = revision + 1 WHERE id = ? AND revision = ?`,
    [JSON.stringify(state), state.ended ? 1 : 0, state.businessKey ?? inst.row.business_key, inst.row.id, inst.row.revision],
  );
  if (affected !== 1) throw optimisticLocking(`ProcessInstance[${inst.row.id}]`);
  inst.row.revision += 1;
  inst.state = state;
}
