/**
 * Notification poller benchmark (`npm run bench -- notifications`): `instances`
 * instances of the notify demo process (3 open tasks each: assigned, offered
 * to safety officers with a due time, an escalation offered to owners) on a
 * fresh database, then the poller's first tick (makes 4 notifications per
 * instance) and idle ticks over the same open tasks (nothing new: the cost
 * every node pays every `NOTIFY_TICK_MS`).
 */
import { startEngineServer } from '../engine/testing/engineTestKit';
import { seedMatrix } from '../testing/seedMatrix';
import { NotificationPoller } from './NotificationPoller';
import { notifyDemoBpmn } from './testing';

export async function benchNotifications(opts: { databaseUrl?: string; instances?: number; idleTicks?: number } = {}) {
  const instances = opts.instances ?? 500;
  const idleTicks = opts.idleTicks ?? 10;
  process.env.NOTIFY_TICK_MS = '0';
  const previousUrl = process.env.DATABASE_URL;
  if (opts.databaseUrl) process.env.DATABASE_URL = opts.databaseUrl;
  else delete process.env.DATABASE_URL;
  const kit = await startEngineServer();
  if (previousUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = previousUrl;
  try {
    const fx = await seedMatrix(kit.server, { prefix: 'bn' });
    const dep = await kit.deploy({ 'notify.bpmn': notifyDemoBpmn }, { 'tenant-id': fx.orgs.C.id });
    if (dep.status !== 200) throw new Error(`deploy: ${dep.status} ${dep.text}`);
    const assignee = { value: fx.user('worker').username, type: 'String' };
    for (let i = 0; i < instances; i++) await kit.start('notifyDemo', { orgId: fx.orgs.E1.id, variables: { assignee } });
    const poller = new NotificationPoller(kit.deps);
    let t0 = performance.now();
    const first = await poller.tick();
    const firstTickMs = performance.now() - t0;
    const idle: number[] = [];
    for (let i = 0; i < idleTicks; i++) {
      t0 = performance.now();
      const r = await poller.tick();
      idle.push(performance.now() - t0);
      if (r.tasks !== 0) throw new Error('an idle tick made notifications');
    }
    idle.sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      openTasks: instances * 3,
      notifications: first.tasks,
      firstTickMs: round(firstTickMs),
      notificationsPerSecond: round(first.tasks / (firstTickMs / 1000)),
      idleTickP50Ms: round(idle[Math.floor(idle.length / 2)]!),
      idleTickMaxMs: round(idle[idle.length - 1]!),
    };
  } finally {
    // a SQLite runtime that started its WAL checkpointer (after 100 commits) can leave close() waiting on the unref'd
    // worker's exit with nothing else keeping the process alive (node exits 13); a timer keeps it alive meanwhile
    const keepAlive = setTimeout(() => undefined, 10_000);
    await kit.close();
    clearTimeout(keepAlive);
  }
}
