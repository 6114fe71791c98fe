import { describe, expect, it } from 'vitest';
import { BUILT_IN_FORMS, COUNTER_FORM_V1 } from './built-in-forms.ts';
import { DEFAULT_FIELDS } from './fields.ts';
import { LEVELS, isLevel } from './levels.ts';
import { countLevels, totalOf } from './tally.ts';

describe('levels (R1, seed 004 §III.5)', () => {
  it('has the five labels verbatim, highest first', () => {
    expect(LEVELS.map((l) => [l.value, l.label])).toEqual([
      [5, 'Rất hài lòng'],
      [4, 'Hài lòng'],
      [3, 'Bình thường'],
      [2, 'Không hài lòng'],
      [1, 'Rất không hài lòng'],
    ]);
  });
  it('keeps every label in Unicode NFC', () => {
    for (const text of [...LEVELS.map((l) => l.label), ...COUNTER_FORM_V1.questions.map((q) => q.label), ...COUNTER_FORM_V1.issues.map((i) => i.label), ...DEFAULT_FIELDS]) {
      expect(text).toBe(text.normalize('NFC'));
    }
  });
  it('accepts integers 1–5 only', () => {
    expect([1, 2, 3, 4, 5].every(isLevel)).toBe(true);
    expect([0, 6, 2.5, '3', null].some(isLevel)).toBe(false);
  });
  it('counts levels', () => {
    const c = countLevels([5, 5, 1, 3]);
    expect(c).toEqual({ '1': 1, '2': 0, '3': 1, '4': 0, '5': 2 });
    expect(totalOf(c)).toBe(4);
  });
});

describe('the counter form v1', () => {
  it('asks the general question and the four criteria of seed 004 §III.1', () => {
    expect(COUNTER_FORM_V1.questions.map((q) => q.key)).toEqual(['overall', 'access', 'attitude', 'responsibility', 'guidance']);
    expect(COUNTER_FORM_V1.questions[2]!.label).toBe('Thái độ của cán bộ, công chức khi tiếp xúc, giải quyết công việc');
    expect(COUNTER_FORM_V1.questions[4]!.label).toBe('Cách thức hướng dẫn, làm việc của cán bộ, công chức');
  });
  it('offers the three negative-conduct reports', () => {
    expect(COUNTER_FORM_V1.issues.map((i) => i.key)).toEqual(['harassment', 'extra_cost', 'negative_conduct']);
  });
  it('is built in, as version 1 of "counter"', () => {
    expect(BUILT_IN_FORMS.find((f) => f.key === 'counter' && f.version === 1)).toBe(COUNTER_FORM_V1);
  });
  it('has the default fields', () => {
    expect(DEFAULT_FIELDS).toEqual([
      'Tư pháp – Hộ tịch',
      'Chứng thực',
      'Đất đai – Tài nguyên môi trường',
      'Lao động – Thương binh và Xã hội',
      'Xây dựng',
      'Khác',
    ]);
  });
});
