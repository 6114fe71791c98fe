import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every setting the server reads; the only reader of process.env (see API.md's table). */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(0, 65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must be sqlite:<path>, sqlite::memory: or postgres://…')
    .default('sqlite:./data/hailong.db'),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where a generated APP_SECRET is kept in development. */
  APP_SECRET_FILE: z.string().default('./data/app-secret'),
  ZALO_MINI_APP_ID: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').default('demo'),
  PUBLIC_URL: z.url().optional(),
  ZALO_APP_ID: z.string().optional(),
  ZALO_APP_SECRET: z.string().optional(),
  ZALO_OA_SECRET_KEY: z.string().optional(),
  ZALO_OA_ACCESS_TOKEN: z.string().optional(),
  ZALO_OA_REFRESH_TOKEN: z.string().optional(),
  ZALO_OPENAPI_URL: z.url().default('https://openapi.zalo.me'),
  ZALO_OAUTH_URL: z.url().default('https://oauth.zaloapp.com'),
  ZALO_GRAPH_URL: z.url().default('https://graph.zalo.me'),
  ZALO_BUSINESS_URL: z.url().default('https://business.openapi.zalo.me'),
  /** ZNS template for recipients outside the OA's 7-day window; without it such alerts wait in the staff list. */
  ZALO_TEMPLATE_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  /** Timeout of each call to Zalo (OA messages, token refresh, ZNS). */
  ZALO_HTTP_TIMEOUT_MS: int(100, 60_000).default(5000),
  /** Timeout of the Mini App user check on the response path; past it the response is stored unverified. */
  ZALO_VERIFY_TIMEOUT_MS: int(50, 10_000).default(1500),
  /** One response per verified Zalo user per point within this window (else 409). */
  ZALO_DEDUP_WINDOW_MINUTES: int(0, 7 * 24 * 60).default(120),
  /** Webhook events older than this (by their timestamp) are rejected as replays. */
  WEBHOOK_MAX_AGE_SECONDS: int(10, 86_400).default(300),
  /** How long a staff link code stays valid. */
  ZALO_LINK_CODE_TTL_MINUTES: int(1, 24 * 60).default(15),
  /** Daily digest, Vietnam local time HH:MM. */
  ALERT_DIGEST_TIME: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24 h)').default('17:30'),
  /** Days before a publication due date (calendar.ts) that the clerk and chairman are reminded; 0 = no reminders. */
  REPORT_REMINDER_DAYS: int(0, 60).default(3),
  /** Seconds a kiosk's half-filled form waits untouched before it is cleared for the next citizen. */
  KIOSK_IDLE_SECONDS: int(5, 3600).default(90),
  /** An officer's instant threshold alert needs at least this many responses in the period (the flag itself needs none). */
  ALERT_MIN_RESPONSES: int(1, 1000).default(10),
  /** The period an officer's share is counted over for alerts, and evaluated at the end of. */
  ALERT_PERIOD: z.enum(['month', 'quarter']).default('month'),
  /** Working days a case (misconduct report, very dissatisfied with a comment) has before it is overdue. */
  CASE_DUE_WORKING_DAYS: int(1, 60).default(5),
  /** Working days between escalation steps of an overdue case: owner, then chairman, then the parent unit's supervisors. */
  CASE_ESCALATION_STEP_DAYS: int(1, 30).default(2),
  /** Alerts go to the chairman; also to the clerk when true. */
  ALERT_NOTIFY_CLERK: bool.default(true),
  /** Send attempts per message before it is marked failed. */
  ALERT_MAX_ATTEMPTS: int(1, 50).default(8),
  /** First retry delay; doubles per attempt (with jitter), capped at 6 h. */
  ALERT_RETRY_BASE_SECONDS: int(1, 3600).default(30),
  /** How often the dispatcher, webhook processor and digest scheduler look for work. */
  ALERT_POLL_MS: int(50, 600_000).default(5000),
  /** Run the dispatcher and the digest scheduler in this process (server.ts). */
  ALERT_JOBS_ENABLED: bool.default(true),
  /** How often the monthly roll-ups of the tallies (comparisons across units) catch up with new responses; 0: never (comparisons then read the tallies). */
  ROLLUP_EVERY_MS: int(0, 3_600_000).default(60_000),
  /** NORMAL: no committed response is lost when the process dies; FULL: none is lost on power loss either. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /**
   * SQLite files: write responses from a worker thread with its own connection, so that HTTP
   * and the database work on both cores. false: in the request thread.
   */
  SQLITE_WRITER_THREAD: bool.default(true),
  /**
   * PostgreSQL: write responses from the same worker thread, with its own two connections. The
   * batch's JavaScript (hashing, query building, the pg protocol) then runs beside HTTP instead
   * of on the request thread, which was the busiest thread in the one-unit bench.
   */
  PG_WRITER_THREAD: bool.default(true),
  PG_POOL_SIZE: int(1, 200).default(10),
  /** Per source address and QR point: a burst, then a steady refill per hour. */
  RATE_LIMIT_POINT_BURST: int(1, 1_000_000).default(10),
  RATE_LIMIT_POINT_PER_HOUR: int(1, 100_000_000).default(60),
  /** Per source address across all points (a shared commune Wi-Fi stays well under it). */
  RATE_LIMIT_SOURCE_BURST: int(1, 1_000_000).default(60),
  RATE_LIMIT_SOURCE_PER_HOUR: int(1, 100_000_000).default(600),
  RATE_LIMIT_ENABLED: bool.default(true),
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you run). */
  TRUST_PROXY: bool.default(false),
  SESSION_TTL_HOURS: int(1, 24 * 30).default(12),
  /** Enumerators work whole days offline and cannot sign in again without a network: a longer session, for that role only. */
  ENUMERATOR_SESSION_TTL_HOURS: int(1, 24 * 30).default(72),
  BODY_LIMIT_BYTES: int(1024, 1_048_576).default(16_384),
  /** The request head must arrive within this (slow clients hold sockets). */
  HTTP_HEADERS_TIMEOUT_MS: int(500, 120_000).default(10_000),
  /** The whole request, body included, must arrive within this (Node's default is 300 s). */
  HTTP_REQUEST_TIMEOUT_MS: int(1000, 600_000).default(30_000),
  /** An idle keep-alive socket is closed after this. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: int(100, 120_000).default(5000),
  /** Sockets one remote address may hold at once; 0 = no cap (behind a reverse proxy, which caps per client itself). */
  MAX_CONNECTIONS_PER_ADDRESS: int(0, 1_000_000).default(128),
  /** Sockets the server holds at once; default: the open-file limit less 256. */
  MAX_CONNECTIONS: int(16, 1_000_000).optional(),
  CORS_ORIGINS: z.string().default(''),
  SEED_DEMO: bool.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  MINI_APP_DIR: z.string().default('./mini-app/www'),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Mounts the validate-only baseline route for `npm run bench`; never in production. */
  BENCH_ROUTES: bool.default(false),
});

