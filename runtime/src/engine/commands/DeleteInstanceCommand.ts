import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { cancelInstance, requireInstance } from '../persistence/ProcessRunner';
import type { UnitActor } from '../../db/unitOfWork';
import { auditEngineChange } from '../core/auditEngineChange';
import { orgIdOfPath } from '../../orgs/orgIdOfPath';
import { SYSTEM_ACTOR } from '../../audit/appendAudit';

/** `DELETE /process-instance/{id}`: cancels the instance and its called children; 404 when it does not exist. */
export class DeleteInstanceCommand implements Command<void> {
  readonly name = 'DeleteInstance';
  constructor(
    private readonly instanceId: string,
    private readonly reason = 'deleted',
    /** Who deletes it (the audit entry's actor; default the system). */
    private readonly actor: UnitActor = SYSTEM_ACTOR,
  ) {}

  async execute(ctx: CommandContext): Promise<void> {
    const inst = await requireInstance(ctx, this.instanceId);
    await cancelInstance(ctx, this.instanceId, this.reason);
    await auditEngineChange(ctx, this.actor, {
      action: 'process_instance.delete', targetType: 'process_instance', targetId: this.instanceId, orgId: orgIdOfPath(inst.row.org_path), orgPath: inst.row.org_path,
      change: { reason: this.reason, processDefinitionId: inst.row.definition_id, processKey: inst.row.definition_key },
    });
  }
}
