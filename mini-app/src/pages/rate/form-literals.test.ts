import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { BUILT_IN_FORMS } from '@hai-long/backend/domain/built-in-forms';
import { describe, expect, it } from 'vitest';

/*
 * The rating screen renders whatever form its point serves (issue 24): no form key, question,
 * group or issue key, and no label of theirs, may be written into its code. Tests and fixtures
 * may name them.
 */
const SRC = resolve(import.meta.dirname, '../..');
const SOURCES = ['pages/rate', 'components/rating', 'state/rating-form.ts', 'state/form-layout.ts'].map((p) => join(SRC, p));

const quoted = (key: string) => [`'${key}'`, `"${key}"`, `\`${key}\``, `q-${key}`];
const FORBIDDEN: readonly string[] = [
  ...new Set(
    BUILT_IN_FORMS.flatMap((f) => [
      ...quoted(f.key),
      ...f.questions.flatMap((q) => [...quoted(q.key), q.label, ...(q.shortLabel ? [q.shortLabel] : [])]),
      ...f.groups.flatMap((g) => [...quoted(g.key), g.label]),
      ...f.issues.flatMap((i) => [...quoted(i.key), i.label]),
    ]),
  ),
];

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

/** The forbidden literals in a text; labels match whatever their case. */
function forbiddenIn(text: string): string[] {
  const lower = text.toLocaleLowerCase('vi-VN');
  return FORBIDDEN.filter((f) => lower.includes(f.toLocaleLowerCase('vi-VN')));
}

describe('the rating screen takes its questions from the form', () => {
  it('the check itself catches each kind of literal', () => {
    expect(forbiddenIn("missing.includes('overall')")).toEqual(["'overall'"]);
    expect(forbiddenIn('document.getElementById(`q-dv1`)')).toContain('q-dv1');
    expect(forbiddenIn('<h2>Khía cạnh 1. Việc xây dựng, tổ chức thực hiện chính sách</h2>')).toHaveLength(1);
    expect(forbiddenIn('form.questions.filter(isMandatory)')).toEqual([]);
  });

  it('no source of the rating screen (tests and fixtures aside) names a built-in form, question, group or issue', () => {
    const files = SOURCES.flatMap(filesUnder).filter((f) => !/\.test\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(15);
    const found = files.flatMap((f) => forbiddenIn(readFileSync(f, 'utf8')).map((lit) => `${relative(SRC, f)}: ${lit}`));
    expect(found).toEqual([]);
  });
});
