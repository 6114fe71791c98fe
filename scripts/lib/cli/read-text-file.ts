import { readFileSync } from 'node:fs';
import { decodeUtf8 } from '../../../backend/src/domain/text.ts';
import { CliError } from './errors.ts';

/** A file's bytes, or a CliError naming the file and the system's reason. */
export function readFileBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** The 1-based line holding the first byte that is not valid UTF-8 ('\n' is never part of a multi-byte character). */
function firstBadLine(bytes: Uint8Array): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(0x0a, start);
    if (decodeUtf8(bytes.subarray(start, end === -1 ? bytes.length : end)) === null || end === -1) return line;
    start = end + 1;
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
