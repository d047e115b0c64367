import type { VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import type { AuthContext } from '../../http/AuthContext';
import { deliverSignal } from '../persistence/deliverSignal';
import { signalRunner } from '../persistence/ProcessRunner';
import { defaultStartOrgPath, engineScope, isOrgScoped } from '../persistence/startOrg';

/** `POST /signal {name, variables}`: delivers to every waiting signal catch and starts every signal start event (see `deliverSignal`). */
export class SignalCommand implements Command<number> {
  readonly name = 'Signal';
  constructor(
    private readonly signalName: string,
    private readonly variables: VariableMap,
    private readonly tenantScope?: string[],
    /** The sender: started instances get their default start org; a person reaches waiting instances in their data scope only. */
    private readonly auth?: AuthContext,
  ) {}

  execute(ctx: CommandContext): Promise<number> {
    return deliverSignal(ctx, signalRunner, {
      name: this.signalName,
      variables: this.variables,
      tenantIds: this.tenantScope,
      startOrgPath: (tenantId) => defaultStartOrgPath(this.auth, tenantId),
      reaches: scopeTest(this.auth),
    });
  }
}

/** For a person (org-scoped): is an instance's org path in their engine data scope (tenant-less instances without org: yes)? */
export function scopeTest(auth: AuthContext | undefined): ((orgPath: string | null) => boolean) | undefined {
  if (!auth || !isOrgScoped(auth)) return undefined;
  const scope = engineScope(auth);
  return (orgPath) => orgPath === null || scope.contains(orgPath);
}
