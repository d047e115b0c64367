/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are checked by the assertions */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ensureWorkerCredential } from '../engine/auth/ensureWorkerCredential';
import { oneExternalTask } from '../engine/testing/bpmn';
import { startEngineServer, until, type EngineKit } from '../engine/testing/engineTestKit';
import { startInProcessWorker } from './startInProcessWorker';

const NAME = 'safeflow in-process stamp worker';

describe('in-process workers reuse one worker credential per name', () => {
  const kits: EngineKit[] = [];
  afterAll(async () => {
    const last = kits.at(-1);
    for (const k of kits) await k.close(false);
    await last?.server.dropDatabase();
  });

  const startStampWorker = (kit: EngineKit) =>
    startInProcessWorker(kit.deps, kit.server.url, { topic: 'stamp', label: 'stamp', failureCode: 'stamp.failed', handler: async () => ({ stamped: true }) });
  const rows = (kit: EngineKit) => kit.deps.db.query<any>(`SELECT id, topics, revoked, revision FROM worker_credential WHERE name = ?`, [NAME]);
  const runOne = async (kit: EngineKit) => {
    const pi = await kit.start('stamp');
    return until(async () => {
      const res = await kit.rest('GET', `/history/process-instance?processInstanceId=${pi.id}`);
      return res.body[0]?.state === 'COMPLETED';
    });
  };

  it('two starts and a server restart leave one row, and the worker still authenticates each time', async () => {
    // given
    const kit = await startEngineServer();
    kits.push(kit);
    expect((await kit.deploy({ 'stamp.bpmn': oneExternalTask('stamp', 'stamp') })).status).toBe(200);
    // when: started, stopped, started again
    const first = await startStampWorker(kit);
    await runOne(kit);
    first.stop();
    const second = await startStampWorker(kit);
    await runOne(kit);
    second.stop();
    // then
    const afterTwo = await rows(kit);
    expect(afterTwo).toHaveLength(1);
    expect(JSON.parse(afterTwo[0].topics)).toEqual(['stamp']);

    // when: the server restarts on the same DATA_DIR and database and starts the worker again
    await kit.close(false);
    const again = await startEngineServer({ reuse: { dataDir: kit.server.dataDir, databaseUrl: kit.server.databaseUrl } });
    kits.push(again);
    const third = await startStampWorker(again);
    await runOne(again);
    third.stop();
    // then: the same row, untouched
    expect(await rows(again)).toEqual(afterTwo);
  });

  it('updates the one row in place when the topics change, and leaves a revoked row revoked', async () => {
    // given
    const kit = kits.at(-1)!;
    const [before] = await rows(kit);
    // when
    const changed = await ensureWorkerCredential(kit.deps, { name: NAME, topics: ['stamp', 'seal'] });
    // then
    const [after] = await rows(kit);
    expect(changed.id).toBe(before.id);
    expect(after).toEqual({ ...before, topics: JSON.stringify(['stamp', 'seal']), revision: Number(before.revision) + 1 });

    // given: an admin revokes it
    await kit.deps.db.transaction((tx) => tx.execute(`UPDATE worker_credential SET revoked = 1, revision = revision + 1 WHERE id = ?`, [before.id]));
    const warn = vi.spyOn(kit.deps.logger, 'warn');
    // when
    await ensureWorkerCredential(kit.deps, { name: NAME, topics: ['stamp'] });
    // then
    const revoked = await rows(kit);
    expect(revoked).toHaveLength(1);
    expect(Number(revoked[0].revoked)).toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ credentialId: before.id }), expect.stringContaining('revoked'));
    warn.mockRestore();
  });
});