export type Env = z.infer<typeof envSchema>;

export interface Config extends Omit<Env, 'APP_SECRET' | 'PUBLIC_URL' | 'CORS_ORIGINS' | 'SEED_DEMO'> {
  APP_SECRET: string;
  PUBLIC_URL: string;
  CORS_ORIGINS: string[];
  SEED_DEMO: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Zalo's Mini App web views; configured sites are added to these. */
export const MINI_APP_ORIGINS = ['https://h5.zdn.vn', 'zbrowser://h5.zdn.vn'];

/** Parses an environment; empty strings count as unset. Throws ConfigError listing every bad value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * What production refuses: settings that are safe on a developer's machine only. The demo staff's
 * passwords are printed in the README; the bench route stores nothing but answers anyone; the
 * metrics name every route and count every request.
 */
function productionProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (!env.APP_SECRET) problems.push('APP_SECRET: required in production');
  if (env.SEED_DEMO === true) problems.push('SEED_DEMO: not allowed in production (the demo accounts\' passwords are public)');
  if (env.BENCH_ROUTES) problems.push('BENCH_ROUTES: not allowed in production');
  if (!env.METRICS_TOKEN) problems.push('METRICS_TOKEN: required in production (GET /metrics is otherwise public)');
  return problems;
}

/** Completes an Env into a Config: secret (generated in development), public URL, lists. */
export function resolveConfig(env: Env): Config {
  const problems = productionProblems(env);
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  let secret = env.APP_SECRET;
  if (!secret) secret = loadOrCreateSecret(resolve(env.APP_SECRET_FILE));
  const publicUrl = (env.PUBLIC_URL ?? `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`).replace(/\/+$/, '');
  return {
    ...env,
    APP_SECRET: secret,
    PUBLIC_URL: publicUrl,
    CORS_ORIGINS: [...MINI_APP_ORIGINS, ...env.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean)],
    SEED_DEMO: env.SEED_DEMO ?? env.NODE_ENV !== 'production',
  };
}

function loadOrCreateSecret(file: string): string {
  if (existsSync(file)) {
    const s = readFileSync(file, 'utf8').trim();
    if (s.length >= 32) return s;
    throw new ConfigError(`invalid configuration:\n  APP_SECRET_FILE: ${file} holds fewer than 32 characters`);
  }
  const s = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${s}\n`, { mode: 0o600, flag: 'wx' });
  return s;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  return resolveConfig(parseEnv(source));
}
