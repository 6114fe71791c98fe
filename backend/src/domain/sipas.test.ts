import { describe, expect, it } from 'vitest';
import { SIPAS_FORM_V1 } from './built-in-forms.ts';
import { sipasIndex } from './sipas.ts';
import { emptyLevels, type LevelCounts } from './tally.ts';

const levels = (n1: number, n2: number, n3: number, n4: number, n5: number): LevelCounts => ({ '1': n1, '2': n2, '3': n3, '4': n4, '5': n5 });

describe('the SIPAS questionnaire (seed 000 §III.3)', () => {
  it('has 2 aspects, 9 factors (4 + 5) and 19 items (7 + 12), each under a factor, plus the general question', () => {
    const aspects = SIPAS_FORM_V1.groups.filter((g) => g.parent === undefined);
    expect(aspects.map((a) => a.key)).toEqual(['chinh_sach', 'dich_vu']);
    const factorsOf = (a: string) => SIPAS_FORM_V1.groups.filter((g) => g.parent === a);
    expect(factorsOf('chinh_sach')).toHaveLength(4);
    expect(factorsOf('dich_vu').map((f) => f.label)).toEqual(['Tiếp cận dịch vụ', 'Thủ tục hành chính', 'Công chức giải quyết công việc', 'Kết quả dịch vụ', 'Tiếp nhận, xử lý phản ánh, kiến nghị của người dân']);
    const itemsOf = (a: string) => SIPAS_FORM_V1.questions.filter((q) => factorsOf(a).some((f) => f.key === q.group));
    expect(itemsOf('chinh_sach')).toHaveLength(7);
    expect(itemsOf('dich_vu')).toHaveLength(12);
    expect(SIPAS_FORM_V1.questions.filter((q) => q.group === undefined).map((q) => q.key)).toEqual(['overall']);
    for (const f of SIPAS_FORM_V1.groups.filter((g) => g.parent !== undefined)) expect(SIPAS_FORM_V1.questions.some((q) => q.group === f.key)).toBe(true);
  });
});

describe('the SIPAS index on a hand-worked set of answers', () => {
  it('item = share satisfied of its answers; factor, aspect = mean of what they hold; overall = mean of the aspects', () => {
    // Ten respondents. Hand-worked (docs/sipas.md):
    // cs1: 8 of 10 satisfied = 0.8; cs2: 6 of 10 = 0.6 → factor cs_thong_tin 0.7
    // cs3: 5 of 10 = 0.5; cs4: 3 of 6 answered = 0.5 → cs_tham_gia 0.5
    // cs5: 7 of 10 = 0.7 → cs_chat_luong 0.7
    // cs6: 9 of 10 = 0.9; cs7: not answered → cs_ket_qua 0.9
    // aspect chinh_sach = (0.7 + 0.5 + 0.7 + 0.9) / 4 = 0.7
    // dv1 = 1.0, dv2 = 0.8 → dv_tiep_can 0.9; dv3 0.6, dv4 0.9, dv5 0.6 → dv_thu_tuc 0.7
    // dv6 1.0, dv7 0.7, dv8 0.7 → dv_cong_chuc 0.8; dv9 0.5, dv10 0.9 → dv_ket_qua 0.7
    // dv11 0.4, dv12 0.6 → dv_phan_anh 0.5
    // aspect dich_vu = (0.9 + 0.7 + 0.8 + 0.7 + 0.5) / 5 = 0.72; overall = (0.7 + 0.72) / 2 = 0.71
    const answered = (satisfied: number, total = 10) => levels(1, total - satisfied - 1, 0, satisfied, 0);
    const m = new Map<string, LevelCounts>([
      ['cs1', answered(8)],
      ['cs2', answered(6)],
      ['cs3', answered(5)],
      ['cs4', answered(3, 6)],
      ['cs5', answered(7)],
      ['cs6', answered(9)],
      ['cs7', emptyLevels()],
      ['dv1', levels(0, 0, 0, 4, 6)],
      ['dv2', answered(8)],
      ['dv3', answered(6)],
      ['dv4', answered(9)],
      ['dv5', answered(6)],
      ['dv6', levels(0, 0, 0, 0, 10)],
      ['dv7', answered(7)],
      ['dv8', answered(7)],
      ['dv9', answered(5)],
      ['dv10', answered(9)],
      ['dv11', answered(4)],
      ['dv12', answered(6)],
      ['overall', levels(10, 0, 0, 0, 0)], // not part of the index
    ]);
    const r = sipasIndex(SIPAS_FORM_V1, m);
    const group = (key: string) => r.groups.flatMap((a) => [a, ...a.groups]).find((g) => g.key === key)!;
    expect(group('cs_thong_tin').index).toBeCloseTo(0.7, 12);
    expect(group('cs_tham_gia').index).toBeCloseTo(0.5, 12);
    expect(group('cs_ket_qua').index).toBeCloseTo(0.9, 12);
    expect(group('cs_ket_qua').items.find((i) => i.key === 'cs7')).toMatchObject({ answers: 0, index: null });
    expect(group('chinh_sach').index).toBeCloseTo(0.7, 12);
    expect(group('dv_tiep_can').index).toBeCloseTo(0.9, 12);
    expect(group('dv_thu_tuc').index).toBeCloseTo(0.7, 12);
    expect(group('dv_cong_chuc').index).toBeCloseTo(0.8, 12);
    expect(group('dv_phan_anh').index).toBeCloseTo(0.5, 12);
    expect(group('dich_vu').index).toBeCloseTo(0.72, 12);
    expect(r.index).toBeCloseTo(0.71, 12);
  });

  it('is null where nothing was answered, and an aspect with no answers drops out of the mean', () => {
    expect(sipasIndex(SIPAS_FORM_V1, new Map()).index).toBeNull();
    const onlyService = new Map<string, LevelCounts>([['dv1', levels(0, 0, 0, 1, 1)]]);
    const r = sipasIndex(SIPAS_FORM_V1, onlyService);
    expect(r.groups.find((g) => g.key === 'chinh_sach')!.index).toBeNull();
    expect(r.index).toBe(1);
  });
});
