import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine } from './report-csv.ts';

describe('CSV fields', () => {
  it('quotes what must be quoted and neutralises formulas before quoting', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField(null)).toBe('');
    expect(csvField(20)).toBe('20');
    expect(csvField(0.65)).toBe('0.65');
    expect(csvField(2 / 3)).toBe('0.666667');
  });

  it('a line parses back to its cells', () => {
    const cells = ['Tư pháp – Hộ tịch', 'a,"b"', '<script>x</script>', 'xuống\r\ndòng'];
    expect(Papa.parse<string[]>(csvLine(cells)).data[0]).toEqual(cells);
  });
});
