// `npm run qr`: QR codes (SVG, PNG) and printable posters (A4, A5 PDF) for every active point.
import { Command } from 'commander';
import { reportError } from './lib/cli/errors.ts';
import { withDeps } from './lib/cli/open-deps.ts';
import { out } from './lib/cli/output.ts';
import { generateQrCodes } from './lib/qr/generate-qr-codes.ts';

const program = new Command('qr')
  .description('QR codes and posters for every active point into <out>/<unitCode>/ (deterministic: same data, same bytes)')
  .option('-o, --out <dir>', 'output directory', 'qr-codes')
  .option('-u, --unit <code...>', 'only these units')
  .exitOverride()
  .action(async (o: { out: string; unit?: string[] }) => {
    const s = await withDeps((deps) => generateQrCodes(deps, o.out, { unitCodes: o.unit ?? [] }));
    for (const f of s.written) out(`wrote   ${f}`);
    for (const f of s.removed) out(`removed ${f}`);
    out(`${s.points} points in ${s.units} units: ${s.written.length} files written, ${s.unchanged} unchanged, ${s.removed.length} removed`);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}
