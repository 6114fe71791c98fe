// `npm run generate -- --responses 1000000 --units 100`: realistic responses straight through the
// repository code (not HTTP), with a progress bar. Uses DATABASE_URL (or --database).
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { addDays, vietnamDay } from '../backend/src/domain/day.ts';
import { createUnits, generateResponses } from './load/generate-lib.ts';
import { openDeps } from './load/open-deps.ts';

const { values } = parseArgs({
  options: {
    responses: { type: 'string', default: '1000000' },
    units: { type: 'string', default: '100' },
    days: { type: 'string', default: '365' },
    prefix: { type: 'string', default: 'gen' },
    database: { type: 'string' },
    seed: { type: 'string', default: '1' },
  },
});
const total = Number(values.responses);
const unitCount = Number(values.units);
const days = Number(values.days);
if (![total, unitCount, days].every((n) => Number.isInteger(n) && n > 0)) {
  process.stderr.write('usage: npm run generate -- --responses N --units U [--days D] [--prefix gen] [--database URL]\n');
  process.exit(2);
}

const deps = await openDeps(values.database);
const bar = new cliProgress.SingleBar({ format: '{task} [{bar}] {value}/{total} {percentage}% | {rate}/s | eta {eta}s', hideCursor: true }, cliProgress.Presets.shades_classic);
try {
  const t0 = performance.now();
  bar.start(unitCount, 0, { task: 'units    ', rate: '-' });
  const units = await createUnits(deps, unitCount, { prefix: values.prefix, seed: Number(values.seed), onProgress: (n) => bar.update(n) });
  bar.stop();
  const t1 = performance.now();
  const firstDay = addDays(vietnamDay(new Date()), -days);
  bar.start(Math.floor(total / unitCount) * unitCount, 0, { task: 'responses', rate: '-' });
  const written = await generateResponses(deps, units, {
    perUnit: Math.floor(total / unitCount),
    firstDay,
    days,
    seed: Number(values.seed) + 1,
    onProgress: (n) => bar.update(n, { rate: Math.round(n / ((performance.now() - t1) / 1000)) }),
  });
  bar.stop();
  const secs = (performance.now() - t1) / 1000;
  process.stdout.write(
    `${unitCount} units in ${((t1 - t0) / 1000).toFixed(1)} s; ${written} responses from ${firstDay} over ${days} days in ${secs.toFixed(1)} s (${Math.round(written / secs)}/s)\n`,
  );
} finally {
  bar.stop();
  await deps.close();
}
