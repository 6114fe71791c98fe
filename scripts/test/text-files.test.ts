import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError } from '../lib/cli/errors.ts';
import { readTextFile } from '../lib/cli/read-text-file.ts';
import { readTabularFile } from '../lib/dossiers/read-dossier-file.ts';
import { readSetupFile } from '../lib/setup/read-setup-file.ts';
import { FileErrors } from '../lib/setup/setup-plan.ts';
import { tempEnv } from './helpers.ts';

let tmp: ReturnType<typeof tempEnv>;
beforeEach(() => {
  tmp = tempEnv();
});
afterEach(() => tmp.cleanup());

/** The error a promise rejects with (readSetupFile is async: an .xlsx file is read by exceljs). */
const rejection = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => {
      throw new Error('expected an error');
    },
    (err: unknown) => err,
  );

describe('imported files must be well-formed text (issue 23, item 1)', () => {
  it('bytes that are not UTF-8 are an error naming the line, never U+FFFD', async () => {
    const file = join(tmp.dir, 'district.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('district:\n  code: h\n  name: UBND huy'), Buffer.from([0xea, 0x6e]), Buffer.from('n\ncommunes: []\n')]));
    const err = await rejection(readSetupFile(file));
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toBe(`${file}:3: not valid UTF-8 text (save the file as UTF-8)`);
  });

  it('a lone surrogate written as a YAML escape is an error on its line', async () => {
    const file = join(tmp.dir, 'district.yaml');
    writeFileSync(file, 'district:\n  code: huyen-a\n  name: "UBND huyện \\ud800"\ncommunes: []\n');
    const err = await rejection(readSetupFile(file));
    expect(err).toBeInstanceOf(FileErrors);
    expect((err as FileErrors).errors).toEqual([{ line: 3, message: 'district.name: text that is not well-formed Unicode (a lone surrogate)' }]);
  });

  it('a dossier CSV with a byte that is not UTF-8 is refused whole', async () => {
    const file = join(tmp.dir, 'dossiers.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('unitCode,field,period,count\nxa-a,,2025,10\nxa-a,T'), Buffer.from([0xff]), Buffer.from(',2025-01,3\n')]));
    await expect(readTabularFile(file)).rejects.toThrow(`${file}:3: Tệp không phải văn bản UTF-8`);
  });

  it('reads good text in NFC, a byte-order mark included', () => {
    const file = join(tmp.dir, 'ok.csv');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name\nNguye\u0302\u0303n\n')]));
    expect(readTextFile(file)).toBe('name\nNguyễn\n');
  });
});
