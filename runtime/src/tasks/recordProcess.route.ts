import { z } from 'zod';
import type { AppDeps } from '../app/AppDeps';
import { defineRoute } from '../http/defineRoute';
import { RecordService } from '../records/RecordService';

/** The process a record came from, with its diagram and where its tokens are / have been. */
export const recordProcessDto = z.object({
  processInstanceId: z.string().nullable(),
  definitionId: z.string().nullable(),
  definitionKey: z.string().nullable(),
  definitionName: z.string().nullable(),
  ended: z.boolean(),
  /** BPMN 2.0 XML of the deployed definition (for bpmn-js). */
  xml: z.string().nullable(),
  /** Activity ids with a token now (the current step). */
  active: z.array(z.string()),
  /** Activity ids that were passed. */
  completed: z.array(z.string()),
});

const none = { processInstanceId: null, definitionId: null, definitionKey: null, definitionName: null, ended: false, xml: null, active: [], completed: [] };

/**
 * `GET /api/v1/records/:collection/:id/process`: the process instance that
 * made or handled the record — through the submission it was created from
 * (submission → task → instance), else the instance whose `recordId`
 * variable names it (the `records` worker sets it), looked up among the
 * instances of the record's org only. Answers the definition's XML and the
 * active / completed activity ids so the record page can highlight the
 * current step. Same visibility as the record (404 `record.not_found`).
 */
export function recordProcessRoute(deps: AppDeps) {
  const records = new RecordService(deps);
  return defineRoute({
    method: 'get',
    path: '/records/:collection/:id/process',
    summary: "The record's process instance: BPMN XML plus active and completed activities",
    tags: ['records'],
    permission: 'record.read',
    params: z.object({ collection: z.string().max(128), id: z.string().max(36) }),
    response: recordProcessDto,
    handler: async ({ auth, params }) => {
      const db = deps.db;
      const record = await records.load(auth, params.collection, params.id);
      const [row] = await db.query<{ org_path: string }>('SELECT org_path FROM record WHERE id = ?', [record.id]);
      let pi: string | undefined;
      if (record.submissionId) {
        const [t] = await db.query<{ process_instance_id: string }>(
          'SELECT h.process_instance_id FROM submission s JOIN hist_task h ON h.id = s.task_id WHERE s.id = ?',
          [record.submissionId],
        );
        pi = t?.process_instance_id;
      }
      if (!pi) {
        const [v] = await db.query<{ process_instance_id: string }>(
          `SELECT v.process_instance_id FROM hist_variable v JOIN hist_process_instance h ON h.id = v.process_instance_id
            WHERE h.org_path = ? AND v.name = 'recordId' AND v.value LIKE ? ORDER BY v.created DESC LIMIT 1`,
          // the typed value is stored as JSON ({"type":"String","value":"<id>"}); record ids are UUIDs (no LIKE wildcards)
          [row!.org_path, `%"${record.id}"%`],
        );
        pi = v?.process_instance_id;
      }
      if (!pi) return none;
      const [inst] = await db.query<{ definition_id: string; end_time: number | null }>('SELECT definition_id, end_time FROM hist_process_instance WHERE id = ?', [pi]);
      if (!inst) return none;
      const [def] = await db.query<{ def_key: string; name: string | null; deployment_id: string; resource_name: string }>(
        'SELECT def_key, name, deployment_id, resource_name FROM process_definition WHERE id = ?',
        [inst.definition_id],
      );
      const [res] = def
        ? await db.query<{ content: string }>('SELECT content FROM deployment_resource WHERE deployment_id = ? AND name = ?', [def.deployment_id, def.resource_name])
        : [];
      const acts = await db.query<{ activity_id: string; end_time: number | null }>(
        'SELECT activity_id, end_time FROM hist_activity_instance WHERE process_instance_id = ? ORDER BY start_time',
        [pi],
      );
      const active = [...new Set(acts.filter((a) => a.end_time === null).map((a) => a.activity_id))];
      const completed = [...new Set(acts.filter((a) => a.end_time !== null).map((a) => a.activity_id))].filter((a) => !active.includes(a));
      return {
        processInstanceId: pi,
        definitionId: inst.definition_id,
        definitionKey: def?.def_key ?? null,
        definitionName: def?.name ?? null,
        ended: inst.end_time !== null,
        xml: res?.content ?? null,
        active,
        completed,
      };
    },
  });
}
