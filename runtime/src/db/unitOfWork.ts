import type { Clock } from '../app/AppDeps';
import { appendAudit, SYSTEM_ACTOR, type AuditEntry } from '../audit/appendAudit';
import type { AuthContext } from '../http/AuthContext';
import type { Database, Tx } from './Database';

/** Who makes a change: a person (from their AuthContext) or the system. */
export interface UnitActor {
  actorId: string;
  actorName: string;
}

/** The actor of a request's caller. */
export function actorOf(auth: Pick<AuthContext, 'userId' | 'username'>): UnitActor {
  return { actorId: auth.userId, actorName: auth.username };
}

export { SYSTEM_ACTOR };

/** One audit entry of a unit of work; the actor is the unit's. */
export type UnitAuditEntry = Omit<AuditEntry, 'actorId' | 'actorName'>;

/**
 * One state change: a transaction, its actor and time, the audit entries it
 * writes (in the same transaction) and what to do once it has committed
 * (publish a live event, wake a worker, send a notification). Nothing of
 * `afterCommit` runs when the transaction rolls back.
 */
export interface UnitOfWork {
  readonly tx: Tx;
  readonly actor: UnitActor;
  /** The unit's time (one clock reading for every row it writes). */
  readonly now: Date;
  /** Appends an audit entry in this transaction, by this unit's actor. */
  audit(entry: UnitAuditEntry): Promise<void>;
  /** Runs `fn` after the commit (errors are logged by the caller's `onAfterCommitError`, never thrown). */
  afterCommit(fn: () => void | Promise<void>): void;
}

export interface UnitOfWorkDeps {
  db: Pick<Database, 'transaction'>;
  clock: Clock;
}

export interface UnitOfWorkOptions {
  /** Where failures of after-commit hooks go (default: console.error). */
  onAfterCommitError?: (err: unknown) => void;
}

/**
 * Runs `fn` as one unit of work: one transaction (rolled back on any throw),
 * audit entries by `actor` inside it, after-commit hooks once it committed.
 *
 * ```ts
 * await unitOfWork(deps, actorOf(auth), async (uow) => {
 *   await uow.tx.execute('UPDATE camera SET ... WHERE id = ? AND revision = ?', [...]);
 *   await uow.audit({ action: 'camera.update', targetType: 'camera', targetId: id, orgId, orgPath, change });
 *   uow.afterCommit(() => events.publish({ topic: 'camera', id }));
 * });
 * ```
 */
export async function unitOfWork<T>(
  deps: UnitOfWorkDeps,
  actor: UnitActor,
  fn: (uow: UnitOfWork) => Promise<T>,
  options: UnitOfWorkOptions = {},
): Promise<T> {
  const hooks: Array<() => void | Promise<void>> = [];
  const result = await deps.db.transaction(async (tx) => {
    hooks.length = 0; // a retried transaction starts with no hooks of the lost attempt
    const uow: UnitOfWork = {
      tx,
      actor,
      now: deps.clock.now(),
      audit: (entry) => appendAudit(tx, deps, { ...entry, actorId: actor.actorId, actorName: actor.actorName }),
      afterCommit: (hook) => {
        hooks.push(hook);
      },
    };
    return fn(uow);
  });
  const onError = options.onAfterCommitError ?? ((err: unknown) => console.error('after-commit hook failed', err));
  for (const hook of hooks) {
    try {
      await hook();
    } catch (err) {
      onError(err);
    }
  }
  return result;
}
