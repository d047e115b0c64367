import crypto from 'node:crypto';
import mysql from 'mysql2/promise';

/**
 * For tests: when `DATABASE_URL` points at MySQL/MariaDB, creates a fresh,
 * uniquely named database on that server and returns its URL and a drop
 * function; otherwise returns undefined (tests then use a fresh SQLite file).
 * The server user needs CREATE/DROP rights (CI grants them).
 */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const base = process.env.DATABASE_URL;
  if (!base || !/^(mysql|mariadb):\/\//.test(base)) return undefined;
  const u = new URL(base.replace(/^mariadb:/, 'mysql:'));
  const name = `sf_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = await mysql.createConnection({
        host: u.hostname,
        port: Number(u.port || 3306),
        user: decodeURIComponent(u.username),
        password: decodeURIComponent(u.password),
      });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
