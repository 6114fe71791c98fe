import type { Config } from '../config.ts';
import type { Db } from '../db/create-db.ts';
import { createLogger, type Logger } from '../logger.ts';
import { Metrics } from './metrics.ts';
import { PointCache } from './point-cache.ts';
import { ResponseWriter } from './response-writer.ts';

/** What every service and route gets; built once in server.ts (or a test, or a script). */
export interface Deps {
  db: Db;
  config: Config;
  now: () => Date;
  logger: Logger;
  /** The one writer of responses in this process (group commit). */
  writer: ResponseWriter;
  /** Points with their active officers and fields, for the response hot path. */
  points: PointCache;
  /** Prometheus metrics of this process (GET /metrics). */
  metrics: Metrics;
}

export function createDeps(parts: { db: Db; config: Config; now?: () => Date; logger?: Logger; defaultMetrics?: boolean }): Deps {
  const metrics = new Metrics({ defaultMetrics: parts.defaultMetrics ?? false });
  return {
    db: parts.db,
    config: parts.config,
    now: parts.now ?? (() => new Date()),
    logger: parts.logger ?? createLogger(parts.config.LOG_LEVEL),
    writer: new ResponseWriter(parts.db, {
      onCommitted: (batch, created) => {
        metrics.batchSize.observe(batch);
        metrics.responsesStored.inc(created);
      },
    }),
    points: new PointCache(),
    metrics,
  };
}
