import { toTypedValue, type VariableMap } from '@safeflow/engine/bpmn';
import type { Command } from '../engine/core/Command';
import type { CommandContext } from '../engine/core/CommandContext';
import { CompleteUserTaskCommand } from '../engine/commands/CompleteUserTaskCommand';
import type { AuthContext } from '../http/AuthContext';
import type { PreparedSubmission, Submission, SubmissionService } from './SubmissionService';

/**
 * Stores a validated form submission and completes the user task it belongs
 * to, in ONE engine command (one transaction): the form values become
 * process variables (plus `submissionId`); if the completion fails (task
 * gone, claimed by someone else, stale revision) the submission is rolled
 * back with it.
 */
export class SubmitTaskFormCommand implements Command<Submission> {
  readonly name = 'SubmitTaskForm';
  constructor(
    private readonly submissions: SubmissionService,
    private readonly taskId: string,
    private readonly prepared: PreparedSubmission,
    private readonly auth: AuthContext,
    private readonly idempotencyKey?: string,
  ) {}

  async execute(ctx: CommandContext): Promise<Submission> {
    const submission = await this.submissions.insert(ctx.tx, this.auth, this.prepared, { taskId: this.taskId, idempotencyKey: this.idempotencyKey });
    const variables: VariableMap = { submissionId: toTypedValue(submission.id) };
    for (const [name, value] of Object.entries(submission.data)) variables[name] = toTypedValue(value);
    await new CompleteUserTaskCommand(this.taskId, variables, [], this.auth).execute(ctx);
    return submission;
  }
}
