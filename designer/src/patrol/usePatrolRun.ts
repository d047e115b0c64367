import { onBeforeUnmount, ref } from 'vue';
import { api } from '@/api';
import { errorMessage } from '@/api/errorMessage';
import { patrolApi, type PatrolRunStatus } from './patrolApi';

/** One patrol started from the page and how far it has come. */
export interface PatrolRunView {
  routeId: string;
  processInstanceId: string;
  status: PatrolRunStatus | null;
  error: string;
  /** Polling gave up before the patrol ended (it goes on in the engine). */
  gaveUp: boolean;
}

const POLL_MS = 1500;
const GIVE_UP_MS = 10 * 60_000;

/**
 * 立即巡检: starts a patrol of a route (`POST /patrol-routes/:id/run`, with an idempotency key)
 * and polls `GET /patrol-routes/:id/runs/:pi` until it ends, keeping one view per route.
 */
export function usePatrolRun() {
  const runs = ref<Record<string, PatrolRunView>>({});
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let alive = true;
  onBeforeUnmount(() => {
    alive = false;
    for (const t of timers) clearTimeout(t);
  });

  async function poll(routeId: string, startedAt: number) {
    const view = runs.value[routeId];
    if (!view || !alive) return;
    try {
      view.status = await patrolApi.runStatus(api, routeId, view.processInstanceId);
      view.error = '';
    } catch (e) {
      view.error = errorMessage(e);
    }
    if (view.status?.ended) return;
    if (Date.now() - startedAt > GIVE_UP_MS) {
      view.gaveUp = true;
      return;
    }
    const t = setTimeout(() => {
      timers.delete(t);
      void poll(routeId, startedAt);
    }, POLL_MS);
    timers.add(t);
  }

  /** Starts the patrol; resolves once the engine has it (the polling goes on in the background). */
  async function start(routeId: string): Promise<void> {
    const { processInstanceId } = await patrolApi.run(api, routeId, crypto.randomUUID());
    runs.value[routeId] = { routeId, processInstanceId, status: null, error: '', gaveUp: false };
    void poll(routeId, Date.now());
  }

  const running = (routeId: string) => {
    const v = runs.value[routeId];
    return !!v && !v.status?.ended && !v.gaveUp;
  };

  return { runs, start, running };
}
