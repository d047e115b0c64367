import type { InstanceState, VariableMap } from '@safeflow/engine/bpmn';
import type { AuthContext } from '../../http/AuthContext';
import type { Command } from '../core/Command';
import type { CommandContext } from '../core/CommandContext';
import { auditEngineChange, engineActor } from '../core/auditEngineChange';
import { orgIdOfPath } from '../../orgs/orgIdOfPath';
import { badRequest, optimisticLocking } from '../core/EngineRestError';
import { deleteByKey } from '../persistence/keyedWrites';
import { advanceInstance, requireInstance } from '../persistence/ProcessRunner';
import { assertMayWork, requireUserTask } from './userTaskSupport';

/**
 * `POST /task/{id}/complete`: sets the variables and continues the process in
 * one transaction; returns the instance state after the step (for
 * `withVariablesInReturn`).
 */
export class CompleteUserTaskCommand implements Command<InstanceState> {
  readonly name = 'CompleteUserTask';
  constructor(
    private readonly taskId: string,
    private readonly variables: VariableMap,
    private readonly transient: string[],
    private readonly auth: AuthContext,
  ) {}

  async execute(ctx: CommandContext): Promise<InstanceState> {
    const task = await requireUserTask(ctx, this.taskId);
    assertMayWork(this.auth, task);
    if (Number(task.suspended) === 1) throw badRequest('task.suspended', `Task with id '${task.id}' is suspended`);
    const deleted = await ctx.tx.execute(`DELETE FROM user_task WHERE id = ? AND revision = ?`, [task.id, task.revision]);
    if (deleted !== 1) throw optimisticLocking(`Task[${task.id}]`);
    await deleteByKey(ctx.tx, 'task_candidate', 'task_id = ?', [task.id], ['task_id', 'kind', 'value']);
    await ctx.tx.execute(`UPDATE hist_task SET end_time = ?, delete_reason = 'completed' WHERE id = ?`, [ctx.now.getTime(), task.id]);
    const inst = await requireInstance(ctx, task.process_instance_id);
    const result = await advanceInstance(
      ctx,
      inst,
      (ex, state, exec) => ex.completeUserTask(state, task.execution_id, this.variables, exec),
      this.transient,
    );
    await auditEngineChange(ctx, engineActor(this.auth), {
      action: 'task.complete', targetType: 'task', targetId: task.id, orgId: orgIdOfPath(task.org_path), orgPath: task.org_path,
      change: { processInstanceId: task.process_instance_id, taskDefinitionKey: task.task_definition_key, variables: Object.keys(this.variables).sort() },
    });
    return result.state;
  }
}
