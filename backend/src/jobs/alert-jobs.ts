import { isStorageFull, storageErrorOf } from '../db/db-errors.ts';
import { requeueByReason } from '../db/outbox.repository.ts';
import type { Deps } from '../deps.ts';
import type { WorkKind } from '../zalo/runtime.ts';
import { runDigests } from './digest.ts';
import { runCaseEscalation } from './case-escalation.ts';
import { runEvaluations } from './evaluations.ts';
import { runReminders } from './reminders.ts';
import { Dispatcher } from './dispatcher.ts';
import { processEvents } from './zalo-events.ts';

export interface AlertJobs {
  dispatcher: Dispatcher;
  /** Runs every job once now (tests, operators). */
  tick(): Promise<void>;
  /** Lets running work finish (bounded), then stops; nothing is lost either way. */
  stop(): Promise<void>;
}

type Job = 'outbox' | 'events' | 'digest' | 'daily';

/** Reminders, overdue cases and period-end evaluations are due by the day: every ten minutes is plenty, and spares a units scan per poll. */
const DAILY_EVERY_MS = 10 * 60_000;

/**
 * The background side of one replica: the outbox dispatcher, the webhook event processor and
 * the digest scheduler, and the daily work (period-end evaluations, overdue cases, publication reminders), each polled every ALERT_POLL_MS and woken early by the doorbell. Each
 * job runs one at a time per process; across replicas leases and unique rows keep them safe.
 */
export function startAlertJobs(deps: Deps, opts: { pollMs?: number } = {}): AlertJobs {
  const dispatcher = new Dispatcher(deps);
  const running = new Map<Job, Promise<void>>();
  const again = new Set<Job>();
  let stopping = false;
  let lastDaily = -Infinity;
  const evaluated: { period?: string } = {};

  const work: Record<Job, () => Promise<unknown>> = {
    outbox: () => dispatcher.drain(),
    events: () => processEvents(deps),
    digest: () => runDigests(deps),
    daily: async () => {
      if (deps.now().getTime() - lastDaily < DAILY_EVERY_MS) return;
      lastDaily = deps.now().getTime();
      await runEvaluations(deps, evaluated);
      await runCaseEscalation(deps);
      await runReminders(deps);
    },
  };

  const run = (job: Job): Promise<void> => {
    if (stopping) return Promise.resolve();
    const current = running.get(job);
    if (current) {
      again.add(job);
      return current;
    }
    const p = (async () => {
      try {
        do {
          again.delete(job);
          await work[job]();
        } while (again.has(job) && !stopping);
      } catch (err) {
        // A full disk is told once a minute by the storage health, not once per poll and job.
        if (isStorageFull(err)) deps.storage.failed(storageErrorOf(err));
        else deps.logger.warn('alert job failed', { job, err: err instanceof Error ? err.message : String(err) });
      } finally {
        running.delete(job);
      }
    })();
    running.set(job, p);
    return p;
  };

  const tick = async () => {
    await run('events');
    await Promise.all([run('outbox'), run('digest'), run('daily')]);
  };

  const unsubscribe = deps.zalo.onWork((kind: WorkKind) => void (kind === 'events' ? run('events').then(() => run('outbox')) : run('outbox')));
  const timer = setInterval(() => void tick(), opts.pollMs ?? deps.config.ALERT_POLL_MS);
  timer.unref();
  // A server that now has OA keys sends what waited for them.
  if (deps.config.ZALO_OA_ACCESS_TOKEN) void requeueByReason(deps.db.kysely, ['oa_not_configured'], deps.now()).then((n) => n > 0 && deps.zalo.notify('outbox'), () => {});
  void tick();

  return {
    dispatcher,
    tick,
    async stop() {
      stopping = true;
      clearInterval(timer);
      unsubscribe();
      const settled = Promise.allSettled([...running.values()]);
      await Promise.race([settled, new Promise((r) => setTimeout(r, 3000).unref())]);
      dispatcher.kill();
    },
  };
}
