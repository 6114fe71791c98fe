import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../backend/src/db/create-db.ts';
import { verifyDatabase } from '../../backend/src/services/verify.service.ts';
import { startServerProcess, type ServerProcess } from '../../backend/test/helpers/server-process.ts';
import { runScript, tempEnv } from './helpers.ts';

let srv: ServerProcess;
const tmp = tempEnv();
beforeAll(async () => {
  srv = await startServerProcess();
});
afterAll(async () => {
  await srv.cleanup();
  tmp.cleanup();
});

const answers = (i: number) => ({ overall: (i % 5) + 1, access: 4, attitude: 5, responsibility: 3, guidance: ((i * 7) % 5) + 1 });

describe('backup and restore', () => {
  it('a backup taken during concurrent writes restores to a database that verifies clean', async () => {
    if (!srv.dbUrl.startsWith('sqlite:')) return; // PostgreSQL: pg_dump's job
    let stop = false;
    let stored = 0;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const res = await fetch(`${srv.url}/api/public/responses`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ token: srv.demo.counterToken, clientId: crypto.randomUUID(), answers: answers(w + i), comment: i % 3 === 0 ? `Ý kiến số ${i} – rất tốt` : undefined }),
        });
        expect(res.status).toBe(201);
        stored++;
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => worker(w));
    while (stored < 50) await new Promise((r) => setTimeout(r, 20));

    const backupFile = join(tmp.dir, 'backup.db');
    const env = { DATABASE_URL: srv.dbUrl };
    const before = stored;
    const backup = await runScript('backup.ts', [backupFile], env);
    const after = stored;
    stop = true;
    await Promise.all(writers);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/integrity ok/);
    expect(after).toBeGreaterThan(before); // the server kept writing while the backup ran

    // The live database is open in the server: restoring over it needs --force.
    const refused = await runScript('restore.ts', [backupFile], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is open in process \d+/);

    const target = join(tmp.dir, 'restored', 'hailong.db');
    const restore = await runScript('restore.ts', [backupFile, '--to', target], env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);

    const db = createDb(`sqlite:${target}`);
    try {
      const report = await verifyDatabase(db);
      expect(report.problems).toEqual([]);
      expect(report.responses).toBeGreaterThanOrEqual(50);
      expect(report.responses).toBeLessThanOrEqual(stored);
    } finally {
      await db.close();
    }
    const verify = await runScript('verify.ts', [], { DATABASE_URL: `sqlite:${target}`, APP_SECRET: 'x'.repeat(40) });
    expect(verify.stdout).toMatch(/^OK: /);
    expect(verify.code).toBe(0);
  });

  it('points PostgreSQL users to pg_dump / pg_restore (exit 2)', async () => {
    const b = await runScript('backup.ts', ['x.db'], { DATABASE_URL: 'postgres://u@127.0.0.1:1/db' });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('pg_dump');
    const r = await runScript('restore.ts', ['x.db'], { DATABASE_URL: 'postgres://u@127.0.0.1:1/db' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pg_restore');
  });
});
