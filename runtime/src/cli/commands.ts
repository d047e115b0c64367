import type { CliCommand } from './CliCommand';
import { migrateCommand } from './migrateCommand';
import { startCommand } from './startCommand';
import { userCreateCommand } from './userCreateCommand';
import { auditVerifyCommand } from './auditVerifyCommand';

/** Every `safeflow` sub-command. Features add theirs here (one line each). */
export const commands: CliCommand[] = [startCommand, migrateCommand, userCreateCommand, auditVerifyCommand];
