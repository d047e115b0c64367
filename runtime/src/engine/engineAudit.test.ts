/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verifyAuditChain';
import { engineGatewayOf } from '../engineGateway/engineGatewayOf';
import { bpmn } from './testing/bpmn';
import { startEngineServer, type EngineKit } from './testing/engineTestKit';

const oneTask = bpmn(
  'auditedProcess',
  `<startEvent id="start"/>
   <sequenceFlow id="f1" sourceRef="start" targetRef="approve"/>
   <userTask id="approve" name="Approve"/>
   <sequenceFlow id="f2" sourceRef="approve" targetRef="end"/>
   <endEvent id="end"/>`,
);

describe('engine changes are audited in the command\'s transaction (deploy, start, complete, delete)', () => {
  let kit: EngineKit;
  let tenantId: string;
  const entries = (action: string) =>
    kit.deps.db.query<{ actor_name: string; target_type: string; target_id: string; org_id: string | null; org_path: string | null }>(
      'SELECT actor_name, target_type, target_id, org_id, org_path FROM audit_log WHERE action = ? ORDER BY seq',
      [action],
    );
  const count = async () => Number((await kit.deps.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'))[0]!.n);

  beforeAll(async () => {
    kit = await startEngineServer();
    tenantId = await kit.createTenant('Audited tenant');
  });
  afterAll(async () => {
    await kit?.close();
  });

  it('writes process.deploy, process_instance.start, task.complete and process_instance.delete by the caller', async () => {
    // when the admin deploys, starts twice, completes one task and deletes the other instance over /engine-rest
    const dep = await kit.deploy({ 'audited.bpmn': oneTask }, { 'tenant-id': tenantId });
    expect(dep.status, dep.text).toBe(200);
    const a = await kit.start('auditedProcess', { orgId: tenantId, variables: { amount: { value: 3, type: 'Integer' } } });
    const b = await kit.start('auditedProcess', { orgId: tenantId });
    const [task] = (await kit.rest('GET', `/task?processInstanceId=${a.id}`)).body as any[];
    expect((await kit.rest('POST', `/task/${task.id}/complete`, { body: { variables: { ok: { value: true, type: 'Boolean' } } } })).status).toBe(204);
    expect((await kit.rest('DELETE', `/process-instance/${b.id}?deleteReason=duplicate`)).status).toBe(204);
    // then one entry each, naming the admin, the target and the tenant's org
    const [orgRow] = await kit.deps.db.query<{ path: string }>('SELECT path FROM org WHERE id = ?', [tenantId]);
    expect(await entries('process.deploy')).toEqual([{ actor_name: 'admin', target_type: 'deployment', target_id: dep.body.id, org_id: tenantId, org_path: orgRow!.path }]);
    expect((await entries('process_instance.start')).map((e) => [e.actor_name, e.target_id, e.org_path])).toEqual([
      ['admin', a.id, orgRow!.path],
      ['admin', b.id, orgRow!.path],
    ]);
    expect(await entries('task.complete')).toEqual([{ actor_name: 'admin', target_type: 'task', target_id: task.id, org_id: tenantId, org_path: orgRow!.path }]);
    expect((await entries('process_instance.delete')).map((e) => [e.actor_name, e.target_id])).toEqual([['admin', b.id]]);
    // the platform's own starts (gateway, no caller) are the system's; the chain stays intact
    const c = await engineGatewayOf(kit.deps).startProcess({ key: 'auditedProcess', tenantId, orgId: tenantId });
    expect((await entries('process_instance.start')).at(-1)).toMatchObject({ actor_name: 'system', target_id: c.id });
    expect(await verifyAuditChain(kit.deps.db)).toMatchObject({ ok: true });
  });

  it('writes nothing when the command fails', async () => {
    // given the number of entries so far
    const before = await count();
    // when a deploy does not parse, a start names an unknown org, a complete names no task, a delete no instance
    expect((await kit.deploy({ 'broken.bpmn': '<definitions><process id="x"' }, { 'tenant-id': tenantId })).status).toBe(400);
    expect((await kit.rest('POST', '/process-definition/key/auditedProcess/tenant-id/' + tenantId + '/start', { body: { orgId: 'no-such-org' } })).status).toBe(404);
    expect((await kit.rest('POST', '/task/no-such-task/complete', { body: {} })).status).toBe(404);
    expect((await kit.rest('DELETE', '/process-instance/no-such-instance')).status).toBe(404);
    // then no entry was written
    expect(await count()).toBe(before);
  });
});
