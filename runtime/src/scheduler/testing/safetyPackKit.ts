/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies of the API under test are read loosely */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { FakeClock } from '../../testing/FakeClock';
import { startEngineServer, until, type Creds, type EngineKit } from '../../engine/testing/engineTestKit';
import { sampleFiles } from '../../files/sampleFiles';
import { PackInstaller } from '../../packs/PackInstaller';
import { readPackDir } from '../../packs/validatePack';
import { seedMatrix, type MatrixFixture } from '../../testing/seedMatrix';

/** The files of the safety pack this area owns (hazards, inspection), plus the manifest. */
const MINE = /^(manifest\.json|forms\/safety\.(hazard|hazardMajor|inspection|checklist|duty)\.[^/]+\.json|collections\/safety_(hazard|inspection_round)\.json|views\/safety_hazard_ledger\.json|rules\/safety\.majorHazard\.gongmao\.json|processes\/safety-(hazard|hazard-major|inspection)\.bpmn)$/;

/**
 * A real server (FakeClock), the matrix tenant, the hazard and inspection
 * part of the real `definitions/safety` pack installed by the real
 * PackInstaller, the in-process `records` worker (the real Camunda JS client
 * over HTTP) — and helpers to act as the matrix users through /api/v1.
 */
export async function startSafetyPackKit(clock: FakeClock) {
  process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
  process.env.SCHEDULER_TICK_MS = '0';
  const kit: EngineKit = await startEngineServer({ clock });
  const fx: MatrixFixture = await seedMatrix(kit.server, { prefix: 'sp' });
  const dir = fileURLToPath(new URL('../../../../definitions/safety', import.meta.url));
  const files = Object.fromEntries(Object.entries(readPackDir(dir)).filter(([name]) => MINE.test(name)));
  await new PackInstaller(kit.deps).install(files, { tenantId: fx.orgs.C.id, requester: { actorId: 'system', actorName: 'system' } });
  const creds = (role: string, branch: 1 | 2 = 1): Creds => ({ username: fx.user(role, branch).username, password: fx.password });
  const basic = (c: Creds) => ({ authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}` });
  const api = (as: Creds, method: string, path: string, body?: unknown) => kit.server.request(method, `/api/v1${path}`, { body, headers: basic(as) });

  const h = {
    kit, fx, creds, api,
    /** The caller's inbox entries for `taskKey` (optionally of one instance or its children). */
    async tasks(as: Creds, taskKey: string, instanceIds?: string[]): Promise<any[]> {
      const res = await api(as, 'GET', '/tasks?pageSize=200');
      expect(res.status, res.text).toBe(200);
      return res.body.items.filter((t: any) => t.taskDefinitionKey === taskKey && (!instanceIds || instanceIds.includes(t.processInstanceId)));
    },
    /** Waits (workers run asynchronously) until `as` has a `taskKey` task in one of `instanceIds`. */
    async waitTask(as: Creds, taskKey: string, instanceIds?: string[]): Promise<any> {
      return until(async () => (await h.tasks(as, taskKey, instanceIds))[0], 20_000);
    },
    /** Completes a form task through /api/v1 (validated); returns the response body. */
    async submit(as: Creds, taskId: string, values: Record<string, unknown>): Promise<any> {
      const res = await api(as, 'POST', `/tasks/${taskId}/submit`, { values });
      expect(res.status, res.text).toBe(201);
      return res.body;
    },
    /** Uploads a real PNG for E1; returns the reference a form stores. */
    async photo(as: Creds): Promise<Record<string, unknown>> {
      const form = new FormData();
      form.append('orgId', fx.orgs.E1.id);
      form.append('file', new Blob([new Uint8Array(sampleFiles.png())], { type: 'image/png' }), 'site.png');
      const res = await kit.server.request('POST', '/api/v1/files', { rawBody: form, headers: basic(as) });
      expect(res.status, res.text).toBe(201);
      return { fileId: res.body.id, name: res.body.name, size: res.body.size, mime: res.body.mime, sha256: res.body.sha256 };
    },
    /** The hazard record of a safety-hazard instance (`hazardId`), once the records worker made it. */
    async hazardOf(instanceId: string): Promise<any> {
      const id = await until(async () => {
        const [row] = await kit.deps.db.query<{ state: string }>('SELECT state FROM process_instance WHERE id = ?', [instanceId]);
        const hid = row ? JSON.parse(row.state).variables?.hazardId?.value : undefined;
        if (hid) return hid as string;
        const [hist] = await kit.deps.db.query<{ id: string }>(
          `SELECT r.id FROM record r WHERE r.collection_key = 'safety_hazard' AND r.data LIKE ?`, [`%${instanceId}%`],
        );
        return hist?.id;
      }, 20_000);
      return h.record(id);
    },
    async record(id: string): Promise<any> {
      const res = await api(creds('safetyOfficer'), 'GET', `/records/safety_hazard/${id}`);
      expect(res.status, res.text).toBe(200);
      return res.body;
    },
    /** Moves the clock and runs the due timer jobs. */
    async advance(ms: number): Promise<void> {
      clock.advance(ms);
      for (let i = 0; i < 3; i++) await kit.engine.jobs.runDueJobs();
    },
    /** The running (or ended) children of a process instance. */
    async children(instanceId: string): Promise<string[]> {
      const rows = await kit.deps.db.query<{ id: string }>('SELECT id FROM hist_process_instance WHERE super_instance_id = ? ORDER BY start_time, id', [instanceId]);
      return rows.map((r) => r.id);
    },
    async ended(instanceId: string): Promise<boolean> {
      const [row] = await kit.deps.db.query<{ end_time: number | null }>('SELECT end_time FROM hist_process_instance WHERE id = ?', [instanceId]);
      return !!row && row.end_time !== null;
    },
  };
  return h;
}

/** The kit type. */
export type SafetyPackKit = Awaited<ReturnType<typeof startSafetyPackKit>>;
