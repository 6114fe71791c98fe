// The WAL checkpointer thread (see checkpointer.ts): its own connection to the database file,
// copying the WAL into it on a timer, so that commits elsewhere only append to the WAL.
import { closeSync, fdatasyncSync, openSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointerData, CheckpointerStats } from './checkpointer.ts';

type CheckpointRow = { busy: number; log: number; checkpointed: number };
interface Connection {
  pragma(source: string): unknown;
  close(): void;
}

const port = parentPort!;
const data = workerData as CheckpointerData;
// The driver by path: tests hand it one that fails to load.
const { default: Driver } = (await import(data.driver)) as { default: new (file: string) => Connection };
const db = new Driver(data.file);
db.pragma('busy_timeout = 0');
const fd = openSync(data.file, 'r');
const stats: CheckpointerStats = { passes: 0, fileSyncs: 0, restarts: 0 };
let copied = 0;

function tick(): void {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
    if (!r) return;
    stats.passes++;
    if (r.checkpointed !== copied) {
      copied = r.checkpointed;
      try {
        fdatasyncSync(fd);
        stats.fileSyncs++;
      } catch {
        /* the RESTART syncs instead, under the lock */
      }
    }
    // Under steady writes the WAL never empties by itself: restart it while it is short.
    if (r.log >= data.restartFrames && (db.pragma('wal_checkpoint(RESTART)') as CheckpointRow[])[0]?.busy === 0) stats.restarts++;
  } catch {
    /* closing: next tick */
  }
}

const timer = setInterval(tick, data.everyMs);
port.postMessage('ready');
port.on('message', (m: 'stats' | 'stop') => {
  if (m === 'stats') return port.postMessage({ stats: { ...stats } });
  clearInterval(timer);
  db.close();
  closeSync(fd);
  port.close();
});
