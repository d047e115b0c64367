import type { CliCommand } from './CliCommand';
import { migrateCommand } from './migrateCommand';
import { startCommand } from './startCommand';
import { userCreateCommand } from './userCreateCommand';
import { auditVerifyCommand } from './auditVerifyCommand';
import { workerCredentialCommand } from '../engine/auth/workerCredentialCommand';
import { packCommand } from '../packs/packCommand';

/** Every `safeflow` sub-command. Features add theirs here (one line each). */
export const commands: CliCommand[] = [startCommand, migrateCommand, userCreateCommand, auditVerifyCommand, workerCredentialCommand, packCommand];
