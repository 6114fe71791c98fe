// `npm run seed:demo`: the demo commune with a few weeks of realistic responses (deterministic).
import { Command, InvalidArgumentError } from 'commander';
import { addDays, isValidDay, vietnamDay } from '../backend/src/domain/day.ts';
import { reportError } from './lib/cli/errors.ts';
import { withDeps } from './lib/cli/open-deps.ts';
import { formatTable, out } from './lib/cli/output.ts';
import { seedDemoResponses } from './lib/demo/seed-responses.ts';

const intArg = (min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
  return n;
};
const dayArg = (v: string) => {
  if (!isValidDay(v)) throw new InvalidArgumentError('a day as YYYY-MM-DD');
  return v;
};

const program = new Command('seed:demo')
  .description('Create the demo commune (UBND xã Nam Dong) if needed and fill it with a few weeks of responses, on the database DATABASE_URL names.\nSame --seed and --end → same data; running it again stores nothing new.')
  .option('--seed <n>', 'random seed', intArg(0, 2 ** 31), 2024)
  .option('--end <day>', 'last day with responses, YYYY-MM-DD (default: yesterday, Vietnam time)', dayArg)
  .option('--days <n>', 'how many days back', intArg(1, 366), 28)
  .option('--per-day <n>', 'average responses on a working day', intArg(1, 500), 14)
  .exitOverride()
  .action(async (o: { seed: number; end?: string; days: number; perDay: number }) => {
    const end = o.end ?? addDays(vietnamDay(new Date()), -1);
    const s = await withDeps((deps) => seedDemoResponses(deps, { seed: o.seed, end, days: o.days, perDay: o.perDay }));
    out(`demo unit ${s.unitCode}: ${s.created} responses stored, ${s.alreadyThere} already there (${s.from} … ${s.to})`);
    out(formatTable(['OFFICER', 'RESPONSES', 'DISSATISFIED'], s.byOfficer.map((b) => [b.name, String(b.responses), `${(b.dissatisfiedShare * 100).toFixed(1)} %${b.dissatisfiedShare > 0.25 ? '  > 25 %: flagged' : ''}`])));
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}
