import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { COUNTER_FORM_V1 } from '@hai-long/backend/domain/built-in-forms';
import { describe, expect, it } from 'vitest';

/*
 * The rule (threshold, small sample) and the questionnaires' labels reach the staff screens from
 * the API. This keeps them from creeping back into the screens' source as literals.
 */
const SRC = resolve(import.meta.dirname, '../..');
const DIRS = ['pages/staff', 'components/staff'].map((d) => join(SRC, d));

const FORBIDDEN: readonly string[] = [
  '25%',
  '25 %',
  "'overall'",
  '"overall"',
  ...new Set(COUNTER_FORM_V1.questions.flatMap((q) => [q.label, ...(q.shortLabel ? [q.shortLabel] : [])])),
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The forbidden literals in a text; labels match whatever their case ("hài lòng chung" too). */
function forbiddenIn(text: string): string[] {
  const lower = text.toLocaleLowerCase('vi-VN');
  return FORBIDDEN.filter((f) => lower.includes(f.toLocaleLowerCase('vi-VN')));
}

describe('staff screens take the rule and the labels from the API', () => {
  it('the check itself catches each kind of literal', () => {
    expect(forbiddenIn('label: "Ngưỡng 25%"')).toEqual(['25%']);
    expect(forbiddenIn('useState(\'overall\')')).toEqual(["'overall'"]);
    expect(forbiddenIn('<th>Thái độ của cán bộ, công chức</th>')).toContain('Thái độ của cán bộ, công chức');
    expect(forbiddenIn('formatPercent(rule.thresholdShare)')).toEqual([]);
  });

  it('no file under pages/staff or components/staff writes 25 %, the general question key or a counter-form question label', () => {
    // This file names the literals it looks for.
    const files = DIRS.flatMap(filesUnder).filter((f) => f !== import.meta.filename);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) => forbiddenIn(readFileSync(f, 'utf8')).map((lit) => `${relative(SRC, f)}: ${lit}`));
    expect(found).toEqual([]);
  });
});
