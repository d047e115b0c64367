import { performance } from 'node:perf_hooks';

/** Count, total and worst milliseconds of one kind of request or command. */
export interface TimingTotals {
  n: number;
  totalMs: number;
  maxMs: number;
}

/** What `GET /engine-rest/safeflow/stats` answers: cumulative since the process started. */
export interface EngineStatsSnapshot {
  /** Process CPU time (user + system), milliseconds. */
  cpuMs: number;
  /** `performance.eventLoopUtilization()`: idle and active milliseconds of the event loop. */
  eventLoop: { idleMs: number; activeMs: number };
  /** By `METHOD /route/pattern`: wall time from the engine-rest router to the response body (long polls include their wait). */
  requests: Record<string, TimingTotals>;
  /** By command name: wall time of `CommandExecutor.execute` (waiting for the SQLite writer included). */
  commands: Record<string, TimingTotals>;
}

/**
 * Cheap server-side counters of where the engine's time goes, for the
 * benchmark (`bench/engineRest.bench.ts`): per request kind and per command.
 * Only exists when the process runs with `ENGINE_STATS=1`; otherwise
 * {@link engineStats} is undefined and nothing is measured.
 */
export class EngineStats {
  private readonly requests = new Map<string, TimingTotals>();
  private readonly commands = new Map<string, TimingTotals>();

  /** Adds one request of `kind` that took `ms`. */
  request(kind: string, ms: number): void {
    add(this.requests, kind, ms);
  }

  /** Adds one execution of command `name` that took `ms`. */
  command(name: string, ms: number): void {
    add(this.commands, name, ms);
  }

  snapshot(): EngineStatsSnapshot {
    const cpu = process.cpuUsage();
    const elu = performance.eventLoopUtilization();
    return {
      cpuMs: (cpu.user + cpu.system) / 1000,
      eventLoop: { idleMs: elu.idle, activeMs: elu.active },
      requests: Object.fromEntries([...this.requests].map(([k, v]) => [k, { ...v }])),
      commands: Object.fromEntries([...this.commands].map(([k, v]) => [k, { ...v }])),
    };
  }
}

function add(map: Map<string, TimingTotals>, key: string, ms: number): void {
  const t = map.get(key);
  if (t) {
    t.n++;
    t.totalMs += ms;
    if (ms > t.maxMs) t.maxMs = ms;
  } else {
    map.set(key, { n: 1, totalMs: ms, maxMs: ms });
  }
}

/** The process's counters when `ENGINE_STATS=1`, else undefined. */
export const engineStats: EngineStats | undefined =
  process.env.ENGINE_STATS === '1' ? new EngineStats() : undefined;
