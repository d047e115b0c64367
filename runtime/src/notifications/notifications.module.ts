import type { AppDeps } from '../app/AppDeps';
import type { ModuleFactory } from '../app/RuntimeModule';
import { channelRoutes } from './channels.route';
import { NotificationPoller } from './NotificationPoller';
import { notificationRoutes } from './notifications.route';

const handles = new WeakMap<object, NotificationPoller>();

/** The notification poller of a runtime (by its deps object), for tests to `tick()` after moving a FakeClock. */
export function notificationPollerOf(deps: AppDeps): NotificationPoller {
  const p = handles.get(deps);
  if (!p) throw new Error('notifications module is not installed in this runtime');
  return p;
}

/**
 * The notification centre: in-app notifications (assignments, claimable
 * tasks, escalations, due-soon and overdue tasks, expiry reminders of views),
 * tenant-configured channels from plugins and their deliveries. Every node
 * ticks every `NOTIFY_TICK_MS` ms (default 15000; `0` = this node does not);
 * `NOTIFY_DUE_SOON_HOURS` (default 24) is the due-soon lead time; view expiry
 * reminders are scanned at most every `NOTIFY_EXPIRY_EVERY_MS` (default 600000).
 */
export const notificationsModule: ModuleFactory = (deps) => {
  const tickMs = Number(process.env.NOTIFY_TICK_MS ?? 15_000);
  const dueSoon = Number(process.env.NOTIFY_DUE_SOON_HOURS ?? 24);
  const expiryEvery = Number(process.env.NOTIFY_EXPIRY_EVERY_MS ?? 600_000);
  const poller = new NotificationPoller(deps, {
    tickMs: Number.isFinite(tickMs) && tickMs > 0 ? tickMs : undefined,
    dueSoonHours: Number.isFinite(dueSoon) && dueSoon > 0 ? dueSoon : undefined,
    expiryEveryMs: Number.isFinite(expiryEvery) && expiryEvery >= 0 ? expiryEvery : undefined,
  });
  handles.set(deps, poller);
  return {
    name: 'notifications',
    routes: [...notificationRoutes(deps), ...channelRoutes(deps)],
    async start() {
      if (tickMs > 0) poller.start();
    },
    async stop() {
      await poller.stop();
    },
  };
};
