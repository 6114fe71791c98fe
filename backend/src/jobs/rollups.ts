import { laggingUnits, refreshUnitRollup } from '../db/rollups.repository.ts';
import type { Deps } from '../deps.ts';

export interface RollupRun {
  units: number;
  /** Units rebuilt from all their tallies (no mark yet). */
  full: number;
  /** Unit-months rebuilt. */
  months: number;
  failed: number;
}

/**
 * Brings the monthly roll-ups (migration 015) up to the chain heads: unit by unit, each in a
 * short transaction of its own, so that the writer waits at most one unit's rebuild (a few ms)
 * for the lock. Nothing reads stale figures meanwhile: a comparison reads a unit behind its mark
 * from the tallies (db/comparison.repository.ts). A unit another replica is refreshing at the
 * same moment fails here harmlessly and is taken up on the next run.
 */
export async function refreshRollups(deps: Deps, opts: { maxUnits?: number; onProgress?: (done: number) => void; stopped?: () => boolean } = {}): Promise<RollupRun> {
  const run: RollupRun = { units: 0, full: 0, months: 0, failed: 0 };
  const max = opts.maxUnits ?? Number.POSITIVE_INFINITY;
  const tried = new Set<string>();
  while (run.units + run.failed < max) {
    const batch = (await laggingUnits(deps.db.kysely, 500)).filter((u) => !tried.has(u));
    if (batch.length === 0) break;
    for (const unitId of batch) {
      if (run.units + run.failed >= max || opts.stopped?.()) return run;
      tried.add(unitId);
      const now = deps.now().toISOString();
      const tx = deps.db.kysely.transaction();
      try {
        const months = await (deps.db.dialect === 'postgres' ? tx.setIsolationLevel('repeatable read') : tx).execute((trx) => refreshUnitRollup(trx, unitId, now));
        run.units++;
        if (months === null) run.full++;
        else run.months += months.length;
      } catch (err) {
        run.failed++;
        deps.logger.warn('roll-up refresh failed', { unitId, err: err instanceof Error ? err.message : String(err) });
      }
      opts.onProgress?.(run.units);
    }
  }
  return run;
}

export interface RollupJob {
  /** Runs once now (tests, operators). */
  tick(): Promise<RollupRun>;
  stop(): Promise<void>;
}

/** The roll-up refresh every `everyMs`, one run at a time; stopped before the database closes. */
export function startRollupJob(deps: Deps, everyMs: number): RollupJob {
  let current: Promise<RollupRun> | null = null;
  let stopping = false;
  const tick = () => {
    if (!current) current = refreshRollups(deps, { stopped: () => stopping }).finally(() => (current = null));
    return current;
  };
  const timer = setInterval(() => {
    if (!stopping) void tick().catch((err: unknown) => deps.logger.warn('roll-up job failed', { err: err instanceof Error ? err.message : String(err) }));
  }, everyMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopping = true;
      clearInterval(timer);
      await current?.catch(() => undefined);
    },
  };
}
