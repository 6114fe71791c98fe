import { formatViDate } from '../../domain/day.ts';
import { LEVELS } from '../../domain/levels.ts';
import { verdictOf, type Shares } from '../../domain/results.ts';
import { thresholdText } from '../../domain/rule.ts';
import type { IndexGroup } from '../../domain/sipas.ts';
import type { ReportData, ReportRow } from './report-data.ts';

/** What a column holds: spreadsheets get numbers as numbers and shares as percentages. */
export type ColumnKind = 'text' | 'count' | 'share' | 'instant';
export type Cell = string | number | null;

export interface ReportColumn {
  header: string;
  kind: ColumnKind;
  width?: number;
}

export interface ReportTable {
  /** The sheet's name (≤ 31 characters, no []:*?/\). */
  sheet: string;
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  note?: string;
}

const SHARE_COLUMNS: ReportColumn[] = [
  { header: 'Số phiếu', kind: 'count' },
  ...[...LEVELS].reverse().map((l): ReportColumn => ({ header: l.label, kind: 'count' })),
  { header: 'Tỷ lệ hài lòng', kind: 'share' },
  { header: 'Tỷ lệ không hài lòng', kind: 'share' },
];

/** Levels as written in the tables: 5 (Rất hài lòng) first, as on the form. */
const shareCells = (s: Shares): Cell[] => [s.responses, s.levels['5'], s.levels['4'], s.levels['3'], s.levels['2'], s.levels['1'], s.satisfiedShare, s.dissatisfiedShare];

function sharesTable(r: ReportData, sheet: string, title: string, nameHeader: string, rows: ReportRow[], opts: { detail?: string; flagged?: boolean } = {}): ReportTable {
  const columns: ReportColumn[] = [{ header: nameHeader, kind: 'text', width: 34 }];
  if (opts.detail) columns.push({ header: opts.detail, kind: 'text', width: 28 });
  columns.push(...SHARE_COLUMNS);
  if (opts.flagged) {
    columns.push(
      { header: `Cận dưới khoảng tin cậy ${Math.round(r.rule.confidence * 100)}%`, kind: 'share' },
      { header: `Cận trên khoảng tin cậy ${Math.round(r.rule.confidence * 100)}%`, kind: 'share' },
      { header: `Đánh giá (quy định ${thresholdText(r.rule)})`, kind: 'text', width: 30 },
    );
  }
  columns.push({ header: 'Ghi chú', kind: 'text', width: 20 });
  return {
    sheet,
    title,
    columns,
    rows: rows.map((row) => {
      const s = row.shares;
      const cells: Cell[] = [row.name];
      if (opts.detail) cells.push(row.detail);
      cells.push(...shareCells(s));
      if (opts.flagged) cells.push(s.dissatisfiedInterval?.low ?? null, s.dissatisfiedInterval?.high ?? null, verdictOf(s, r.rule).label);
      cells.push(s.responses > 0 && s.smallSample ? `Ít dữ liệu (dưới ${r.rule.smallSample} phiếu)` : null);
      return cells;
    }),
  };
}

/**
 * The report as tables, one per sheet of the XLSX and one per section of the CSV: the same
 * figures as the PDF, from the same ReportData. Officers and comments only in the internal one.
 */
