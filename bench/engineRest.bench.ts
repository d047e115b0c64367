import { createWorker } from '../runtime/src/worker';
import { referenceBpmn } from './referenceProcess';
import { spawnServer } from './spawnServer';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * Completed instances per second of the reference process through SafeFlow's
 * REST, with the real camunda-external-task-client-js doing the `score`
 * external tasks (long polling) and a REST caller completing the user tasks.
 * The server runs in a child process on its own database. Also measures
 * `wakeP99Ms`: from an external task's createTime to a long-polling worker
 * receiving it, one instance at a time.
 */
export async function benchEngineRest(opts: { databaseUrl?: string; seconds: number; concurrency: number }) {
  const server = await spawnServer({ databaseUrl: opts.databaseUrl });
  const auth = 'Basic ' + Buffer.from(`${server.username}:${server.password}`).toString('base64');
  const rest = server.url + '/engine-rest';
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(rest + p, {
      method,
      headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${p} → ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  try {
    const form = new FormData();
    form.set('deployment-name', 'bench');
    form.set('bench.bpmn', new Blob([referenceBpmn], { type: 'application/xml' }), 'bench.bpmn');
    const dep = await fetch(rest + '/deployment/create', { method: 'POST', headers: { authorization: auth }, body: form });
    if (dep.status !== 200) throw new Error(`deploy failed: ${dep.status} ${await dep.text()}`);

    // Phase 1: wake latency, one instance at a time, worker long polling.
    const wakes: number[] = [];
    const wakeWorker = createWorker({
      baseUrl: rest,
      workerId: 'bench-wake',
      auth: { username: server.username, password: server.password },
      asyncResponseTimeout: 20_000,
      maxTasks: 1,
      // poll again at once after each answer: the client otherwise idles `interval` ms between long polls
      interval: 1,
    });
    let pending: (() => void) | undefined;
    wakeWorker.subscribe('score', async ({ task }) => {
      wakes.push(Date.now() - Date.parse(String(task.createTime)));
      pending?.();
      return { score: 80 };
    });
    wakeWorker.start();
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 100; i++) {
      const got = new Promise<void>((r) => (pending = r));
      await call('POST', '/process-definition/key/benchReference/start', { businessKey: `wake-${i}` });
      await got;
      // let the worker complete the task and park its next long poll before the next task appears
      await new Promise((r) => setTimeout(r, 50));
    }
    wakeWorker.stop();
    // finish the wake phase's instances so the throughput phase counts only its own
    for (;;) {
      const left: Array<{ id: string }> = await call('GET', '/task?processDefinitionKey=benchReference&maxResults=100');
      if (!left.length) break;
      await Promise.all(left.map((t) => call('POST', `/task/${t.id}/complete`, { variables: {} })));
    }

    // Phase 2: throughput.
    const worker = createWorker({
      baseUrl: rest,
      workerId: 'bench-throughput',
      auth: { username: server.username, password: server.password },
      asyncResponseTimeout: 5_000,
      maxTasks: 50,
      lockDuration: 60_000,
      interval: 1,
    });
    worker.subscribe('score', async () => ({ score: 80 }));
    worker.start();
    let started = 0;
    let completed = 0;
    let stopAt = 0;
    const t0 = performance.now();
    stopAt = t0 + opts.seconds * 1000;
    const starter = async () => {
      while (performance.now() < stopAt) {
        await call('POST', '/process-definition/key/benchReference/start', { businessKey: `b-${started++}` });
        // keep the backlog bounded so the measurement is of completed instances
        while (started - completed > opts.concurrency * 4 && performance.now() < stopAt) {
          await new Promise((r) => setTimeout(r, 2));
        }
      }
    };
    const completer = async () => {
      while (performance.now() < stopAt) {
        const tasks: Array<{ id: string }> = await call('GET', '/task?processDefinitionKey=benchReference&maxResults=50');
        if (!tasks.length) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        await Promise.all(
          tasks.map(async (t) => {
            await call('POST', `/task/${t.id}/complete`, { variables: {} });
            completed++;
          }),
        );
      }
    };
    await Promise.all([
      ...Array.from({ length: opts.concurrency }, starter),
      completer(),
    ]);
    const seconds = (performance.now() - t0) / 1000;
    worker.stop();
    return {
      perSecond: Math.round((completed / seconds) * 10) / 10,
      completed,
      started,
      wakeP50Ms: percentile(wakes, 50),
      wakeP99Ms: percentile(wakes, 99),
    };
  } finally {
    await server.stop();
  }
}
