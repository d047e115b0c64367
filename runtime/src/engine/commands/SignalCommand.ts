import type { VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { deliverSignal } from '../persistence/deliverSignal';
import { signalRunner } from '../persistence/ProcessRunner';

/** `POST /signal {name, variables}`: delivers to every waiting signal catch and starts every signal start event (see `deliverSignal`). */
export class SignalCommand implements Command<number> {
  readonly name = 'Signal';
  constructor(
    private readonly signalName: string,
    private readonly variables: VariableMap,
    private readonly tenantScope?: string[],
  ) {}

  execute(ctx: CommandContext): Promise<number> {
    return deliverSignal(ctx, signalRunner, {
      name: this.signalName,
      variables: this.variables,
      tenantIds: this.tenantScope,
    });
  }
}
