import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './create-db.ts';
import * as m001 from './migrations/001_initial.ts';
import * as m002 from './migrations/002_dossier_counts.ts';
import * as m003 from './migrations/003_zalo_alerts.ts';
import * as m004 from './migrations/004_handling_notes.ts';
import * as m005 from './migrations/005_tallies_covering_index.ts';

/** Static list: works from tsx, bundles and tests alike; names sort in order. */
const MIGRATIONS: Record<string, Migration> = {
  '001_initial': m001,
  '002_dossier_counts': m002,
  '003_zalo_alerts': m003,
  '004_handling_notes': m004,
  '005_tallies_covering_index': m005,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? '');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
