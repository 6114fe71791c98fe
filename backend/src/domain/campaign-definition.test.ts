import { describe, expect, it } from 'vitest';
import { definitionProblems, expandQuotas, matchUnitField } from './campaign-definition.ts';

const base = {
  unitIds: ['a', 'b'],
  fields: [
    { key: 'tu_phap', name: 'Tư pháp' },
    { key: 'ldtbxh', name: 'Lao động – TBXH' },
  ],
  respondentKinds: [
    { key: 'citizen', label: 'Người dân' },
    { key: 'business', label: 'Doanh nghiệp' },
  ],
};

describe('a campaign definition', () => {
  it('gives each unit its own quota, else the one for every unit', () => {
    const quotas = expandQuotas({
      ...base,
      quotas: [
        { fieldKey: 'tu_phap', respondentKind: 'citizen', official: 20, reserve: 20 },
        { unitId: 'b', fieldKey: 'tu_phap', respondentKind: 'citizen', official: 10, reserve: 10 },
        { unitId: 'b', fieldKey: 'ldtbxh', respondentKind: 'business', official: 2, reserve: 1 },
      ],
    });
    expect(quotas.map((q) => [q.unitId, q.fieldKey, q.respondentKind, q.official, q.reserve])).toEqual([
      ['a', 'tu_phap', 'citizen', 20, 20],
      ['b', 'tu_phap', 'citizen', 10, 10],
      ['b', 'ldtbxh', 'business', 2, 1],
    ]);
  });

  it('names each problem by its path', () => {
    const problems = definitionProblems(
      {
        ...base,
        unitIds: ['a', 'b', 'a', 'z'],
        fields: [...base.fields, { key: 'tu_phap', name: 'again' }],
        quotas: [
          { unitId: 'y', fieldKey: 'xd', respondentKind: 'org', official: 1, reserve: 0 },
          { fieldKey: 'tu_phap', respondentKind: 'citizen', official: 1, reserve: 0 },
          { fieldKey: 'tu_phap', respondentKind: 'citizen', official: 2, reserve: 0 },
        ],
      },
      new Set(['a', 'b', 'y']),
    );
    expect(problems.map((p) => p.path)).toEqual(['fields.2.key', 'unitIds.2', 'unitIds.3', 'quotas.0.unitId', 'quotas.0.fieldKey', 'quotas.0.respondentKind', 'quotas.2']);
    expect(definitionProblems({ ...base, quotas: [] }, new Set(['a', 'b']))).toEqual([]);
  });

  it("finds the unit's field of the same name, or one that extends it", () => {
    const fields = [
      { id: 'f1', name: 'Tư pháp – Hộ tịch' },
      { id: 'f2', name: 'Chứng thực' },
      { id: 'f4', name: 'Lao động – Thương binh và Xã hội' },
    ];
    expect(matchUnitField('Tư pháp', fields)).toBe('f1');
    expect(matchUnitField('tư pháp - hộ tịch', fields)).toBe('f1');
    expect(matchUnitField('Chứng thực', fields)).toBe('f2');
    expect(matchUnitField('Chứng', fields)).toBeUndefined();
    expect(matchUnitField('Lao động – TBXH', fields)).toBeUndefined();
  });
});
