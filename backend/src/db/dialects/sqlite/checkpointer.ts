import { Worker } from 'node:worker_threads';
import { siblingModule, spawnModuleWorker } from '../../../ts-worker.ts';

/** What the checkpointer thread has done since it started. */
export interface CheckpointerStats {
  /** PASSIVE passes. */
  passes: number;
  /** Syncs of the database file after a pass that copied pages. */
  fileSyncs: number;
  /** RESTART passes that took the write lock. */
  restarts: number;
}

export interface Checkpointer {
  /** Resolves once the thread runs its timer (loading it under tsx takes a moment); also if it failed. */
  ready(): Promise<void>;
  stats(): Promise<CheckpointerStats>;
  stop(): Promise<void>;
}

/** What the thread is started with. */
export interface CheckpointerData {
  /** The driver module to load (better-sqlite3; tests: one that fails). */
  driver: string;
  file: string;
  everyMs: number;
  restartFrames: number;
}

/**
 * WAL length (frames) at which the checkpointer thread also tries to restart the WAL.
 * - A RESTART holds the write lock while it copies the frames committed since the last PASSIVE
 *   pass and syncs the WAL and the database file. Each pass syncs the database file first,
 *   without the lock (see startCheckpointer), so the RESTART's syncs flush only its own few
 *   hundred frames: 2-10 ms, median 6, however large the database (timed in the thread).
 * - Before that sync existed, the RESTART flushed every page PASSIVE passes had copied since the
 *   last restart and held the lock 21 ms at first, 60-105 ms once the one-unit bench's database
 *   held ~700,000 responses; the store p99 then climbed round after round (14, 16, 22, 16, 31,
 *   68 ms), and restarts had to be rare (128,000 frames, one every ~4.5 s).
 * - With the sync, 6 rounds of the one-unit bench (wrk, ~11k stores/s): store p99 12.1-15.5 ms at
 *   128,000 frames, 11.3-13.1 ms at 32,000 (a restart every ~1.1 s), 13-14.7 ms at 8,000 (where
 *   two of three restart attempts found the writer busy).
 * - At 1,000 frames a national day's ~4,000 frames per 100 ms tick outran the writer's backstop
 *   and it copied inside its commits (bench:ingest 67-79 s, then 60-67 s at 8,000).
 * 32,000 frames are 125 MB of WAL, reached only under a sustained load: a server with pauses
 * between commits starts its WAL over by itself once every frame is copied.
 */
export const WAL_RESTART_FRAMES = 32_000;

/**
 * `wal_autocheckpoint` of connections whose WAL a checkpointer thread copies: only a backstop for
 * when restarts keep failing (the thread tries once per tick, without waiting), 32 ticks of a
 * national day's writes past the restart point. The WAL file keeps the largest size it reached:
 * at most 250 MB.
 */
export const WAL_BACKSTOP_PAGES = 2 * WAL_RESTART_FRAMES;

/**
 * SQLite's automatic checkpoint runs inside the commit that crosses 1000 WAL pages, on the
 * writer's thread: under load about 40 % of the writer's time went to copying pages. A PASSIVE
 * checkpoint from a second connection copies the same pages on the other core without taking
 * the write lock, so commits only append to the WAL.
 *
 * A PASSIVE checkpoint never restarts the WAL, though: only a writer does, and only when every
 * frame has been copied at the moment it begins, which under steady load never happens. The WAL
 * then grew to the writer's backstop and the writer copied the rest inside a commit (10-15 ms
 * stalls, measured, each second or so). So once the WAL holds WAL_RESTART_FRAMES, the thread
 * follows its PASSIVE pass with a RESTART one: with busy_timeout 0 it takes the write lock only
 * if the writer is between transactions, copies the few frames committed meanwhile, and lets
 * the next commit start the WAL from the beginning; otherwise it gives up until the next tick.
 *
 * A PASSIVE pass that ends while a newer commit is in the WAL (always, under load) leaves the
 * pages it copied unsynced in the database file: SQLite syncs them only in a pass that copies
 * every frame, that is in the RESTART, under the write lock (fsync of the database file 63 ms,
 * strace, with ~4 s of copied pages on a 365 MB file). So after each pass that copied pages the
 * thread syncs the file itself, without any lock; should that fail, the RESTART still syncs.
 * The thread runs checkpointer-worker.ts.
 */
export function startCheckpointer(data: CheckpointerData, onFailure: (err: Error) => void): Checkpointer {
  const worker: Worker = spawnModuleWorker(siblingModule(import.meta.url, 'checkpointer-worker'), data);
  worker.unref();
  let exited = false;
  const done = new Promise<void>((res) => worker.once('exit', () => res()));
  void done.then(() => (exited = true));
  worker.on('error', onFailure);
  let onReady: () => void = () => {};
  const ready = new Promise<void>((res) => (onReady = res));
  void done.then(() => onReady());
  const statsWaiting: ((s: CheckpointerStats) => void)[] = [];
  worker.on('message', (m: 'ready' | { stats: CheckpointerStats }) => {
    if (m === 'ready') onReady();
    else statsWaiting.shift()?.(m.stats);
  });
  return {
    ready: () => ready,
    stats: () =>
      new Promise((res, rej) => {
        if (exited) return rej(new Error('the checkpointer thread has stopped'));
        statsWaiting.push(res);
        worker.postMessage('stats');
      }),
    stop: () => {
      // Referenced again so that the process waits for the thread to close its connection.
      if (!exited) {
        worker.ref();
        worker.postMessage('stop');
      }
      return done;
    },
  };
}
