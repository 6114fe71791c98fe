import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db, DialectName } from './create-db.ts';
import { ensureBuiltInForms } from './forms.repository.ts';
import * as m001 from './migrations/001_initial.ts';
import * as m002 from './migrations/002_dossier_counts.ts';
import * as m003 from './migrations/003_zalo_alerts.ts';
import * as m004 from './migrations/004_handling_notes.ts';
import * as m005 from './migrations/005_tallies_covering_index.ts';
import { tallies006 } from './migrations/006_tallies_clustered.ts';
import * as m007 from './migrations/007_response_indexes.ts';
import * as m008 from './migrations/008_outbox_unfinished.ts';
import { forms009 } from './migrations/009_forms.ts';
import * as m010 from './migrations/010_publications.ts';
import * as m011 from './migrations/011_cases.ts';
import * as m012 from './migrations/012_channels_paper.ts';
import * as m013 from './migrations/013_receipt_tickets.ts';
import * as m014 from './migrations/014_campaigns.ts';
import { rollups015 } from './migrations/015_rollups.ts';

/**
 * Static list: works from tsx, bundles and tests alike; names sort in order. A migration whose
 * physical layout differs by dialect (006) is built for the database it runs on.
 */
function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    '001_initial': m001,
    '002_dossier_counts': m002,
    '003_zalo_alerts': m003,
    '004_handling_notes': m004,
    '005_tallies_covering_index': m005,
    '006_tallies_clustered': tallies006(dialect),
    '007_response_indexes': m007,
    '008_outbox_unfinished': m008,
    '009_forms': forms009(dialect),
    '010_publications': m010,
    '011_cases': m011,
    '012_channels_paper': m012,
    '013_receipt_tickets': m013,
    '014_campaigns': m014,
    '015_rollups': rollups015(dialect),
  };
}

export function migratorFor(db: Db): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(db.dialect) };
  return new Migrator({ db: db.kysely, provider });
}

/** Runs every migration not run yet, then adds the built-in forms a database lacks. */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = migratorFor(db);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
  await ensureBuiltInForms(db);
}
