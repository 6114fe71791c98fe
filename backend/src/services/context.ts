import type { Config } from '../config.ts';
import type { Db } from '../db/create-db.ts';
import { createLogger, type Logger } from '../logger.ts';
import { Metrics } from './metrics.ts';
import { PointCache } from './point-cache.ts';
import { ResponseWriter } from './response-writer.ts';
import { alertRulesHook } from '../jobs/alert-rules.ts';
import { rejectDuplicateRespondents } from '../zalo/respondent.ts';
import { ZaloRuntime } from '../zalo/runtime.ts';

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
  /** Zalo OA client, shared token store, and the doorbell for the alert jobs. */
  zalo: ZaloRuntime;
}

export function createDeps(parts: { db: Db; config: Config; now?: () => Date; logger?: Logger; defaultMetrics?: boolean }): Deps {
  const metrics = new Metrics({ defaultMetrics: parts.defaultMetrics ?? false });
  const now = parts.now ?? (() => new Date());
  const logger = parts.logger ?? createLogger(parts.config.LOG_LEVEL);
  const zalo = new ZaloRuntime({ db: parts.db, config: parts.config, now, logger });
  const writer = new ResponseWriter(parts.db, {
    onCommitted: (batch, created) => {
      metrics.batchSize.observe(batch);
      metrics.responsesStored.inc(created);
      zalo.afterCommit();
    },
  });
  // In the insert's transaction: the duplicate-respondent check first (it may roll the batch
  // back), then the alert outbox (rules 1 and 2), so alerts exist iff their responses do.
  writer.onAppended(rejectDuplicateRespondents(parts.config.ZALO_DEDUP_WINDOW_MINUTES));
  writer.onAppended(alertRulesHook(parts.config, () => zalo.markOutboxPending()));
  return {
    db: parts.db,
    config: parts.config,
    now,
    logger,
    writer,
    points: new PointCache(),
    metrics,
    zalo,
  };
}
