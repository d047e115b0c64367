import type { ModuleFactory } from '../app/RuntimeModule';
import { auditRoute } from './audit.route';

/** The audit trail's read API (entries are written by `appendAudit`). */
export const auditModule: ModuleFactory = (deps) => ({ name: 'audit', routes: [auditRoute(deps)] });
