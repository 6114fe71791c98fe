// `npm run verify`: recompute every unit's hash chain and all tallies from the stored responses.
import { loadConfig } from '../backend/src/config.ts';
import { createDb } from '../backend/src/db/create-db.ts';
import { migrateToLatest } from '../backend/src/db/migrate.ts';
import { verifyDatabase } from '../backend/src/services/verify.service.ts';

const config = loadConfig();
const db = createDb(config.DATABASE_URL);
try {
  await migrateToLatest(db);
  const report = await verifyDatabase(db, (done, total) => {
    if (process.stderr.isTTY) process.stderr.write(`\rverifying units ${done}/${total}`);
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  for (const p of report.problems) process.stdout.write(`DIFF ${p.unitCode} [${p.kind}] ${p.message}\n`);
  // Explained and harmless (see VerifyReport.notes): shown, but no difference.
  for (const n of report.notes) process.stdout.write(`NOTE ${n.unitCode} [${n.kind}] ${n.message}\n`);
  const noted = report.notes.length > 0 ? `, ${report.notes.length} rows of not well-formed text (not altered)` : '';
  process.stdout.write(
    `${report.problems.length === 0 ? 'OK' : 'FAILED'}: ${report.units} units, ${report.responses} responses, ${report.problems.length} differences${noted}\n`,
  );
  process.exitCode = report.problems.length === 0 ? 0 : 1;
} finally {
  await db.close();
}
