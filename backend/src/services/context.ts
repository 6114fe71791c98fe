import type { Config } from '../config.ts';
import type { Db } from '../db/create-db.ts';
import type { Deps } from '../deps.ts';
import { createLogger, type Logger } from '../logger.ts';
import { Metrics } from './metrics.ts';
import { FormCatalog } from './forms.service.ts';
import { PointCache } from './point-cache.ts';
import { StorageHealth } from './storage-health.ts';
import { ResponseWriter, type ResponseSink } from '../write-path/writer.ts';

import { appendHooks } from '../write-path/hooks.ts';
import { ThreadedResponseWriter } from '../write-path/writer-thread.ts';
import { ZaloRuntime } from '../zalo/runtime.ts';

export function createDeps(parts: {
  db: Db;
  config: Config;
  now?: () => Date;
  logger?: Logger;
  defaultMetrics?: boolean;
  /** Write responses from a worker thread with its own connection (a SQLite file only: server.ts). */
  writerThread?: { databaseUrl: string };
}): Deps {
  const metrics = new Metrics({ defaultMetrics: parts.defaultMetrics ?? false });
  const now = parts.now ?? (() => new Date());
  const logger = parts.logger ?? createLogger(parts.config.LOG_LEVEL);
  const zalo = new ZaloRuntime({ db: parts.db, config: parts.config, now, logger });
  const storage = new StorageHealth({ logger, now, onFailure: (code) => metrics.storageFailures.inc({ code }) });
  metrics.setStorageFailing(() => storage.status() !== null);
  const onCommitted = (batch: number, created: number) => {
    metrics.batchSize.observe(batch);
    metrics.responsesStored.inc(created);
    storage.recovered();
    zalo.afterCommit();
  };
  const onAlert = () => zalo.markOutboxPending();
  const onStorageFull = (failure: { code: string; message: string }) => storage.failed(failure);
  let writer: ResponseSink;
  if (parts.writerThread) {
    writer = new ThreadedResponseWriter({ databaseUrl: parts.writerThread.databaseUrl, config: parts.config, onCommitted, onAlert, onStorageFull, logger });
  } else {
    const local = new ResponseWriter(parts.db, { onCommitted, onStorageFull });
    for (const hook of appendHooks(parts.config, onAlert)) local.onAppended(hook);
    writer = local;
  }
  return {
    db: parts.db,
    config: parts.config,
    now,
    logger,
    writer,
    points: new PointCache(),
    forms: new FormCatalog(),
    metrics,
    zalo,
    storage,
  };
}
