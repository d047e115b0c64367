import type { ModuleFactory } from './app/RuntimeModule';
import { authModule } from './auth/auth.module';
import { orgsModule } from './orgs/orgs.module';
import { usersModule } from './users/users.module';
import { entitlementsModule } from './entitlements/entitlements.module';
import { auditModule } from './audit/audit.module';
import { demoSeedModule } from './seed/demoSeed.module';
import { filesModule } from './files/files.module';
import { idempotencyModule } from './idempotency/idempotency.module';
import { engineModule } from './engine/engine.module';
import { definitionsModule } from './definitions/definitions.module';
import { processesModule } from './definitions/process/processes.module';
import { submissionsModule } from './submissions/submissions.module';
import { recordsModule } from './records/records.module';
import { tasksModule } from './tasks/tasks.module';
import { webModule } from './web/web.module';
import { catalogueModule } from './catalogue/catalogue.module';
import { schedulerModule } from './scheduler/scheduler.module';
import { packsModule } from './packs/packs.module';
import { camerasModule } from './cameras/cameras.module';
import { pluginsModule } from './plugins/plugins.module';
import { aiModule } from './ai/ai.module';
import { dispatchModule } from './dispatch/dispatch.module';
import { exportsModule } from './exports/exports.module';
import { demoInstancesModule } from './seed/demoInstances.module';
import { dashboardsModule } from './dashboards/dashboards.module';
import { mapModule } from './map/map.module';
import { notificationsModule } from './notifications/notifications.module';

/**
 * The runtime's modules, in start order. Each feature adds its factory here
 * (one line); `createRuntime` builds them from the shared dependencies.
 */
export const moduleFactories: ModuleFactory[] = [
  authModule,
  orgsModule,
  usersModule,
  entitlementsModule,
  auditModule,
  demoSeedModule,
  idempotencyModule,
  filesModule,
  engineModule,
  definitionsModule,
  processesModule,
  submissionsModule,
  recordsModule,
  schedulerModule,
  tasksModule,
  catalogueModule,
  packsModule,
  camerasModule,
  pluginsModule,
  aiModule,
  dispatchModule,
  exportsModule,
  demoInstancesModule,
  dashboardsModule,
  mapModule,
  notificationsModule,
  webModule,
];
