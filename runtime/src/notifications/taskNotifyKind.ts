import { parseProcessModels } from '@safeflow/engine/bpmn';
import type { Database } from '../db/Database';

/**
 * The `camunda:property name="notify.kind"` of user tasks, per process
 * definition (parsed once per definition id; definitions are immutable).
 * `escalation` marks escalation tasks (e.g. the hazard process's overdue
 * supervision tasks) so their notifications read as escalations.
 */
export class TaskNotifyKinds {
  private readonly cache = new Map<string, Map<string, string>>();

  constructor(private readonly db: Pick<Database, 'query'>, private readonly capacity = 256) {}

  async kindOf(processDefinitionId: string, taskDefinitionKey: string): Promise<string | undefined> {
    let kinds = this.cache.get(processDefinitionId);
    if (!kinds) {
      kinds = await this.load(processDefinitionId);
      this.cache.set(processDefinitionId, kinds);
      while (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    }
    return kinds.get(taskDefinitionKey);
  }

  private async load(id: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const [res] = await this.db.query<{ content: string; def_key: string }>(
      `SELECT r.content, d.def_key FROM process_definition d JOIN deployment_resource r ON r.deployment_id = d.deployment_id AND r.name = d.resource_name WHERE d.id = ?`,
      [id],
    );
    if (!res) return out;
    const { models } = await parseProcessModels(res.content);
    const model = models.find((m) => m.info.key === res.def_key);
    for (const a of model?.activities.values() ?? []) {
      const kind = a.userTask?.properties?.['notify.kind'];
      if (kind) out.set(a.id, kind);
    }
    return out;
  }
}
