import { describe, expect, it } from 'vitest';
import { parseListName, parseRespondentList, phoneOf, type ListRecord } from './campaign-list.ts';

const campaign = {
  fields: [
    { key: 'tu_phap', name: 'Tư pháp' },
    { key: 'ldtbxh', name: 'Lao động – Thương binh và Xã hội' },
  ],
  respondentKinds: [
    { key: 'citizen', label: 'Người dân' },
    { key: 'business', label: 'Doanh nghiệp' },
  ],
};
const headers = ['list', 'order', 'name', 'phone', 'address', 'field', 'kind', 'note'];
const row = (line: number, cells: Partial<Record<string, string>>): ListRecord => ({ line, cells: { list: 'official', order: String(line - 1), name: `Người ${line}`, phone: '', address: '', field: 'tu_phap', kind: '', note: '', ...cells } as Record<string, string> });

describe('respondent list files', () => {
  it('reads the list in English or Vietnamese, as seeds 000 and 003 name them', () => {
    expect(['official', 'Chính thức', ' CHÍNH   THỨC ', 'chinh thuc'].map(parseListName)).toEqual(['official', 'official', 'official', 'official']);
    expect(['reserve', 'Dự phòng', 'dự bị', 'du phong'].map(parseListName)).toEqual(['reserve', 'reserve', 'reserve', 'reserve']);
    expect(['', 'chính', 'backup', 'dự'].map(parseListName)).toEqual([null, null, null, null]);
  });

  it('takes phones as people write them, 8 to 15 digits', () => {
    expect(phoneOf('0912 345 678')).toBe('0912 345 678');
    expect(phoneOf('+84 912.345.678')).toBe('+84 912.345.678');
    expect(phoneOf('0220-3821-123')).toBe('0220-3821-123');
    expect(phoneOf('12345')).toBeNull();
    expect(phoneOf('091234567a')).toBeNull();
  });

  it('maps fields and kinds by key or name, the first kind when none is given', () => {
    const { entries, problems } = parseRespondentList(headers, [row(2, { field: 'Tư pháp', kind: '' }), row(3, { field: 'LDTBXH', kind: 'doanh nghiệp', list: 'dự phòng', order: '1', phone: '0912345678' })], campaign);
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.list, e.order, e.fieldKey, e.respondentKind, e.phone])).toEqual([
      ['official', 1, 'tu_phap', 'citizen', null],
      ['reserve', 1, 'ldtbxh', 'business', '0912345678'],
    ]);
  });

  it('names every bad line, and then gives no entry at all', () => {
    const { entries, problems } = parseRespondentList(
      headers,
      [
        row(2, {}),
        row(3, { field: 'xay_dung' }),
        row(4, { list: 'chính' }),
        row(5, { name: '' }),
        row(6, { order: '1' }),
        row(7, { order: 'x' }),
        row(8, { kind: 'hộ kinh doanh' }),
        row(9, { phone: '123' }),
        // The same order on another list, or in another field, is no duplicate.
        row(10, { order: '1', list: 'reserve' }),
        row(11, { order: '1', field: 'ldtbxh' }),
      ],
      campaign,
    );
    expect(entries).toEqual([]);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(problems[0]!.message).toMatch(/Lĩnh vực "xay_dung" không có/);
    expect(problems[1]!.message).toMatch(/Danh sách "chính" không hợp lệ/);
    expect(problems[2]!.message).toBe('Thiếu họ và tên.');
    expect(problems[3]!.message).toMatch(/Trùng số thứ tự 1 .* với dòng 2/);
    expect(problems[4]!.message).toMatch(/Số thứ tự "x"/);
    expect(problems[5]!.message).toMatch(/Đối tượng "hộ kinh doanh"/);
    expect(problems[6]!.message).toMatch(/Số điện thoại "123"/);
  });

  it('needs the list, order and name columns, and field when the campaign has more than one', () => {
    expect(parseRespondentList(['name', 'order'], [row(2, {})], campaign).problems).toEqual([{ line: 1, message: 'Thiếu cột: list, field.' }]);
    expect(parseRespondentList(['danh sách', 'stt', 'họ và tên'], [{ line: 2, cells: { 'danh sách': 'chính thức', stt: '1', 'họ và tên': 'Nguyễn Văn A' } }], { ...campaign, fields: [campaign.fields[0]!] }).entries).toMatchObject([{ name: 'Nguyễn Văn A', fieldKey: 'tu_phap', list: 'official' }]);
    expect(parseRespondentList([], [], campaign).problems[0]!.line).toBe(1);
    expect(parseRespondentList(headers, [], campaign).problems[0]!.message).toMatch(/không có người nào/);
  });
});
