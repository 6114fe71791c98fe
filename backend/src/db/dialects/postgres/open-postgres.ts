import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { CreateDbOptions, Db } from '../../create-db.ts';
import type { Database } from '../../schema.ts';
import { PgPipelineDialect } from './pipeline.ts';

/** A PostgreSQL pool (pg), in pipeline mode for the writer's connections. */
export function openPostgres(url: string, options: CreateDbOptions): Db {
  const pipeline = options.pgPipeline === true;
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, pipeline });
  // An idle connection dropped by the server (restart, failover) is discarded by the pool and
  // replaced on the next query; without a listener pg would throw it as an uncaught error.
  pool.on('error', (err) => options.onIdleError?.(err));
  const kysely = new Kysely<Database>({ dialect: pipeline ? new PgPipelineDialect({ pool }) : new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    pipeline,
    close: () => kysely.destroy(),
  };
}
