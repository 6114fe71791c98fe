import type { Unit } from '../../../backend/src/db/units.repository.ts';

export interface IndexEntry {
  pointId: string;
  label: string;
  officer: string | null;
  deepLink: string;
  webLink: string;
  files: { svg: string; png: string; a4: string; a5: string };
}

/** qr-codes/<unit>/README.md: what to print, for the clerk; no timestamps, so it only changes with the data. */
export function unitIndexMarkdown(unit: Unit, entries: IndexEntry[]): string {
  const rows = entries.map(
    (e) =>
      `| ${e.label} | ${e.officer ?? 'cả quầy (người dân chọn cán bộ)'} | [A4](${e.files.a4}) · [A5](${e.files.a5}) | [SVG](${e.files.svg}) · [PNG](${e.files.png}) | \`${e.pointId.slice(0, 8)}\` |`,
  );
  const links = entries.map((e) => `- **${e.label}** (\`${e.pointId.slice(0, 8)}\`)\n  - Zalo: ${e.deepLink}\n  - Web: ${e.webLink}`);
  return [
    `# ${unit.name}: mã QR và áp phích`,
    '',
    'Tạo tự động bằng `npm run qr`; không sửa tay. In áp phích A4 (hoặc A5) và dán tại quầy / bàn làm việc.',
    'Mã QR chỉ dùng được với máy chủ đã tạo ra nó (mã được ký bằng APP_SECRET của máy chủ đó).',
    '',
    '| Điểm | Cán bộ | Áp phích | Mã QR | Mã điểm |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '## Liên kết',
    '',
    ...links,
    '',
  ].join('\n');
}
