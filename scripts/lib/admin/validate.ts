import type { z } from 'zod';
import { UsageError } from '../cli/errors.ts';

/** Parses command-line values with the API's own schemas; a bad value is a usage error (exit 2). */
export function parseArgs<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new UsageError(r.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
  }
  return r.data;
}
