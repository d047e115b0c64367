import type { CalledElementBinding } from '@safeflow/engine/bpmn';
import type { CommandContext } from '../core/CommandContext';
import { EngineRestError } from '../core/EngineRestError';
import type { LoadedDefinition } from './DefinitionCache';
import type { DefinitionRow } from './rows';

/** Camunda's `ensureNotNull(message, "processDefinition", null)`: NullValueException, 500. */
const noDefinition = (message: string) =>
  new EngineRestError(
    'process_definition.not_found',
    'NullValueException',
    `${message}: processDefinition is null`,
    { status: 500 },
  );

/**
 * The definition a call activity of `caller` starts, by `camunda:calledElementBinding`
 * (Camunda's `CallableElementUtil`): `latest` — the latest version of `key`
 * in the caller's tenant; `version` — that version; `versionTag` — the one
 * with that tag (several: ENGINE-03045); `deployment` — the definition of
 * `key` deployed in the caller's own deployment (whatever its tenant).
 * Missing: NullValueException with Camunda's message.
 */
export async function resolveCalledDefinition(
  ctx: CommandContext,
  key: string,
  binding: CalledElementBinding,
  caller: DefinitionRow,
): Promise<LoadedDefinition> {
  const tenantId = caller.tenant_id;
  if (binding.kind === 'deployment') {
    const [row] = await ctx.tx.query<{ id: string }>(
      `SELECT id FROM process_definition WHERE def_key = ? AND deployment_id = ?`,
      [key, caller.deployment_id],
    );
    if (!row)
      throw noDefinition(
        `no processes deployed with key = '${key}' in deployment = '${caller.deployment_id}'`,
      );
    return ctx.services.definitions.get(ctx.tx, row.id);
  }
  const tenant = tenantId === null ? 'tenant_id IS NULL' : 'tenant_id = ?';
  const params: unknown[] = [key, ...(tenantId === null ? [] : [tenantId])];
  if (binding.kind === 'latest') {
    const [row] = await ctx.tx.query<{ id: string }>(
      `SELECT id FROM process_definition WHERE def_key = ? AND ${tenant} ORDER BY version DESC LIMIT 1`,
      params,
    );
    if (!row) throw noDefinition(`no processes deployed with key '${key}' and tenant-id '${tenantId}'`);
    return ctx.services.definitions.get(ctx.tx, row.id);
  }
  const [column, attribute, value] =
    binding.kind === 'version'
      ? ['version', 'version', binding.version]
      : ['version_tag', 'versionTag', binding.versionTag];
  const rows = await ctx.tx.query<{ id: string }>(
    `SELECT id FROM process_definition WHERE def_key = ? AND ${tenant} AND ${column} = ?`,
    [...params, value],
  );
  if (rows.length > 1) {
    // Camunda's message drops the tenant argument, so it ends in a literal '{}'.
    throw new EngineRestError(
      'process_definition.ambiguous',
      'ProcessEngineException',
      `ENGINE-03045 There are '${rows.length}' results for a process definition with key '${key}', ${attribute} '${value}' and tenant-id '{}'.`,
      { status: 500 },
    );
  }
  if (!rows[0])
    throw noDefinition(
      `no processes deployed with key = '${key}', ${attribute} = '${value}' and tenant-id = '${tenantId}'`,
    );
  return ctx.services.definitions.get(ctx.tx, rows[0].id);
}
