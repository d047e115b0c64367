import { SYSTEM_ACTOR } from '../../audit/appendAudit';
import { ensureBuiltinRoles } from '../../auth/ensureBuiltinRoles';
import { hashPassword } from '../../auth/passwords';
import type { Config } from '../../config/loadConfig';
import { startEngineServer, type Creds } from '../../engine/testing/engineTestKit';
import { insertOrg } from '../../orgs/orgCommands';
import { ensureOrgTypes } from '../../orgs/orgTypes';
import { startTestServer } from '../../testing/startTestServer';
import { insertMembership } from '../../users/membershipCommands';
import { insertUser } from '../../users/userCommands';
import type { EngineGateway } from '../EngineGateway';
import { engineGatewayOf } from '../engineGatewayOf';

const PASSWORD = 'remote-pair-pw-1';

/**
 * Two real SafeFlow nodes: `a` runs normally and plays the Camunda 7 /
 * Operaton cluster; `b` runs with `ENGINE_URL = a/engine-rest` and the
 * Basic credentials of `service`, a platform administrator on `a`
 * (`inProcessWorkersOnB`: b runs its in-process `rules`/`records` workers, a does not).
 * `local` is a's own gateway, `remote` is b's gateway to a.
 */
export async function startRemoteEnginePair(opts: { config?: Partial<Config>; inProcessWorkersOnB?: boolean } = {}) {
  const a = await startEngineServer();
  const service = await a.createUser('platform-b', { admin: true });
  const before = process.env.SAFEFLOW_INPROCESS_WORKERS;
  if (opts.inProcessWorkersOnB) process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
  const b = await startTestServer({
    config: { engineUrl: `${a.server.url}/engine-rest`, engineUsername: service.username, enginePassword: service.password, ...opts.config },
  }).finally(() => {
    if (before === undefined) delete process.env.SAFEFLOW_INPROCESS_WORKERS;
    else process.env.SAFEFLOW_INPROCESS_WORKERS = before;
  });
  const deps = b.runtime.deps;
  await ensureBuiltinRoles(deps);
  await ensureOrgTypes(deps);
  const local: EngineGateway = engineGatewayOf(a.deps);
  const remote: EngineGateway = engineGatewayOf(deps);
  return {
    a,
    b,
    service,
    local,
    remote,
    /** A top-level org (tenant) on b; returns its id. */
    async createTenantOnB(name: string): Promise<string> {
      const org = await deps.db.transaction((tx) => insertOrg(tx, deps, SYSTEM_ACTOR, { type: 'enterprise', name }));
      return org.id;
    },
    /** A user on b with `role` in `tenantId`; returns Basic credentials for b's /api/v1. */
    async createUserOnB(username: string, tenantId: string, role: string): Promise<Creds> {
      const passwordHash = await hashPassword(PASSWORD);
      await deps.db.transaction(async (tx) => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the org row is handed to insertUser as read
        const [org] = await tx.query<any>('SELECT * FROM org WHERE id = ?', [tenantId]);
        const userId = await insertUser(tx, deps, SYSTEM_ACTOR, { username, passwordHash, platformAdmin: false, org });
        await insertMembership(tx, deps, SYSTEM_ACTOR, { userId, org, roleKey: role });
      });
      return { username, password: PASSWORD };
    },
    /** Calls b's `/api/v1` + path as `as` (Basic). */
    api(method: string, path: string, as: Creds, body?: unknown) {
      return b.request(method, `/api/v1${path}`, { body, headers: { authorization: `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}` } });
    },
    async close(): Promise<void> {
      await b.close();
      await b.dropDatabase();
      await a.close();
    },
  };
}

/** The pair's type. */
export type RemoteEnginePair = Awaited<ReturnType<typeof startRemoteEnginePair>>;

/** The benchmark-like process: start → external task `topic` → exclusive gateway → form-bound review (score > 70) or plain acknowledgement → end. */
export function scoredProcess(key: string, topic: string, formKey: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://safeflow.test/gateway">
  <process id="${key}" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="score"/>
    <serviceTask id="score" name="Score" camunda:type="external" camunda:topic="${topic}"/>
    <sequenceFlow id="f2" sourceRef="score" targetRef="gw"/>
    <exclusiveGateway id="gw" default="toAck"/>
    <sequenceFlow id="toReview" sourceRef="gw" targetRef="review">
      <conditionExpression xsi:type="tFormalExpression">\${score &gt; 70}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="toAck" sourceRef="gw" targetRef="ack"/>
    <userTask id="review" name="Review" camunda:candidateGroups="safetyOfficer" camunda:formKey="${formKey}"/>
    <userTask id="ack" name="Acknowledge" camunda:candidateGroups="safetyOfficer"/>
    <sequenceFlow id="f5" sourceRef="review" targetRef="end"/>
    <sequenceFlow id="f6" sourceRef="ack" targetRef="end"/>
    <endEvent id="end"/>
  </process>
</definitions>`;
}
