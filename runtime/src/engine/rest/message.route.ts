import type Router from '@koa/router';
import { CorrelateMessageCommand } from '../commands/CorrelateMessageCommand';
import { SignalCommand } from '../commands/SignalCommand';
import { invalidRequest } from '../core/EngineRestError';
import { readWrapped } from '../core/restLayerVariables';
import { readWireVariables, toWireVariables } from '../core/wireVariables';
import type { EngineRestEnv } from './EngineRestEnv';
import { instanceDto } from './dtos';
import { callerOf, noContent, readBody, requireAnyPermission, tenantsOf } from './restHelpers';

/** `POST /message` (correlation) and `POST /signal`. */
export function messageRoutes(router: Router, env: EngineRestEnv): void {
  router.post('/message', async (ctx) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.operate', 'task.work');
    const body = await readBody(ctx);
    if (typeof body.messageName !== 'string' || !body.messageName) throw invalidRequest('message.missing_name', 'No message name supplied');
    const vars = readWrapped('Cannot deliver message', () => readWireVariables(body.processVariables, 'processVariables'));
    const results = await env.executor.execute(
      new CorrelateMessageCommand({
        messageName: body.messageName,
        businessKey: typeof body.businessKey === 'string' ? body.businessKey : undefined,
        processInstanceId: typeof body.processInstanceId === 'string' ? body.processInstanceId : undefined,
        correlationKeys: readWrapped('Cannot deliver message', () => readWireVariables(body.correlationKeys, 'correlationKeys')).variables,
        processVariables: vars.variables,
        all: body.all === true,
        tenantScope: tenantsOf(auth),
        auth,
      }),
    );
    if (body.resultEnabled !== true) return noContent(ctx);
    ctx.body = results.map((r) => {
      const pi = instanceDto(
        { id: r.processInstanceId, definition_id: r.definitionId, definition_key: r.state.processDefinitionKey, business_key: r.state.businessKey ?? null, tenant_id: r.state.tenantId ?? null },
        r.state,
      );
      return {
        resultType: r.resultType,
        execution: r.resultType === 'Execution' ? { id: r.executionId, processInstanceId: r.processInstanceId, ended: r.state.ended, tenantId: r.state.tenantId ?? null } : null,
        processInstance: r.resultType === 'ProcessDefinition' ? pi : null,
        ...(body.variablesInResultEnabled === true ? { variables: toWireVariables(r.state.variables) } : {}),
      };
    });
  });

  router.post('/signal', async (ctx) => {
    const auth = callerOf(ctx);
    requireAnyPermission(auth, 'engine.operate', 'task.work');
    const body = await readBody(ctx);
    if (typeof body.name !== 'string' || !body.name) throw invalidRequest('signal.missing_name', 'No signal name given');
    await env.executor.execute(new SignalCommand(body.name, readWireVariables(body.variables).variables, tenantsOf(auth), auth));
    noContent(ctx);
  });
}
