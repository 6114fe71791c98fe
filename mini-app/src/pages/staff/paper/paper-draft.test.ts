import { describe, expect, it } from 'vitest';
import { DESK_FORM } from '../report-fixtures.tsx';
import { draftOf, EMPTY_DRAFT, inputOf, levelOfKey, missingQuestion } from './paper-draft.ts';

const optional = { ...DESK_FORM, questions: DESK_FORM.questions.map((q, i) => (i === 1 ? { ...q, mandatory: false } : q)) };

describe('paper drafts', () => {
  it('takes only the digits 1–5 as levels', () => {
    expect(['1', '2', '3', '4', '5'].map(levelOfKey)).toEqual([1, 2, 3, 4, 5]);
    for (const k of ['0', '6', '9', 'a', ' ', 'Enter', '12', '']) expect(levelOfKey(k)).toBeNull();
  });

  it('sends blank optional questions as absent, empty selects and comment as null, issues in the form order', () => {
    const d = { ...EMPTY_DRAFT, answers: { chung: '2', thai_do: '' }, issues: ['phien_ha'], comment: '  Chờ lâu.  ' };
    expect(inputOf(optional, d)).toEqual({ officerId: null, fieldId: null, answers: { chung: 2 }, issues: ['phien_ha'], comment: 'Chờ lâu.' });
    expect(inputOf(optional, { ...d, officerId: 'o1', fieldId: 'f1', comment: ' ' })).toMatchObject({ officerId: 'o1', fieldId: 'f1', comment: null });
  });

  it('names the first mandatory question left blank', () => {
    expect(missingQuestion(DESK_FORM, { ...EMPTY_DRAFT, answers: { chung: '5' } })?.key).toBe('thai_do');
    expect(missingQuestion(optional, { ...EMPTY_DRAFT, answers: { chung: '5' } })).toBeNull();
    expect(missingQuestion(DESK_FORM, EMPTY_DRAFT)?.key).toBe('chung');
  });

  it('puts a typed form back into the entry form to correct it', () => {
    const form = { id: 'pf2', batchId: 'b1', formNo: 2, officerId: 'o1', fieldId: null, answers: { chung: 1, thai_do: 4 }, issues: ['phien_ha'], comment: null, enteredBy: 's', enteredAt: '2026-03-02T02:00:00.000Z', responseId: null };
    expect(draftOf(form)).toEqual({ answers: { chung: '1', thai_do: '4' }, officerId: 'o1', fieldId: '', issues: ['phien_ha'], comment: '' });
  });
});
