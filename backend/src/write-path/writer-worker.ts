// The response writer thread (see writer-thread.ts): its own connection, the same ResponseWriter
// and in-transaction hooks as the in-thread writer, answers sent back once committed.
import { parentPort, workerData } from 'node:worker_threads';
import { createDb, WAL_BACKSTOP_PAGES } from '../db/create-db.ts';
import { appendHooks } from './hooks.ts';
import { ResponseWriter } from './writer.ts';
import { toThreadError, type FromWriter, type ToWriter, type WriterThreadData } from './writer-thread.ts';

const port = parentPort!;
const { databaseUrl, config } = workerData as WriterThreadData;
const post = (msg: FromWriter) => port.postMessage(msg);

// SQLite: the process's main connection runs the WAL checkpointer; this one only appends to the
// WAL. PostgreSQL: a pool of its own beside the request thread's.
const db = createDb(databaseUrl, {
  sqliteSynchronous: config.SQLITE_SYNCHRONOUS,
  sqliteCheckpointMs: 0,
  sqliteWalAutocheckpointPages: WAL_BACKSTOP_PAGES,
  sqliteBusyWait: 'blocking',
  sqliteTempStoreMemory: true,
  // PostgreSQL: batches are written one at a time, so one connection does; a second one keeps
  // any lookup outside a batch's transaction from ever waiting for it.
  poolSize: 2,
  // Every batch's transaction starts with the chain-head lock, a read: its BEGIN goes out with
  // it. One-unit bench, 3 interleaved pairs: BEGIN + lock 0.92-1.04 ms a batch, against
  // 1.04-1.50 ms with BEGIN waited for alone (a batch takes ~5 ms).
  pgPipeline: true,
});
const writer = new ResponseWriter(db, {
  onCommitted: (batch, created) => post({ type: 'committed', batch, created }),
  onStorageFull: (failure) => post({ type: 'storage-full', failure }),
});
for (const hook of appendHooks(config, () => post({ type: 'alert' }))) writer.onAppended(hook);
// Opening the database reads its schema on first use: do it now, then say so.
await db.kysely.selectFrom('chain_heads').select('unit_id').limit(1).execute();
post({ type: 'ready' });

// Answers of one batch resolve together: send them in one message.
let results: Extract<FromWriter, { type: 'results' }>['items'] = [];
let scheduled = false;
function answer(item: (typeof results)[number]): void {
  results.push(item);
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    const items = results;
    results = [];
    post({ type: 'results', items });
  });
}

port.on('message', (msg: ToWriter) => {
  if (msg.type === 'submit') {
    for (const { id, record } of msg.items) {
      writer.submit(record).then(
        (outcome) => answer({ id, outcome }),
        (err: unknown) => answer({ id, error: toThreadError(err) }),
      );
    }
  } else {
    void writer
      .close()
      .then(() => new Promise<void>((res) => setImmediate(res)))
      .then(() => db.close())
      .finally(() => port.close());
  }
});
