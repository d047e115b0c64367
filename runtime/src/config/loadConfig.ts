import path from 'node:path';
import { z } from 'zod';
import { defaultCameraFileDirs } from '../cameras/assertCameraFile';

/** Plugins `npm start` loads when `PLUGINS` is unset. */
export const DEFAULT_PLUGINS = ['@safeflow/plugin-video-diagnostics'];

const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const pluginList = z
  .string()
  .refine((s) => splitList(s).every((n) => /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/.test(n)), 'a comma-separated list of npm package names');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(mysql|mariadb):\/\//, 'DATABASE_URL must start with mysql:// or mariadb://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(30 * 24 * 3600),
  ENGINE_URL: z.string().url().regex(/^https?:\/\//, 'ENGINE_URL must start with http:// or https://').optional().or(z.literal('').transform(() => undefined)),
  ENGINE_USERNAME: z.string().min(1).optional().or(z.literal('').transform(() => undefined)),
  ENGINE_PASSWORD: z.string().min(1).optional().or(z.literal('').transform(() => undefined)),
  ENGINE_TOKEN: z.string().min(1).optional().or(z.literal('').transform(() => undefined)),
  ENGINE_TIMEOUT_MS: z.coerce.number().int().positive().max(600_000).default(30_000),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  PLUGINS: pluginList.default(DEFAULT_PLUGINS.join(',')),
  EXTERNAL_PLUGINS: pluginList.default(''),
  CAMERA_FILE_DIRS: z.string().default(''),
  REMOTE_WORKER_TOPICS: z
    .string()
    .default('')
    .refine((s) => splitList(s).every((t) => /^[a-z][a-z0-9._-]{0,99}$/.test(t)), 'REMOTE_WORKER_TOPICS: comma-separated topics (lower case, digits, . _ -)'),
})
  .refine((e) => !e.ENGINE_USERNAME === !e.ENGINE_PASSWORD, { message: 'ENGINE_USERNAME and ENGINE_PASSWORD go together', path: ['ENGINE_PASSWORD'] })
  .refine((e) => !(e.ENGINE_TOKEN && e.ENGINE_USERNAME), { message: 'use ENGINE_TOKEN or ENGINE_USERNAME/ENGINE_PASSWORD, not both', path: ['ENGINE_TOKEN'] });

/** Runtime configuration, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the data directory (SQLite file, files, signing secret). */
  dataDir: string;
  /** `mysql://...` for MySQL/MariaDB; undefined = SQLite at `$dataDir/safeflow.db`. */
  databaseUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  maxUploadBytes: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** External Camunda 7 / Operaton REST endpoint; undefined = SafeFlow's own engine. */
  engineUrl?: string;
  /** Basic credentials for `ENGINE_URL` (a user of the remote engine). */
  engineUsername?: string;
  enginePassword?: string;
  /** Bearer token for `ENGINE_URL` (instead of username/password). */
  engineToken?: string;
  /** Timeout of one call to `ENGINE_URL`, ms (default 30 s). */
  engineTimeoutMs: number;
  /** Create demo organisations and users on an empty database. */
  seedDemo: boolean;
  /** Plugin packages to load (`PLUGINS`, comma-separated; default {@link DEFAULT_PLUGINS}); their workers run in this node. */
  plugins: string[];
  /** Plugin packages whose task types are listed but whose workers run elsewhere (`safeflow worker --plugin`). */
  externalPlugins: string[];
  /** Topics served by workers outside SafeFlow (`REMOTE_WORKER_TOPICS`): deploys may use them. */
  remoteWorkerTopics: string[];
  /** Folders file cameras may read from (`CAMERA_FILE_DIRS`, comma-separated; default `$DATA_DIR/camera-files`, `$DATA_DIR/demo-cameras`). */
  cameraFileDirs: string[];
}

/**
 * Reads the configuration from `env` (default `process.env`), validating it
 * with zod. Throws a readable error listing every bad variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    engineUrl: e.ENGINE_URL,
    engineUsername: e.ENGINE_USERNAME,
    enginePassword: e.ENGINE_PASSWORD,
    engineToken: e.ENGINE_TOKEN,
    engineTimeoutMs: e.ENGINE_TIMEOUT_MS,
    seedDemo: e.SEED_DEMO === 'true',
    plugins: splitList(e.PLUGINS),
    externalPlugins: splitList(e.EXTERNAL_PLUGINS),
    remoteWorkerTopics: splitList(e.REMOTE_WORKER_TOPICS),
    cameraFileDirs: e.CAMERA_FILE_DIRS ? splitList(e.CAMERA_FILE_DIRS).map((d) => path.resolve(d)) : defaultCameraFileDirs(path.resolve(e.DATA_DIR)),
    ...overrides,
  };
}
