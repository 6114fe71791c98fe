import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Logger } from '../../src/logger.ts';
import { startFakeZalo, type FakeZalo } from './fake-zalo.ts';
import { seedUnit, testApp, type SeededUnit } from './fixtures.ts';
import { dialectUnderTest } from './test-database.ts';
import { createTestDeps, type TestDeps } from './test-deps.ts';

export interface TestbedOptions {
  /** A fake Zalo on 127.0.0.1, started once for the file, reset with each new database (before each test by default); the backend is pointed at it. */
  zalo?: boolean;
  /** Responses written by the writer thread (SQLite: on a temporary file). */
  writerThread?: boolean;
  /** false: no database, app or unit, the fake only (for suites that start real server processes). */
  db?: false;
  /** Replaces deps.logger, so that the app logs there (for tests that read what is logged). */
  logger?: Logger;
  /** Extra environment (with zalo, on top of the fake's). */
  env?: Record<string, string>;
  /** The unit seeded before each test (three officers, a counter and a desk point, a clerk, a chairman); false for none. Default 'xa-a'. */
  unit?: string | false;
  /** A fresh database before each test (default), or one for the whole file. */
  fresh?: 'each' | 'file';
}

/** What a test works with; filled in by the hooks useTestbed registers. */
export interface Testbed {
  readonly deps: TestDeps;
  readonly t: ReturnType<typeof testApp>;
  readonly unit: SeededUnit;
  /** The fake Zalo (useTestbed({ zalo: true }) only). */
  readonly fake: FakeZalo;
  /**
   * Starts over inside a test with other settings: the database is closed and a new one made,
   * with the same options and `env` added (the fake is reset as before each test).
   * Handles read before it are stale: read `bed.deps` etc. again after it.
   */
  reopen(env?: Record<string, string>): Promise<void>;
}

/**
 * One test bed for the backend's suites (instead of each file starting the fake Zalo, making its
 * deps, its app and its unit, and resetting them its own way): registers the vitest hooks that
 * open and close them, and returns their handles.
 */
export function useTestbed(opts: TestbedOptions = {}): Testbed {
  let fake: FakeZalo | undefined;
  let deps: TestDeps | undefined;
  let t: ReturnType<typeof testApp> | undefined;
  let unit: SeededUnit | undefined;

  const open = async (extra: Record<string, string> = {}) => {
    if (fake) {
      fake.reset();
      // reset() keeps these knobs and counters; each test starts from none.
      fake.graphDelayMs = 0;
      fake.refreshDelayMs = 0;
      fake.refreshCalls = 0;
    }
    if (opts.db === false) return;
    const env = { ...opts.env, ...extra };
    // The thread needs a SQLite file (an in-memory database is the test thread's alone); on
    // PostgreSQL it runs on the database under test.
    const writer = opts.writerThread ? { writerThread: true, sqliteFile: dialectUnderTest() === 'sqlite' } : {};
    const made = await createTestDeps(fake ? fake.env(env) : env, writer);
    deps = opts.logger ? { ...made, logger: opts.logger } : made;
    t = testApp(deps);
    unit = opts.unit === false ? undefined : await seedUnit(deps, opts.unit ?? 'xa-a');
  };
  const close = async () => {
    await deps?.close();
    deps = t = unit = undefined;
  };

  if (opts.zalo) {
    beforeAll(async () => {
      fake = await startFakeZalo();
    });
    afterAll(() => fake?.close());
  }
  if (opts.fresh === 'file') {
    beforeAll(() => open());
    afterAll(close);
  } else {
    beforeEach(() => open());
    afterEach(close);
  }

  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`testbed: no ${what} (outside a test, or not asked for)`);
    return v;
  };
  return {
    get deps() {
      return need(deps, 'deps');
    },
    get t() {
      return need(t, 'app');
    },
    get unit() {
      return need(unit, 'unit');
    },
    get fake() {
      return need(fake, 'fake Zalo');
    },
    async reopen(env = {}) {
      await close();
      await open(env);
    },
  };
}
