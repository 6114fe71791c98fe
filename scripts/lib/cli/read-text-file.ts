import { readFileSync } from 'node:fs';
import { decodeUtf8 } from '../../../backend/src/domain/text.ts';
import { firstBadLine } from '../../../backend/src/files/tabular.ts';
import { CliError } from './errors.ts';

/** A file's bytes, or a CliError naming the file and the system's reason. */
export function readFileBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/**
 * A text file as UTF-8, in NFC. Bytes that are not valid UTF-8 are an error with the line they
 * are on, never replaced by U+FFFD: whatever the file sets up is stored and shown as it is.
 */
export function readTextFile(file: string, bytes: Uint8Array = readFileBytes(file)): string {
  const text = decodeUtf8(bytes);
  if (text === null) throw new CliError(`${file}:${firstBadLine(bytes)}: not valid UTF-8 text (save the file as UTF-8)`);
  return text.normalize('NFC');
}