export function reportTables(r: ReportData): ReportTable[] {
  const tables: ReportTable[] = [];
  tables.push({
    sheet: 'Thông tin',
    title: 'Thông tin chung',
    columns: [
      { header: 'Mục', kind: 'text', width: 30 },
      { header: 'Giá trị', kind: 'text', width: 80 },
    ],
    rows: [
      ['Đơn vị', r.unit.name],
      ['Kỳ báo cáo', `${r.period.label} (${formatViDate(r.period.from)} – ${formatViDate(r.period.to)})`],
      ['Từ ngày', r.period.from],
      ['Đến ngày', r.period.to],
      ['Số liệu đến hết ngày', r.dataUntil],
      ['Phiếu khảo sát', `${r.form.title} (mẫu "${r.form.key}", phiên bản ${r.form.version})`],
      ['Bản', r.audience === 'internal' ? 'Nội bộ' : 'Công khai'],
      ['Tổng số phiếu', String(r.total.responses)],
      ['Kênh khảo sát', r.channels.length === 0 ? 'Chưa có phiếu' : r.channels.map((c) => `${c.label}: ${c.responses}`).join('; ')],
      ['Quy tắc', `Không hài lòng trên ${thresholdText(r.rule)} là kết quả thấp; dưới ${r.rule.smallSample} phiếu là ít dữ liệu`],
      ['Chuỗi băm đến hết kỳ', r.chainHead ? `${r.chainHead.seq} phiếu; mã băm cuối ${r.chainHead.hash}` : 'Chưa có phiếu'],
      ['Lập lúc', r.generatedAt],
    ],
  });
  tables.push({
    sheet: 'Mức độ',
    title: 'Mức độ hài lòng chung',
    columns: [
      { header: 'Mức độ', kind: 'text', width: 24 },
      { header: 'Số phiếu', kind: 'count' },
      { header: 'Tỷ lệ', kind: 'share' },
    ],
    rows: [
      ...[...LEVELS].map((l): Cell[] => {
        const n = r.total.levels[String(l.value) as keyof Shares['levels']];
        return [l.label, n, r.total.responses === 0 ? null : n / r.total.responses];
      }),
      ['Tổng số', r.total.responses, r.total.responses === 0 ? null : 1],
    ],
  });
  tables.push(sharesTable(r, 'Tiêu chí', 'Theo tiêu chí', 'Tiêu chí', r.questions, { detail: r.questions.some((q) => q.detail) ? 'Nhóm' : undefined }));
  const unitName = r.trend.unit === 'day' ? 'ngày' : r.trend.unit === 'week' ? 'tuần' : 'tháng';
  tables.push(sharesTable(r, 'Diễn biến', `Diễn biến theo ${unitName}`, unitName[0]!.toLocaleUpperCase('vi-VN') + unitName.slice(1), r.trend.rows, { detail: 'Khoảng ngày' }));
  tables.push(sharesTable(r, 'Lĩnh vực', 'Theo lĩnh vực', 'Lĩnh vực', r.fields));
  if (r.officers) tables.push(sharesTable(r, 'Cán bộ', 'Theo cán bộ, công chức', 'Cán bộ, công chức', r.officers, { detail: 'Chức danh', flagged: true }));
  if (r.index) {
    const rows: Cell[][] = [['Chỉ số chung', 0, r.index.index, null]];
    const walk = (g: IndexGroup, depth: number) => {
      rows.push([g.label, depth + 1, g.index, g.items.reduce((a, i) => a + i.answers, 0) + g.groups.reduce((a, s) => a + s.items.reduce((b, i) => b + i.answers, 0), 0)]);
      for (const s of g.groups) walk(s, depth + 1);
    };
    for (const g of r.index.groups) walk(g, 0);
    tables.push({
      sheet: 'Chỉ số SIPAS',
      title: 'Chỉ số hài lòng về sự phục vụ hành chính',
      columns: [
        { header: 'Khía cạnh, yếu tố', kind: 'text', width: 50 },
        { header: 'Cấp', kind: 'count' },
        { header: 'Chỉ số', kind: 'share' },
        { header: 'Lượt trả lời', kind: 'count' },
      ],
      rows,
    });
  }
  tables.push({
    sheet: 'Kênh',
    title: 'Theo kênh khảo sát',
    columns: [
      { header: 'Kênh', kind: 'text', width: 30 },
      { header: 'Số phiếu', kind: 'count' },
    ],
    rows: r.channels.map((c) => [c.label, c.responses]),
  });
  if (r.coverage) {
    const c = r.coverage;
    tables.push({
      sheet: 'Số hồ sơ',
      title: 'Số phiếu so với số hồ sơ giải quyết',
      columns: [
        { header: 'Lĩnh vực', kind: 'text', width: 34 },
        { header: 'Số hồ sơ', kind: 'count' },
        { header: 'Số phiếu', kind: 'count' },
        { header: 'Tỷ lệ yêu cầu', kind: 'share' },
        { header: 'Số phiếu yêu cầu', kind: 'count' },
        { header: 'Đạt', kind: 'text' },
        { header: 'Còn thiếu', kind: 'count' },
      ],
      rows: [
        ['Toàn đơn vị', c.dossierSource === 'none' ? null : c.dossiers, c.responses, c.dossierSource === 'none' ? null : c.requiredShare, c.dossierSource === 'none' ? null : c.requiredResponses, c.dossierSource === 'none' ? 'Chưa nhập số hồ sơ' : c.met ? 'Đạt' : 'Chưa đạt', c.dossierSource === 'none' ? null : c.missing],
        ...c.fields.filter((f) => f.dossiers > 0 || f.responses > 0).map((f): Cell[] => [f.name, f.dossiers, f.responses, f.requiredShare, f.requiredResponses, f.met ? 'Đạt' : 'Chưa đạt', f.missing]),
      ],
      note: c.rate766.note,
    });
  }
  tables.push({
    sheet: 'Phản ánh',
    title: 'Phản ánh tiêu cực, nhũng nhiễu',
    columns: [
      { header: 'Nội dung phản ánh', kind: 'text', width: 50 },
      { header: 'Số phiếu', kind: 'count' },
      { header: 'Đã xử lý', kind: 'count' },
    ],
    rows: r.issueCounts.map((i) => [i.label, i.count, i.handled]),
  });
  if (r.comments) {
    tables.push({
      sheet: 'Góp ý',
      title: 'Góp ý, phản ánh và kết quả xử lý',
      columns: [
        { header: 'Số thứ tự phiếu', kind: 'count' },
        { header: 'Thời gian', kind: 'instant', width: 18 },
        { header: 'Cán bộ', kind: 'text', width: 22 },
        { header: 'Lĩnh vực', kind: 'text', width: 22 },
        { header: 'Mức hài lòng chung', kind: 'count' },
        { header: 'Phản ánh', kind: 'text', width: 40 },
        { header: 'Góp ý', kind: 'text', width: 50 },
        { header: 'Xử lý', kind: 'text', width: 12 },
        { header: 'Ghi chú xử lý', kind: 'text', width: 40 },
        { header: 'Người xử lý', kind: 'text', width: 16 },
      ],
      rows: r.comments.map((c) => [
        c.seq,
        c.receivedAt,
        c.officer,
        c.field,
        c.level,
        c.issues.join('; ') || null,
        c.comment,
        c.handling ? (c.handling.handled ? 'Đã xử lý' : 'Mở lại') : 'Chưa xử lý',
        c.handling?.note || null,
        c.handling?.by ?? null,
      ]),
    });
  }
  return tables;
}
