/** ASCII file-name part from a Vietnamese label: "Bàn Tư pháp – Hộ tịch" → "ban-tu-phap-ho-tich". */
export function slugify(label: string, maxLength = 48): string {
  const ascii = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = ascii.slice(0, maxLength).replace(/-+$/, '');
  return cut === '' ? 'diem' : cut;
}
