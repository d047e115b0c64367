import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneExternalTask } from '../testing/bpmn';
import { startEngineServer, type EngineKit } from '../testing/engineTestKit';
import { EngineRestError } from '../core/EngineRestError';
import { requireInstance } from './ProcessRunner';
import { saveInstanceState } from './InstanceStore';

describe('instance persistence with a revision check', () => {
  let kit: EngineKit;
  beforeAll(async () => {
    kit = await startEngineServer();
    expect((await kit.deploy({ 'o.bpmn': oneExternalTask('olFlow', 'ol') })).status).toBe(200);
  });
  afterAll(async () => {
    await kit.close();
  });

  it('a save with a stale revision is an OptimisticLockingException and the transaction rolls back', async () => {
    // given
    const pi = await kit.start('olFlow');
    const before = await kit.deps.db.query(`SELECT state, revision FROM process_instance WHERE id = ?`, [pi.id]);
    // when
    const attempt = kit.engine.executor.execute({
      name: 'StaleSave',
      async execute(ctx) {
        const inst = await requireInstance(ctx, pi.id);
        await ctx.tx.execute(`UPDATE process_instance SET revision = revision + 1 WHERE id = ?`, [pi.id]); // a concurrent writer
        await saveInstanceState(ctx.tx, inst, { ...inst.state, variables: { x: { type: 'String', value: 'lost' } } });
      },
    });
    // then
    const err = await attempt.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(EngineRestError);
    expect((err as EngineRestError).type).toBe('OptimisticLockingException');
    expect((err as EngineRestError).camundaCode).toBe(1);
    expect(await kit.deps.db.query(`SELECT state, revision FROM process_instance WHERE id = ?`, [pi.id])).toEqual(before);
  });
});
