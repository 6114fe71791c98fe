import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadsheetText } from './spreadsheet-safe.ts';

describe('spreadsheetText', () => {
  it('neutralises text a spreadsheet would read as a formula', () => {
    for (const s of ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=']) expect(spreadsheetText(s)).toBe(`'${s}`);
  });

  it('leaves other text alone, HTML included', () => {
    for (const s of ['Rất hài lòng', '<b>x</b>', "'=already", ' =1', '1-2', '', 'a=b']) expect(spreadsheetText(s)).toBe(s);
  });

  it('never returns text that starts a formula, and only ever adds one apostrophe', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = spreadsheetText(s);
        expect(out).not.toMatch(/^[=+\-@\t\r]/);
        expect(out === s || out === `'${s}`).toBe(true);
      }),
    );
  });
});
