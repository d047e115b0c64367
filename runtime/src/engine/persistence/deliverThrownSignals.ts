import type { Effect } from '@safeflow/engine/bpmn';
import type { CommandContext } from '../core/CommandContext';
import { deliverSignal, type SignalRunner } from './deliverSignal';
import type { LoadedInstance } from './InstanceStore';

/**
 * Broadcasts the `signal.throw` effects of one step of `thrower`, after the
 * step's other effects were applied (so every row of the thrower matches its
 * saved state when a signal reaches the thrower itself). Each signal goes to
 * the thrower's tenant and the tenant-less subscriptions (Camunda); the
 * thrower's signal subscriptions created after the throw in the same step
 * (later in `effects`) do not receive it, as if it had been delivered at the
 * moment of the throw.
 */
export async function deliverThrownSignals(
  ctx: CommandContext,
  runner: SignalRunner,
  thrower: LoadedInstance,
  effects: Effect[],
): Promise<void> {
  const tenantIds = thrower.row.tenant_id === null ? [] : [thrower.row.tenant_id];
  // Where in the step each signal subscription of the thrower was created (one pass over the effects).
  const createdAt = new Map<string, number>();
  effects.forEach((x, i) => {
    if (x.type === 'subscription.create' && x.kind === 'signal') createdAt.set(x.executionId, i);
  });
  for (let i = 0; i < effects.length; i++) {
    const e = effects[i]!;
    if (e.type !== 'signal.throw') continue;
    await deliverSignal(ctx, runner, {
      name: e.signalName,
      variables: e.variables,
      businessKey: e.businessKey,
      tenantIds,
      startOrgPath: () => thrower.row.org_path,
      async: e.async,
      skipExecution: (executionId) => (createdAt.get(executionId) ?? -1) > i,
    });
  }
}
