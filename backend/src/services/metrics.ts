import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one process. A registry per Deps (not prom-client's global one), so
 * tests that build many apps in one process do not collide.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'hailong_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'hailong_http_request_duration_seconds',
    help: 'HTTP request latency by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly responsesStored = new Counter({
    name: 'hailong_responses_stored_total',
    help: 'Citizen responses committed (retries of a stored clientId not counted)',
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'hailong_response_batch_size',
    help: 'Responses committed per group-commit transaction',
    buckets: [1, 2, 5, 10, 25, 50, 100, 256],
    registers: [this.registry],
  });
  readonly alertFailures = new Counter({
    name: 'hailong_alert_failures_total',
    help: 'Alert deliveries that failed (each attempt)',
    registers: [this.registry],
  });
  readonly loginAttempts = new Counter({
    name: 'hailong_login_attempts_total',
    help: 'Password sign-ins by outcome: ok, failed, limited (too many failures), busy (hashing queue full)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly storageFailures = new Counter({
    name: 'hailong_storage_failures_total',
    help: 'Database writes that failed for want of space (disk full), by error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  #outboxDepth: () => Promise<number> = async () => 0;
  #storageFailing: () => boolean = () => false;

  constructor(opts: { defaultMetrics?: boolean } = {}) {
    const self = this;
    new Gauge({
      name: 'hailong_outbox_depth',
      help: 'Alerts waiting in the outbox to be delivered',
      registers: [this.registry],
      async collect() {
        this.set(await self.#outboxDepth());
      },
    });
    new Gauge({
      name: 'hailong_storage_failing',
      help: '1 while database writes fail for want of space (see /healthz), else 0',
      registers: [this.registry],
      collect() {
        this.set(self.#storageFailing() ? 1 : 0);
      },
    });
    if (opts.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'hailong_' });
  }

  /** The storage health tells whether writes fail. */
  setStorageFailing(provider: () => boolean): void {
    this.#storageFailing = provider;
  }

  /** The alert pipeline tells how to count its outbox. */
  setOutboxDepth(provider: () => Promise<number>): void {
    this.#outboxDepth = provider;
  }
}
