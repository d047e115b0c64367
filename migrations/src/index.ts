import type { MigrationInterface } from 'typeorm';

/**
 * Every migration of SafeFlow, oldest first. Migrations are immutable once
 * landed, timestamped (`<name><epoch ms>` class names) and reversible; each
 * is written once for SQLite and MySQL/MariaDB through the helpers in
 * `columns.ts`. Add new ones at the end.
 */
export const migrations: Array<new () => MigrationInterface> = [];

export { col, isMysql, mutableColumns } from './columns';
