import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { findIllFormedText } from '../../../backend/src/domain/text.ts';
import { CliError, UsageError } from './errors.ts';
import { readTextFile } from './read-text-file.ts';

/**
 * A YAML or JSON file's value, for commands that take an API body from a file (forms, campaigns):
 * syntax errors with their lines, and text that is not well-formed Unicode refused. YAML 1.2's
 * core schema: dates stay text (YYYY-MM-DD), as the API takes them. `what` names the file's
 * kind in messages ("form", "campaign").
 */
export function readDataFile(file: string, what: string): unknown {
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) throw new UsageError(`${what} file must be .yaml, .yml or .json (got "${file}")`);
  const text = readTextFile(file);
  let value: unknown;
  if (ext === '.json') {
    try {
      value = JSON.parse(text) as unknown;
    } catch (err) {
      throw new CliError(`${file}: not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  } else {
    const doc = parseDocument(text, { uniqueKeys: true, schema: 'core' });
    if (doc.errors.length > 0) throw new CliError(`${file}: YAML syntax`, doc.errors.map((e) => `line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`));
    value = doc.toJS() as unknown;
  }
  const illFormed = findIllFormedText(value);
  if (illFormed) throw new CliError(`${file}: ${illFormed.join('.')}: text that is not well-formed Unicode (a lone surrogate)`);
  return value;
}
