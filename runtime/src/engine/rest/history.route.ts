import type Router from '@koa/router';
import type { Context } from 'koa';
import type { TypedValue } from '@safeflow/engine/bpmn';
import { formatDate } from '../core/dates';
import { toWireVariable } from '../core/wireVariables';
import type { EngineRestEnv } from './EngineRestEnv';
import { callerOf, pagingSql, q, requireAnyPermission, tenantSql } from './restHelpers';

type Row = Record<string, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : formatDate(Number(v)));
const duration = (r: Row, start: string, end: string) => (r[end] === null || r[end] === undefined ? null : Number(r[end]) - Number(r[start]));

/** `/history/process-instance`, `/history/activity-instance`, `/history/task`, `/history/variable-instance` (GET, and `/count`). */
export function historyRoutes(router: Router, env: EngineRestEnv): void {
  const resource = (
    path: string,
    table: string,
    params: Record<string, string>,
    order: string,
    dto: (r: Row) => unknown,
    extra?: (ctx: Context, where: string[], args: unknown[]) => void,
  ) => {
    const build = (ctx: Context) => {
      const auth = callerOf(ctx);
      requireAnyPermission(auth, 'engine.operate');
      const t = tenantSql(auth, 'h.tenant_id');
      const where = [t.sql];
      const args: unknown[] = [...t.params];
      for (const [param, column] of Object.entries(params)) {
        const v = q.str(ctx, param);
        if (v !== undefined) {
          where.push(`h.${column} = ?`);
          args.push(v);
        }
      }
      extra?.(ctx, where, args);
      return { where: where.join(' AND '), args };
    };
    router.get(path, async (ctx) => {
      const { where, args } = build(ctx);
      const rows = await env.deps.db.query<Row>(
        `SELECT h.* FROM ${table} h WHERE ${where} ORDER BY ${order}${pagingSql(q.int(ctx, 'firstResult'), q.int(ctx, 'maxResults'))}`,
        args,
      );
      ctx.body = rows.map(dto);
    });
    router.get(`${path}/count`, async (ctx) => {
      const { where, args } = build(ctx);
      const [row] = await env.deps.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} h WHERE ${where}`, args);
      ctx.body = { count: Number(row?.n ?? 0) };
    });
  };

  resource(
    '/history/process-instance',
    'hist_process_instance',
    { processInstanceId: 'id', processInstanceBusinessKey: 'business_key', processDefinitionId: 'definition_id', processDefinitionKey: 'definition_key', superProcessInstanceId: 'super_instance_id' },
    'h.start_time, h.id',
    (r) => ({
      id: r.id,
      businessKey: r.business_key,
      processDefinitionId: r.definition_id,
      processDefinitionKey: r.definition_key,
      startTime: date(r.start_time),
      endTime: date(r.end_time),
      durationInMillis: duration(r, 'start_time', 'end_time'),
      startActivityId: r.start_activity_id,
      endActivityId: r.end_activity_id,
      superProcessInstanceId: r.super_instance_id,
      tenantId: r.tenant_id,
      state: r.state,
    }),
    (ctx, where) => {
      if (q.bool(ctx, 'finished')) where.push('h.end_time IS NOT NULL');
      if (q.bool(ctx, 'unfinished')) where.push('h.end_time IS NULL');
    },
  );
  resource(
    '/history/activity-instance',
    'hist_activity_instance',
    { processInstanceId: 'process_instance_id', activityId: 'activity_id', activityType: 'activity_type', executionId: 'execution_id', processDefinitionId: 'process_definition_id' },
    'h.start_time, h.id',
    (r) => ({
      id: r.id,
      parentActivityInstanceId: r.parent_activity_instance_id,
      activityId: r.activity_id,
      activityName: r.activity_name,
      activityType: r.activity_type,
      processDefinitionId: r.process_definition_id,
      processInstanceId: r.process_instance_id,
      executionId: r.execution_id,
      startTime: date(r.start_time),
      endTime: date(r.end_time),
      durationInMillis: duration(r, 'start_time', 'end_time'),
      canceled: Number(r.canceled) === 1,
      completeScope: false,
      tenantId: r.tenant_id,
    }),
    (ctx, where) => {
      if (q.bool(ctx, 'finished')) where.push('h.end_time IS NOT NULL');
      if (q.bool(ctx, 'unfinished')) where.push('h.end_time IS NULL');
    },
  );
  resource(
    '/history/task',
    'hist_task',
    { processInstanceId: 'process_instance_id', taskId: 'id', taskAssignee: 'assignee', taskDefinitionKey: 'task_definition_key', processDefinitionId: 'process_definition_id' },
    'h.start_time, h.id',
    (r) => ({
      id: r.id,
      processDefinitionId: r.process_definition_id,
      processInstanceId: r.process_instance_id,
      executionId: r.execution_id,
      name: r.name,
      assignee: r.assignee,
      startTime: date(r.start_time),
      endTime: date(r.end_time),
      duration: duration(r, 'start_time', 'end_time'),
      taskDefinitionKey: r.task_definition_key,
      deleteReason: r.delete_reason,
      tenantId: r.tenant_id,
    }),
    (ctx, where) => {
      if (q.bool(ctx, 'finished')) where.push('h.end_time IS NOT NULL');
      if (q.bool(ctx, 'unfinished')) where.push('h.end_time IS NULL');
    },
  );
  resource(
    '/history/variable-instance',
    'hist_variable',
    { processInstanceId: 'process_instance_id', variableName: 'name', executionIdIn: 'execution_id' },
    'h.created, h.id',
    (r) => {
      const tv: TypedValue = r.value ? (JSON.parse(String(r.value)) as TypedValue) : { type: 'Null', value: null };
      const wire = toWireVariable(tv);
      return {
        id: r.id,
        name: r.name,
        type: wire.type,
        value: wire.value,
        valueInfo: wire.valueInfo,
        processInstanceId: r.process_instance_id,
        executionId: r.execution_id,
        tenantId: r.tenant_id,
        state: r.state,
        createTime: date(r.created),
      };
    },
    (ctx, where) => {
      if (q.bool(ctx, 'includeDeleted') !== true) where.push("h.state <> 'DELETED'");
    },
  );
}
