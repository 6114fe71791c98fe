import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';

/** How long a statement waits for another connection's write lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export interface BusyWait {
  timeoutMs: number;
  /** Waits before the attempt-th retry (0-based). */
  sleep: (attempt: number) => Promise<void> | void;
}

/** On a timer: the event loop goes on serving requests meanwhile. 1, 2, 3… ms, at most 10. */
export const sleepTimer = (attempt: number) => new Promise<void>((res) => setTimeout(res, Math.min(1 + attempt, 10)));

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Sleeps the whole thread: 50 µs, doubling, at most 1 ms (only for a thread with nothing else to do). */
export const sleepThread = (attempt: number) => void Atomics.wait(sleepCell, 0, 0, Math.min(0.05 * 2 ** attempt, 1));

/**
 * A statement that found the write lock taken (SQLITE_BUSY: `begin immediate`, or a write
 * outside a transaction) is tried again after busy.sleep, until busy.timeoutMs has passed. Inside
 * a transaction begun IMMEDIATE the lock is already ours, so a retried statement never repeats
 * work: SQLITE_BUSY means the statement did nothing.
 */
export function retryingWhenBusy(connection: DatabaseConnection, busy: BusyWait): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const deadline = Date.now() + busy.timeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return await connection.executeQuery<R>(query);
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_BUSY_RECOVERY') || Date.now() >= deadline) throw err;
          await busy.sleep(attempt);
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

