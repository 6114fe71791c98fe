// `npm run admin -- <command>`: units, officers, QR points, staff, district set-up, dossier counts.
import { buildAdminProgram } from './lib/admin/program.ts';
import { reportError } from './lib/cli/errors.ts';

try {
  await buildAdminProgram().parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}
