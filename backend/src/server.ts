import type { Server } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createDb } from './db/create-db.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createApp } from './http/create-app.ts';
import { defaultMaxConnections, guardConnections, serverOptionsFor, type ConnectionGuard, type ConnectionLimits } from './http/connection-guard.ts';
import { createLogger } from './logger.ts';
import { bannerLines } from './banner.ts';
import { listUnits } from './db/units.repository.ts';
import { demoInfo, seedDemoIfEmpty } from './services/demo.service.ts';
import type { Deps } from './deps.ts';
import { createDeps } from './services/context.ts';
import { startAlertJobs } from './jobs/alert-jobs.ts';
import { startRollupJob } from './jobs/rollups.ts';

export interface RunningServer {
  url: string;
  deps: Deps;
  /** Sockets per address and those refused (tests). */
  connections: ConnectionGuard;
  close(): Promise<void>;
}

function connectionLimits(config: Config): ConnectionLimits {
  return {
    perAddress: config.MAX_CONNECTIONS_PER_ADDRESS,
    total: config.MAX_CONNECTIONS ?? defaultMaxConnections(),
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
  };
}

/** The only place that opens the port and the database. */
export async function startServer(config: Config): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL);
  const db = createDb(config.DATABASE_URL, {
    sqliteSynchronous: config.SQLITE_SYNCHRONOUS,
    poolSize: config.PG_POOL_SIZE,
    onIdleError: (err) => logger.warn('idle database connection failed', { err: err.message }),
    // Throughput falls and the writer thread's WAL grows to its backstop: worth an operator's look.
    onCheckpointerError: (err) => logger.error('WAL checkpointer thread failed; SQLite checkpoints inside commits again', { err: err.message }),
  });
  await migrateToLatest(db);
  const fileSqlite = db.dialect === 'sqlite' && !config.DATABASE_URL.startsWith('sqlite::memory:');
  const deps: Deps = createDeps({
    db,
    config,
    logger,
    defaultMetrics: true,
    ...((fileSqlite && config.SQLITE_WRITER_THREAD) || (db.dialect === 'postgres' && config.PG_WRITER_THREAD) ? { writerThread: { databaseUrl: config.DATABASE_URL } } : {}),
  });
  if (config.SEED_DEMO && (await seedDemoIfEmpty(deps))) logger.info('demo unit created');

  await deps.writer.ready();
  const app = createApp(deps, { benchRoutes: config.BENCH_ROUTES });
  // Outbox dispatcher, webhook event processor, daily digest (issue 6); stopped before the database closes.
  const jobs = config.ALERT_JOBS_ENABLED ? startAlertJobs(deps) : null;
  // Monthly roll-ups for comparisons across units (jobs/rollups.ts); comparisons stay exact without them, only slower.
  const rollups = config.ROLLUP_EVERY_MS > 0 ? startRollupJob(deps, config.ROLLUP_EVERY_MS) : null;
  const limits = connectionLimits(config);
  let listening: () => void = () => {};
  const listened = new Promise<void>((res) => (listening = res));
  const server: ServerType = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions: serverOptionsFor(limits) }, () => listening());
  const connections = guardConnections(server as Server, limits);
  await listened;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const url = `http://${host}:${port}`;
  logger.info('listening', { url, dialect: db.dialect });
  // Reports parse their fonts and load exceljs once per process: do it now, off the first clerk's clock.
  setTimeout(() => void import('./services/report/warm-up.ts').then((m) => m.warmUpReports()).catch((e: unknown) => logger.warn('report warm-up failed', { error: String(e) })), 1000).unref();

  return {
    url,
    deps,
    connections,
    close: () =>
      new Promise<void>((res) => {
        server.close(
          () =>
            void (jobs ? jobs.stop() : Promise.resolve())
              .then(() => rollups?.stop())
              .then(() => deps.writer.close())
              .then(() => db.close())
              .then(res, res),
        );
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`hai-long: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const running = await startServer(config);
  const demo = config.SEED_DEMO ? await demoInfo(running.deps) : undefined;
  if (demo) running.deps.logger.info('demo', { demo });
  const units = await listUnits(running.deps.db.kysely);
  process.stdout.write(`${bannerLines({ url: running.url, units, demo, adminEnabled: Boolean(config.ADMIN_TOKEN) }).join('\n')}\n`);
  const stop = (signal: string) => {
    running.deps.logger.info('stopping', { signal, writer: running.deps.writer.stats });
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

// Run when executed directly (tsx backend/src/server.ts or scripts/start.mjs), not when imported by tests.
if (process.argv[1] && /server\.ts$/.test(process.argv[1])) await main();

export { main };
