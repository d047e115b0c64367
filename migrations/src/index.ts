import type { MigrationInterface } from 'typeorm';
import { Identity1764316800000 } from './1764316800000-Identity';
import { Idempotency1764316800001 } from './1764316800001-Idempotency';
import { Files1764316800002 } from './1764316800002-Files';
import { Engine1764316800003 } from './1764316800003-Engine';
import { Definitions1764316800004 } from './1764316800004-Definitions';
import { EngineOrgPaths1795885455126 } from './1795885455126-EngineOrgPaths';
import { Packs1796030000000 } from './1796030000000-Packs';
import { Scheduler1796040000000 } from './1796040000000-Scheduler';
import { Cameras1796060000000 } from './1796060000000-Cameras';
import { AiDetect1796070000000 } from './1796070000000-AiDetect';
import { ExportJobs1796120000000 } from './1796120000000-ExportJobs';
import { CameraPictures1796150000000 } from './1796150000000-CameraPictures';
import { AiDatasetOrgs1796150000001 } from './1796150000001-AiDatasetOrgs';
import { AiModelOrgVersions1796160000000 } from './1796160000000-AiModelOrgVersions';
import { Notifications1796140000000 } from './1796140000000-Notifications';

/**
 * Every migration of SafeFlow, oldest first. Migrations are immutable once
 * landed, timestamped (`<name><epoch ms>` class names) and reversible; each
 * is written once for SQLite and MySQL/MariaDB through the helpers in
 * `columns.ts`. Add new ones at the end.
 */
export const migrations: Array<new () => MigrationInterface> = [
  Identity1764316800000,
  Idempotency1764316800001,
  Files1764316800002,
  Engine1764316800003,
  Definitions1764316800004,
  EngineOrgPaths1795885455126,
  Packs1796030000000,
  Scheduler1796040000000,
  Cameras1796060000000,
  AiDetect1796070000000,
  ExportJobs1796120000000,
  Notifications1796140000000,
  CameraPictures1796150000000,
  AiDatasetOrgs1796150000001,
  AiModelOrgVersions1796160000000,
];

export { col, isMysql, mutableColumns } from './columns';
