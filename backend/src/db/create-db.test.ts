import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, WAL_BACKSTOP_PAGES, type Db } from './create-db.ts';

// SQLite-file behaviour of the one place that opens databases; runs on a temporary file
// whatever TEST_DATABASE_URL says.
const dirs: string[] = [];
const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hailong-db-'));
  dirs.push(dir);
  return join(dir, 'test.db');
}

function openDb(file: string, options: Parameters<typeof createDb>[1] = {}): Db {
  const db = createDb(`sqlite:${file}`, options);
  open.push(db);
  return db;
}

/** The test table, once the checkpointer thread (if any) runs: loading it under tsx takes a moment. */
async function makeTable(db: Db): Promise<void> {
  await db.checkpointer?.ready();
  await sql`create table t (id integer primary key, v text not null)`.execute(db.kysely);
}

describe('SQLite write lock held by another connection', () => {
  /** A database with table t, and a second connection on the same file holding its write lock. */
  async function lockedByAnotherConnection(options: Parameters<typeof createDb>[1]): Promise<{ db: Db; other: SqliteDatabase.Database }> {
    const file = tempFile();
    const db = openDb(file, options);
    await makeTable(db);
    const other = new SqliteDatabase(file);
    other.exec('begin immediate');
    return { db, other };
  }

  it('waits on a timer, so the event loop keeps running, and writes once the lock is free', async () => {
    const { db, other } = await lockedByAnotherConnection({ sqliteCheckpointMs: 0 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    const write = db.kysely.transaction().execute((trx) => sql`insert into t (v) values ('a')`.execute(trx));
    await new Promise((res) => setTimeout(res, 150));
    other.exec('commit');
    await write;
    clearInterval(ticker);
    other.close();
    // A blocking busy handler would have frozen the loop for the whole 150 ms.
    expect(ticks).toBeGreaterThan(10);
    const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(db.kysely);
    expect(rows.rows[0]!.n).toBe(1);
  });

  it('also waits for a write outside a transaction', async () => {
    const { db, other } = await lockedByAnotherConnection({ sqliteCheckpointMs: 0 });
    const write = sql`insert into t (v) values ('b')`.execute(db.kysely);
    setTimeout(() => other.exec('commit'), 60);
    await write;
    other.close();
    expect((await sql<{ v: string }>`select v from t`.execute(db.kysely)).rows).toEqual([{ v: 'b' }]);
  });

  it('gives up with SQLITE_BUSY after the timeout and changes nothing', async () => {
    const { db, other } = await lockedByAnotherConnection({ sqliteCheckpointMs: 0, sqliteBusyTimeoutMs: 200 });
    const started = Date.now();
    await expect(db.kysely.transaction().execute((trx) => sql`insert into t (v) values ('c')`.execute(trx))).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    other.exec('rollback');
    other.close();
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db.kysely)).rows[0]!.n).toBe(0);
  });
});

