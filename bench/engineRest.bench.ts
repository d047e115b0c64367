import type { EngineStatsSnapshot, TimingTotals } from '../runtime/src/engine/core/engineStats';
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
export async function benchEngineRest(opts: { databaseUrl?: string; seconds: number; concurrency: number; wakeSamples?: number }) {
  // ENGINE_STATS=1: the server counts time per request kind and command (runtime/src/engine/core/engineStats.ts)
  const server = await spawnServer({ databaseUrl: opts.databaseUrl, env: { ENGINE_STATS: '1' } });
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
    for (let i = 0; i < (opts.wakeSamples ?? 300); i++) {
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
    const before: EngineStatsSnapshot = await call('GET', '/safeflow/stats');
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
    const after: EngineStatsSnapshot = await call('GET', '/safeflow/stats');
    worker.stop();
    return {
      perSecond: Math.round((completed / seconds) * 10) / 10,
      completed,
      started,
      wakeP50Ms: percentile(wakes, 50),
      wakeP99Ms: percentile(wakes, 99),
      wakeMaxMs: Math.max(...wakes),
      wakeSamples: wakes.length,
      server: whereTheTimeGoes(before, after, completed),
    };
  } finally {
    await server.stop();
  }
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The server's side of the throughput phase, from its ENGINE_STATS counters:
 * CPU per completed instance, event-loop utilisation, and per request kind
 * and per command how many ran and their mean wall time in milliseconds
 * (long-polled fetchAndLock requests include their wait).
 */
function whereTheTimeGoes(before: EngineStatsSnapshot, after: EngineStatsSnapshot, completed: number) {
  const diff = (a: Record<string, TimingTotals>, b: Record<string, TimingTotals>) =>
    Object.fromEntries(
      Object.entries(b)
        .map(([k, v]) => {
          const n = v.n - (a[k]?.n ?? 0);
          const total = v.totalMs - (a[k]?.totalMs ?? 0);
          return [k, { n, meanMs: n ? round(total / n) : 0, perInstance: completed ? round(n / completed) : 0 }] as const;
        })
        .filter(([, v]) => v.n > 0)
        .sort((x, y) => y[1].n - x[1].n),
    );
  const active = after.eventLoop.activeMs - before.eventLoop.activeMs;
  const idle = after.eventLoop.idleMs - before.eventLoop.idleMs;
  return {
    cpuMsPerInstance: completed ? round((after.cpuMs - before.cpuMs) / completed) : null,
    eventLoopUtilization: round(active / (active + idle)),
    requests: diff(before.requests, after.requests),
    commands: diff(before.commands, after.commands),
  };
}
