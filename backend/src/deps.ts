import type { Config } from './config.ts';
import type { Db } from './db/create-db.ts';
import type { Logger } from './logger.ts';
import type { FormCatalog } from './services/forms.service.ts';
import type { Metrics } from './services/metrics.ts';
import type { PointCache } from './services/point-cache.ts';
import type { ResponseSink } from './write-path/writer.ts';
import type { StorageHealth } from './services/storage-health.ts';
import type { ZaloRuntime } from './zalo/runtime.ts';

/** What every service and route gets; built once in server.ts (or a test, or a script). */
export interface Deps {
  db: Db;
  config: Config;
  now: () => Date;
  logger: Logger;
  /** The one writer of responses in this process (group commit), in this thread or its own. */
  writer: ResponseSink;
  /** Points with their active officers and fields, for the response hot path. */
  points: PointCache;
  /** Form versions, read once and kept (a version never changes once it has responses). */
  forms: FormCatalog;
  /** Prometheus metrics of this process (GET /metrics). */
  metrics: Metrics;
  /** Zalo OA client, shared token store, and the doorbell for the alert jobs. */
  zalo: ZaloRuntime;
  /** Whether writes fail for want of space (/healthz, /metrics, one log line per minute). */
  storage: StorageHealth;
}