describe("SQLite write lock, 'blocking' wait (the writer thread)", () => {
  /** Another thread takes the write lock, says so, and commits after holdMs. */
  async function holdLockInAnotherThread(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const db = new (require(workerData.driver))(workerData.file);
       db.exec('begin immediate');
       parentPort.postMessage('locked');
       setTimeout(() => { db.exec('commit'); db.close(); parentPort.postMessage('released'); }, workerData.holdMs);`,
      { eval: true, workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), file, holdMs } },
    );
    const released = new Promise<void>((res) => worker.on('message', (m) => m === 'released' && res()));
    await new Promise<void>((res) => worker.on('message', (m) => m === 'locked' && res()));
    return { released: released.then(() => worker.terminate()).then(() => undefined) };
  }

  it('sleeps the thread in short steps until the lock is free, then writes', async () => {
    const file = tempFile();
    const db = openDb(file, { sqliteCheckpointMs: 0, sqliteBusyWait: 'blocking' });
    await makeTable(db);
    const { released } = await holdLockInAnotherThread(file, 100);
    const started = Date.now();
    await db.kysely.transaction().execute((trx) => sql`insert into t (v) values ('a')`.execute(trx));
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    await released;
    expect((await sql<{ v: string }>`select v from t`.execute(db.kysely)).rows).toEqual([{ v: 'a' }]);
  });

  it('gives up with SQLITE_BUSY after the timeout and changes nothing', async () => {
    const file = tempFile();
    const db = openDb(file, { sqliteCheckpointMs: 0, sqliteBusyWait: 'blocking', sqliteBusyTimeoutMs: 150 });
    await makeTable(db);
    const { released } = await holdLockInAnotherThread(file, 600);
    await expect(sql`insert into t (v) values ('b')`.execute(db.kysely)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    await released;
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(db.kysely)).rows[0]!.n).toBe(0);
  });
});

describe('WAL checkpointer thread', () => {
  async function fill(db: Db, rows: number): Promise<void> {
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < rows; i++) await sql`insert into t (v) values (${'x'.repeat(400)})`.execute(trx);
    });
  }

  it('copies committed pages into the database file in the background', async () => {
    const file = tempFile();
    const db = openDb(file, { sqliteCheckpointMs: 20 });
    await makeTable(db);
    const before = statSync(file).size;
    await fill(db, 500); // ~50 pages: far below the writer's own automatic checkpoint
    const deadline = Date.now() + 5000;
    while (statSync(file).size <= before && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    expect(statSync(file).size).toBeGreaterThan(before);
  });

  it('restarts the WAL under steady writes, so it stays short without the writer checkpointing', async () => {
    const file = tempFile();
    // No automatic checkpoint in the writing connection: only the thread may shorten the WAL.
    const db = openDb(file, { sqliteCheckpointMs: 10, sqliteWalAutocheckpointPages: 0, sqliteWalRestartFrames: 1000 });
    await makeTable(db);
    let maxWal = 0;
    // ~6,000 pages in 300 commits with short pauses between them, as a busy writer makes.
    for (let i = 0; i < 300; i++) {
      await db.kysely.transaction().execute(async (trx) => {
        for (let k = 0; k < 20; k++) await sql`insert into t (v) values (${'x'.repeat(3500)})`.execute(trx);
      });
      maxWal = Math.max(maxWal, statSync(`${file}-wal`).size);
      await new Promise((res) => setTimeout(res, 1));
    }
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db.kysely)).rows[0]!.page_count;
    expect(pages).toBeGreaterThan(5000);
    // Without the RESTART pass the WAL holds every page ever written (the next test's control).
    expect(maxWal).toBeLessThan(2500 * 4096);
    expect((await db.checkpointer!.stats()).restarts).toBeGreaterThan(0);
  });

  it('syncs the database file after a pass that copied pages, while the writer holds the write lock', async () => {
    // The first pass comes after the rows are committed and the transaction below holds the lock.
    const db = openDb(tempFile(), { sqliteCheckpointMs: 300 });
    await makeTable(db);
    await fill(db, 500);
    const stats = () => db.checkpointer!.stats();
    const during = await db.kysely.transaction().execute(async (trx) => {
      await sql`insert into t (v) values ('uncommitted')`.execute(trx);
      const deadline = Date.now() + 5000;
      while ((await stats()).fileSyncs === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
      return stats();
    });
    // Not the RESTART's sync: that one waits for the lock.
    expect(during).toMatchObject({ fileSyncs: 1, restarts: 0 });
    // Passes that find nothing new to copy sync nothing.
    const wait = (ms: number) => new Promise((res) => setTimeout(res, ms));
    await wait(400); // copies the transaction's commit
    const settled = await stats();
    await wait(700);
    const later = await stats();
    expect(later.passes).toBeGreaterThan(settled.passes);
    expect(later.fileSyncs).toBe(settled.fileSyncs);
  });

  it('without it the pages stay in the WAL (the control for the test above)', async () => {
    const file = tempFile();
    const db = openDb(file, { sqliteCheckpointMs: 0, sqliteWalAutocheckpointPages: 100_000 });
    await makeTable(db);
    const before = statSync(file).size;
    await fill(db, 500);
    await new Promise((res) => setTimeout(res, 300));
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(100_000);
  });

  it('when it fails, says so and the connection checkpoints inside its own commits again', async () => {
    const file = tempFile();
    const errors: Error[] = [];
    const missing = join(dirname(file), 'no-such-driver.cjs');
    const db = openDb(file, { sqliteCheckpointMs: 10, sqliteCheckpointerDriver: missing, onCheckpointerError: (err) => errors.push(err) });
    const autocheckpoint = async () => (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db.kysely)).rows[0]!.wal_autocheckpoint;
    const deadline = Date.now() + 5000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('no-such-driver.cjs');
    expect(await autocheckpoint()).toBe(1000);
    // SQLite's own checkpoint now copies pages into the file: ~1,500 pages, past its 1,000.
    await makeTable(db);
    const before = statSync(file).size;
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < 1500; i++) await sql`insert into t (v) values (${'x'.repeat(3500)})`.execute(trx);
    });
    await sql`insert into t (v) values ('after')`.execute(db.kysely);
    expect(statSync(file).size).toBeGreaterThan(before + 1000 * 4096);
  });

  it('a healthy one reports nothing and leaves only the backstop in the connection', async () => {
    const errors: Error[] = [];
    const db = openDb(tempFile(), { sqliteCheckpointMs: 10, onCheckpointerError: (err) => errors.push(err) });
    await makeTable(db);
    await new Promise((res) => setTimeout(res, 200));
    expect(errors).toEqual([]);
    expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db.kysely)).rows[0]!.wal_autocheckpoint).toBe(WAL_BACKSTOP_PAGES);
  });
});

describe('statement journals of the appending connection', () => {
  /** Write syscalls this process makes while `run` runs (Linux: /proc/self/io). */
  async function writeCalls(run: () => Promise<unknown>): Promise<number> {
    const syscw = () => Number(/syscw: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
    const before = syscw();
    await run();
    return syscw() - before;
  }

  /** One UPDATE of 2,000 committed rows (~500 pages) inside a transaction; returns its write calls. */
  async function bigStatementInTransaction(options: Parameters<typeof createDb>[1]): Promise<number> {
    const db = openDb(tempFile(), { sqliteCheckpointMs: 0, ...options });
    await sql`create table u (id integer primary key, k text not null unique, v text not null)`.execute(db.kysely);
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < 2000; i++) await sql`insert into u (k, v) values (${`k${i}`}, ${'x'.repeat(800)})`.execute(trx);
    });
    let calls = 0;
    await db.kysely.transaction().execute(async (trx) => {
      // A multi-row statement that may fail on its unique key keeps a statement journal.
      calls = await writeCalls(() => sql`update u set v = v || 'y', k = k || '-'`.execute(trx));
    });
    expect(Number((await sql<{ n: number }>`select count(*) as n from u where k like '%-'`.execute(db.kysely)).rows[0]!.n)).toBe(2000);
    return calls;
  }

  it('stays in memory with sqliteTempStoreMemory: no write calls before the commit', async () => {
    const spilled = await bigStatementInTransaction({});
    const inMemory = await bigStatementInTransaction({ sqliteTempStoreMemory: true });
    // SQLite's default spills the journal past 64 KiB to a temporary file, a write per page.
    expect(spilled).toBeGreaterThan(200);
    expect(inMemory).toBeLessThan(10);
  });
});

describe('closing', () => {
  it('waits for the checkpointer thread, so a script that closes its database exits normally', () => {
    // A script's last await is db.close(): with nothing else keeping the process alive, an
    // unreferenced thread would let Node exit early with code 13 (unsettled top-level await).
    const createDbUrl = new URL('./create-db.ts', import.meta.url).href;
    const code = `import { createDb } from ${JSON.stringify(createDbUrl)};
      const db = createDb('sqlite:${tempFile()}');
      await db.kysely.selectFrom('sqlite_master').select('name').execute();
      await db.close();
      console.log('closed');`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: resolve(import.meta.dirname, '../../..'), encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('closed');
  });
});
