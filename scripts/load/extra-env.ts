import { z } from 'zod';

/**
 * BENCH_EXTRA_ENV='{"NAME":"value"}': extra environment for the server processes a bench starts,
 * to compare a setting without editing code. Empty when unset.
 */
export function benchExtraEnv(): Record<string, string> {
  const raw = process.env['BENCH_EXTRA_ENV'];
  if (!raw) return {};
  const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(raw));
  if (!parsed.success) throw new Error(`BENCH_EXTRA_ENV must be a JSON object of strings: ${parsed.error.message}`);
  return parsed.data;
}
