import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/create-db.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { vietnamDay } from '../../src/domain/day.ts';
import { findUnitByCode } from '../../src/db/units.repository.ts';
import { createLogger } from '../../src/logger.ts';
import { createDeps } from '../../src/services/context.ts';
import { buildTallies } from '../../src/services/tallies.service.ts';
import { verifyDatabase } from '../../src/services/verify.service.ts';
import { testConfig } from '../helpers/test-deps.ts';

/**
 * backend/test/fixtures/schema-008.db.gz was made by the code before issue 24 (commit aa1184f,
 * migrations 001–008): `npm run seed:demo -- --seed 7 --end 2026-11-30 --days 21 --per-day 8`
 * and five more responses through the writer (a self-rating, a verified respondent with a
 * harassment report, an unverified one, a kiosk one with a dossier code, a web one with HTML in
 * its comment). schema-008.expected.json holds what that code's tallies route answered for it.
 */
const FIXTURES = join(import.meta.dirname, '../fixtures');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'schema-008.expected.json'), 'utf8')) as {
  unitCode: string;
  from: string;
  to: string;
  chainHead: { seq: number; hash: string };
  total: { responses: number; levels: Record<string, number>; satisfiedShare: number; dissatisfiedShare: number };
  questions: Record<string, { responses: number; levels: Record<string, number> }>;
  officers: { officerId: string; levels: Record<string, number>; flagged: boolean }[];
  tallyRows: number;
  tallyCount: number;
};

let dir: string;
let db: Db;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hailong-fixture-'));
  const file = join(dir, 'hailong.db');
  writeFileSync(file, gunzipSync(readFileSync(join(FIXTURES, 'schema-008.db.gz'))));
  db = createDb(`sqlite:${file}`, { sqliteCheckpointMs: 0 });
  await migrateToLatest(db);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a database made before forms were data (migrations 001–008)', () => {
  it('still verifies after the new migrations: every chain, every tally, per form', async () => {
    const r = await verifyDatabase(db);
    expect(r).toMatchObject({ units: 1, responses: expected.chainHead.seq, problems: [], notes: [] });
  });

  it('keeps every tally row, now the counter form’s, and the same figures as before', async () => {
    const all = await db.kysely.selectFrom('tallies').selectAll().execute();
    // Migration 012 added one 'channel:<channel>' cell per response (its overall level): the rest are as they were.
    const rows = all.filter((t) => !t.question_key.startsWith('channel:'));
    expect(rows).toHaveLength(expected.tallyRows);
    expect(rows.reduce((n, t) => n + Number(t.count), 0)).toBe(expected.tallyCount);
    const channelCells = all.filter((t) => t.question_key.startsWith('channel:'));
    expect(channelCells.reduce((n, t) => n + Number(t.count), 0)).toBe(expected.chainHead.seq);
    expect(new Set(channelCells.map((t) => t.question_key)).has('channel:qr')).toBe(false);
    expect(new Set(rows.map((t) => t.form_key))).toEqual(new Set(['counter']));
    const unit = (await findUnitByCode(db.kysely, expected.unitCode))!;
    const head = await db.kysely.selectFrom('chain_heads').selectAll().where('unit_id', '=', unit.id).executeTakeFirstOrThrow();
    expect({ seq: head.seq, hash: head.hash }).toEqual({ seq: expected.chainHead.seq, hash: expected.chainHead.hash });

    const deps = createDeps({ db, config: testConfig(), logger: createLogger('silent') });
    try {
      const report = await buildTallies(deps, unit.id, expected.from, expected.to);
      expect(report.total).toMatchObject(expected.total);
      for (const [key, q] of Object.entries(expected.questions)) expect(report.questions[key]).toMatchObject({ responses: q.responses, levels: q.levels });
      expect(report.officers.map((o) => ({ officerId: o.officerId, levels: o.levels, flagged: o.flagged }))).toEqual(expected.officers);
      // Points made before 009 serve the counter form.
      expect(new Set((await db.kysely.selectFrom('points').select('form_key').execute()).map((p) => p.form_key))).toEqual(new Set(['counter']));
    } finally {
      await deps.writer.close();
    }
  });

  it('gets a case for each misconduct report and each "Rất không hài lòng" with a comment (migration 011), old ones not woken up', async () => {
    const responses = await db.kysely.selectFrom('responses').select(['id', 'answers', 'issues', 'comment', 'day']).execute();
    // Independently of the migration: the fixture's forms all ask "overall".
    const expectedCases = responses
      .filter((r) => r.issues !== '[]' || ((JSON.parse(r.answers) as Record<string, number>)['overall'] === 1 && r.comment !== null))
      .map((r) => ({ id: r.id, kind: r.issues !== '[]' ? 'misconduct' : 'very_dissatisfied', day: r.day }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(expectedCases.some((c) => c.kind === 'misconduct')).toBe(true);
    expect(expectedCases.some((c) => c.kind === 'very_dissatisfied')).toBe(true);
    const cases = await db.kysely.selectFrom('cases').selectAll().orderBy('response_id').execute();
    expect(cases.map((c) => ({ id: c.response_id, kind: c.kind, day: c.day }))).toEqual(expectedCases);
    for (const c of cases) {
      expect(c.due_day > c.day).toBe(true);
      expect([0, 6]).not.toContain(new Date(`${c.due_day}T00:00:00Z`).getUTCDay());
      // Past its due day when migrated: marked escalated, so that history wakes no one up.
      expect(Number(c.escalation)).toBe(c.due_day < vietnamDay(new Date()) ? 3 : 0);
      expect(['new', 'in_progress', 'handled']).toContain(c.status);
    }
  });
});
