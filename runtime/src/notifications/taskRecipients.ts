import type { Database } from '../db/Database';

/** An open user task with one person to tell about it. */
export interface TaskRecipientRow {
  id: string;
  name: string | null;
  org_path: string | null;
  tenant_id: string | null;
  due: number | string | null;
  process_definition_id: string;
  task_definition_key: string;
  process_name: string | null;
  assignee: string | null;
  user_id: string;
}

/** Who hears of an event of a task: its assignee, or (unassigned) its candidates. */
export type RecipientRule = 'assignee' | 'candidates' | 'assigneeOrCandidates';

const COLUMNS = `t.id, t.name, t.org_path, t.tenant_id, t.due, t.process_definition_id, t.task_definition_key, d.name AS process_name, t.assignee, u.id AS user_id`;

/**
 * Open tasks matching `where` with each recipient that has no notification
 * of `event` for the task yet. Candidates follow the tasks module's candidate
 * rule: a candidate user (by username), or a user holding a candidate group
 * (role key) in a membership whose org subtree contains the task's org and
 * whose role grants `task.work`; unassigned tasks only; disabled users never.
 */
export async function taskRecipients(
  db: Pick<Database, 'query'>,
  q: { event: string; rule: RecipientRule; where?: string; params?: unknown[]; limit?: number; seenEvents?: string[] },
): Promise<TaskRecipientRow[]> {
  const where = q.where ? ` AND (${q.where})` : '';
  // already told of this event (or of one that makes it redundant, e.g. offered before claiming it): an anti-join by
  // index lookups per open task (ix_notification_source: source_id, recipient_id, event), never a scan of all notifications
  const seen = q.seenEvents ?? [q.event];
  const told = `LEFT JOIN notification n ON n.source_id = t.id AND n.recipient_id = u.id AND n.event IN (${seen.map(() => '?').join(', ')})`;
  const parts: Array<{ sql: string; params: unknown[] }> = [];
  if (q.rule !== 'candidates') {
    parts.push({
      sql: `SELECT ${COLUMNS} FROM user_task t JOIN user u ON u.username = t.assignee LEFT JOIN process_definition d ON d.id = t.process_definition_id ${told}
             WHERE t.assignee IS NOT NULL AND u.disabled = 0 AND n.id IS NULL${where}`,
      params: [...seen, ...(q.params ?? [])],
    });
  }
  if (q.rule !== 'assignee') {
    parts.push({
      sql: `SELECT ${COLUMNS} FROM user_task t JOIN task_candidate c ON c.task_id = t.id AND c.kind = 'user' JOIN user u ON u.username = c.value
              LEFT JOIN process_definition d ON d.id = t.process_definition_id ${told}
             WHERE t.assignee IS NULL AND u.disabled = 0 AND n.id IS NULL${where}`,
      params: [...seen, ...(q.params ?? [])],
    });
    parts.push({
      sql: `SELECT ${COLUMNS} FROM user_task t JOIN task_candidate c ON c.task_id = t.id AND c.kind = 'group'
              JOIN membership m ON m.role_key = c.value JOIN org o ON o.id = m.org_id JOIN role r ON r.role_key = m.role_key
              JOIN user u ON u.id = m.user_id LEFT JOIN process_definition d ON d.id = t.process_definition_id ${told}
             WHERE t.assignee IS NULL AND u.disabled = 0 AND t.org_path IS NOT NULL AND SUBSTR(t.org_path, 1, LENGTH(o.path)) = o.path
               AND r.permissions LIKE '%"task.work"%' AND n.id IS NULL${where}`,
      params: [...seen, ...(q.params ?? [])],
    });
  }
  const rows = await db.query<TaskRecipientRow>(
    `SELECT * FROM (${parts.map((p) => p.sql).join(' UNION ')}) x ORDER BY x.id, x.user_id LIMIT ${q.limit ?? 500}`,
    parts.flatMap((p) => p.params),
  );
  return rows;
}
