import type { AppDeps } from '../app/AppDeps';
import { TickLoop } from '../app/TickLoop';
import { deliverDue, type DeliveryReport } from './ChannelDeliverer';
import { produceExpiryNotifications } from './expiryProducers';
import { produceTaskNotifications } from './taskProducers';
import { TaskNotifyKinds } from './taskNotifyKind';

/** What one {@link NotificationPoller.tick} did. */
export interface NotificationTickReport extends DeliveryReport {
  tasks: number;
  expiry: number;
}

/**
 * The notification producers and channel deliveries of one node, ticking like
 * the scheduler (`NOTIFY_TICK_MS`, default 15 s; `0`: this node does not
 * tick; tests call {@link tick} after moving a FakeClock). Any number of
 * nodes may tick at once: notifications are unique per (recipient, source
 * key) and deliveries are claimed by revision.
 */
export class NotificationPoller {
  private readonly loop: TickLoop;
  private readonly kinds: TaskNotifyKinds;
  private expiryCheckedAt: number | undefined;

  constructor(
    private readonly deps: AppDeps,
    private readonly opts: { tickMs?: number; dueSoonHours?: number; expiryEveryMs?: number } = {},
  ) {
    this.kinds = new TaskNotifyKinds(deps.db);
    this.loop = new TickLoop(() => this.tick(), deps.logger, 'notification tick failed');
  }

  start(): void {
    this.loop.start(this.opts.tickMs ?? 15_000);
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Makes the notifications due now, then sends the channel deliveries due now. */
  async tick(): Promise<NotificationTickReport> {
    const tasks = await produceTaskNotifications(this.deps, this.kinds, { dueSoonHours: this.opts.dueSoonHours });
    // expiry dates have day granularity: the record scan runs at most every `expiryEveryMs` (default 10 min) per node
    const now = this.deps.clock.now().getTime();
    let expiry = 0;
    if (this.expiryCheckedAt === undefined || now - this.expiryCheckedAt >= (this.opts.expiryEveryMs ?? 600_000)) {
      this.expiryCheckedAt = now;
      expiry = await produceExpiryNotifications(this.deps);
    }
    const delivered = await deliverDue(this.deps);
    return { tasks, expiry, ...delivered };
  }
}
