import type { AuthContext } from '../http/AuthContext';

/**
 * The system actor packs are installed as: a platform-wide caller with no
 * memberships, audited as `system` (like the demo seed). Who asked for the
 * install (a user through `/api/v1/packs`, or the CLI) is recorded in
 * `pack_install` and in the `pack.install` audit entry.
 */
export const PACK_SYSTEM_ACTOR: AuthContext = { kind: 'user', userId: 'system', username: 'system', platformAdmin: true, memberships: [] };
