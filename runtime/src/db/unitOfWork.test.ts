import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/startTestServer';
import { unitOfWork } from './unitOfWork';

describe('unitOfWork', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    await server.dropDatabase();
  });
  const deps = () => server.runtime.deps;
  const auditRows = (targetId: string) =>
    deps().db.query<{ actor_id: string; action: string }>('SELECT actor_id, action FROM audit_log WHERE target_id = ?', [targetId]);

  it('commits the change and its audit entry by the actor, then runs the after-commit hooks', async () => {
    // given
    const seen: string[] = [];
    // when
    const result = await unitOfWork(deps(), { actorId: 'u-1', actorName: 'alice' }, async (uow) => {
      await uow.audit({ action: 'thing.create', targetType: 'thing', targetId: 'uow-commit' });
      uow.afterCommit(() => {
        seen.push('hook');
      });
      seen.push('body');
      return 42;
    });
    // then
    expect(result).toBe(42);
    expect(seen).toEqual(['body', 'hook']);
    expect(await auditRows('uow-commit')).toEqual([{ actor_id: 'u-1', action: 'thing.create' }]);
  });

  it('rolls the audit entry back with the change and runs no hook when the body throws', async () => {
    // given
    const seen: string[] = [];
    // when
    const failed = unitOfWork(deps(), { actorId: 'u-1', actorName: 'alice' }, async (uow) => {
      await uow.audit({ action: 'thing.create', targetType: 'thing', targetId: 'uow-rollback' });
      uow.afterCommit(() => {
        seen.push('hook');
      });
      throw new Error('boom');
    });
    // then
    await expect(failed).rejects.toThrow('boom');
    expect(seen).toEqual([]);
    expect(await auditRows('uow-rollback')).toEqual([]);
  });

  it('reports a failing after-commit hook without undoing the committed change', async () => {
    // given
    const errors: unknown[] = [];
    // when
    await unitOfWork(
      deps(),
      { actorId: 'u-2', actorName: 'bob' },
      async (uow) => {
        await uow.audit({ action: 'thing.update', targetType: 'thing', targetId: 'uow-hook-fails' });
        uow.afterCommit(() => {
          throw new Error('hook down');
        });
      },
      { onAfterCommitError: (err) => errors.push(err) },
    );
    // then
    expect((errors[0] as Error).message).toBe('hook down');
    expect(await auditRows('uow-hook-fails')).toHaveLength(1);
  });
});
