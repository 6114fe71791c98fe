import { CommanderError } from 'commander';
import { ConfigError } from '../../../backend/src/config.ts';
import { AppError } from '../../../backend/src/app-error.ts';

/** Exit codes shared by every operator command. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** The command line itself is wrong (unknown option, bad value, unsupported file type): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command ran but could not do its job (unknown unit, invalid file content, database error): exit 1. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

/** Prints an error the way an operator can act on it and returns the exit code. */
export function reportError(err: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (err instanceof CommanderError) {
    // commander already printed its message; --help and --version exit 0, the rest is misuse.
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof UsageError) {
    write(`error: ${err.message}\n(see --help)\n`);
    return EXIT.usage;
  }
  if (err instanceof CliError) {
    write(`error: ${err.message}\n`);
    for (const d of err.details) write(`  ${d}\n`);
    return EXIT.failure;
  }
  if (err instanceof ConfigError) {
    write(`error: ${err.message}\n`);
    return EXIT.failure;
  }
  if (err instanceof AppError) {
    const details = (err.details ?? []).map((d) => `  ${d.path}: ${d.message}\n`).join('');
    write(`error: ${err.message}\n${details}`);
    return EXIT.failure;
  }
  write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT.failure;
}
