import { fileURLToPath } from 'node:url';
import type { Clock } from '../../../runtime/src/app/AppDeps';
import { PackInstaller } from '../../../runtime/src/packs/PackInstaller';
import { readPackDir } from '../../../runtime/src/packs/validatePack';
import { startRecordsServer, type CallerName, type RecordsServer } from '../../../runtime/src/records/testing/startRecordsServer';

const PACK = new URL('../', import.meta.url);
/** A real 8×8 red PNG (magic bytes, IHDR, IDAT, IEND). */
const PNG_8X8 = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4o6SEFTEMLQkAvM5EAT6yk8sAAAAASUVORK5CYII=';

/**
 * A real server (all modules, the real identity module, the in-process
 * `rules` and `records` workers over the real Camunda client) with the
 * records tests' matrix (tenant C → D1 → S1 → enterprises E1 and B), and
 * the safety pack installed by the real pack installer into the tenant
 * (definitions published at the tenant root, processes deployed; no demo
 * records).
 */
export async function startContentServer(opts: { clock?: Clock } = {}) {
  process.env.SAFEFLOW_INPROCESS_WORKERS = 'true';
  const server = await startRecordsServer({ clock: opts.clock });
  try {
    // the safety pack, installed into the matrix tenant by the real pack installer (one transaction, definitions at the tenant root, processes deployed)
    const tenantId = server.fx.orgs.C.id;
    await new PackInstaller(server.runtime.deps).install(readPackDir(fileURLToPath(PACK)), { tenantId, requester: { actorId: 'system', actorName: 'system' }, seed: false });
    const closeServer = server.close.bind(server);
    /** The username of a caller name or matrix fixture key. */
    const nameOf = (user: CallerName | string): string => (user in server.users ? server.users[user as CallerName].username : server.fx.users[user]!.username);
    return Object.assign(server, {
      tenantId,
      /** `/api/v1` + path as any matrix user by fixture key (`safetyOfficer.2`) or caller name. */
      api(user: CallerName | string, method: string, path: string, body?: unknown) {
        return server.request(method, `/api/v1${path}`, { headers: basic(nameOf(user), server.fx.password), body });
      },
      /** Uploads a real 8×8 PNG as `user` into `orgId`; returns the file reference a Photo field takes. */
      async photo(user: CallerName | string, orgId: string, name = 'site.png') {
        const form = new FormData();
        form.append('orgId', orgId);
        form.append('file', new Blob([Buffer.from(PNG_8X8, 'base64')], { type: 'image/png' }), name);
        const res = await server.request('POST', '/api/v1/files', { headers: basic(nameOf(user), server.fx.password), rawBody: form });
        if (res.status !== 201) throw new Error(`upload: ${res.status} ${res.text}`);
        const f = res.body as { id: string; name: string; size: number; mime: string; sha256: string };
        return { fileId: f.id, name: f.name, size: f.size, mime: f.mime, sha256: f.sha256 };
      },
      /** The username of a caller name or matrix fixture key. */
      username: nameOf,
      /** `/engine-rest` + path with Basic auth as a named caller. */
      rest(as: CallerName, method: string, path: string, body?: unknown) {
        return server.request(method, `/engine-rest${path}`, { headers: basic(server.users[as].username, server.fx.password), body });
      },
      /** Starts the latest `key` as `as` (Camunda typed variables from plain values); returns the instance id. */
      async startProcess(as: CallerName | string, key: string, variables: Record<string, unknown>, businessKey?: string): Promise<string> {
        const res = await server.request('POST', `/engine-rest/process-definition/key/${key}/tenant-id/${tenantId}/start`, {
          headers: basic(nameOf(as), server.fx.password),
          body: { businessKey, variables: typed(variables) },
        });
        if (res.status !== 200) throw new Error(`start ${key}: ${res.status} ${res.text}`);
        return res.body.id as string;
      },
      /** The open user task `activityId` of an instance, once it exists. */
      task(instanceId: string, activityId: string, timeoutMs = 30_000) {
        return until(async () => {
          const rows = await server.runtime.deps.db.query<{ id: string; task_definition_key: string }>('SELECT id, task_definition_key FROM user_task WHERE process_instance_id = ?', [instanceId]).catch(() => []);
          return rows.find((r) => r.task_definition_key === activityId)?.id;
        }, timeoutMs, async () => `no task '${activityId}'; incidents: ${JSON.stringify(await server.runtime.deps.db.query('SELECT message FROM incident WHERE process_instance_id = ?', [instanceId]))}`);
      },
      /** Submits a form-bound task as `as`; throws with the response unless 201. */
      async submit(as: CallerName | string, taskId: string, values: Record<string, unknown>) {
        const res = await server.request('POST', `/api/v1/tasks/${taskId}/submit`, { headers: basic(nameOf(as), server.fx.password), body: { values } });
        if (res.status !== 201) throw new Error(`submit ${taskId}: ${res.status} ${res.text}`);
        return res.body;
      },
      /** Waits until the instance has ended (history COMPLETED). */
      ended(instanceId: string) {
        return until(async () => {
          const [h] = await server.runtime.deps.db.query<{ state: string }>('SELECT state FROM hist_process_instance WHERE id = ?', [instanceId]);
          return h?.state === 'COMPLETED';
        }, 30_000, async () => `instance ${instanceId} did not complete; incidents: ${JSON.stringify(await server.runtime.deps.db.query('SELECT message FROM incident WHERE process_instance_id = ?', [instanceId]))}`);
      },
      async close() {
        await closeServer();
        await server.dropDatabase();
        delete process.env.SAFEFLOW_INPROCESS_WORKERS;
      },
    });
  } catch (err) {
    await server.close();
    await server.dropDatabase();
    throw err;
  }
}

/** A running {@link startContentServer}. */
export type ContentServer = Awaited<ReturnType<typeof startContentServer>>;
export type { RecordsServer };

function basic(username: string, password: string) {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

/** Plain values → Camunda typed variables (numbers as Double unless integral, objects as Json). */
export function typed(vars: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [
      k,
      typeof v === 'number'
        ? { value: v, type: Number.isInteger(v) ? 'Integer' : 'Double' }
        : typeof v === 'boolean'
          ? { value: v, type: 'Boolean' }
          : typeof v === 'string'
            ? { value: v, type: 'String' }
            : { value: JSON.stringify(v), type: 'Json' },
    ]),
  );
}

/** Polls `fn` until it is truthy (10 ms steps, at most `ms`); the error says what was awaited. */
export async function until<T>(fn: () => Promise<T> | T, ms = 30_000, why?: () => Promise<string>): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(why ? await why() : 'condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
