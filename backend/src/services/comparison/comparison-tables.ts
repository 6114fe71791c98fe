import { formatViDate } from '../../domain/day.ts';
import { thresholdText } from '../../domain/rule.ts';
import type { Cell, ReportColumn } from '../report/report-tables.ts';
import type { ComparisonReport, ComparisonRow } from './comparison.service.ts';

/**
 * The province report (issue 29) as one table, one row per unit, for the XLSX and the PDF alike:
 * figures only — no officer's name, no comment ever appears in it.
 */
export interface ComparisonTable {
  title: string;
  subtitle: string;
  columns: (ReportColumn & { pdfWidth: number })[];
  rows: Cell[][];
  /** Label, value: the overall figures and how the table was made. */
  info: [string, string][];
  notes: string[];
}

const indent = (r: ComparisonRow) => `${'  '.repeat(Math.max(0, r.depth - 1))}${r.name}`;

export function comparisonTitle(r: ComparisonReport): string {
  return `So sánh kết quả khảo sát sự hài lòng giữa các đơn vị – ${r.unit.name}`;
}

export function periodText(r: ComparisonReport): string {
  return r.period.kind === 'range' ? r.period.label : `${r.period.label} (từ ${formatViDate(r.from)} đến ${formatViDate(r.to)})`;
}

export function comparisonTable(r: ComparisonReport): ComparisonTable {
  const sipas = r.form.hasIndex;
  const columns: ComparisonTable['columns'] = [
    { header: 'STT', kind: 'count', width: 6, pdfWidth: 3 },
    { header: 'Mã đơn vị', kind: 'text', width: 16, pdfWidth: 7 },
    { header: 'Đơn vị', kind: 'text', width: 36, pdfWidth: 16 },
    { header: 'Trực thuộc', kind: 'text', width: 26, pdfWidth: 11 },
    { header: 'Số phiếu', kind: 'count', width: 10, pdfWidth: 5 },
    { header: 'Tỷ lệ hài lòng', kind: 'share', width: 12, pdfWidth: 6 },
    { header: 'Tỷ lệ không hài lòng', kind: 'share', width: 13, pdfWidth: 6 },
    ...(sipas ? [{ header: 'Chỉ số SIPAS', kind: 'share' as const, width: 12, pdfWidth: 6 }] : []),
    { header: `Cán bộ không hài lòng trên ${thresholdText(r.rule)}`, kind: 'count', width: 14, pdfWidth: 6 },
    { header: 'Số hồ sơ', kind: 'count', width: 11, pdfWidth: 6 },
    { header: 'Số phiếu tối thiểu', kind: 'count', width: 11, pdfWidth: 6 },
    { header: 'Đạt tỷ lệ khảo sát', kind: 'text', width: 12, pdfWidth: 6 },
    { header: 'Đánh giá theo biểu đồ phễu', kind: 'text', width: 48, pdfWidth: 17 },
    { header: 'Hạng', kind: 'count', width: 8, pdfWidth: 4 },
    { header: 'Ghi chú', kind: 'text', width: 18, pdfWidth: 6 },
  ];
  const rows = r.units.map((u, i): Cell[] => [
    i + 1,
    u.code,
    indent(u),
    u.parentName,
    u.responses,
    u.satisfiedShare,
    u.dissatisfiedShare,
    ...(sipas ? [u.sipasIndex] : []),
    u.flaggedOfficers,
    u.coverage?.dossiers ?? null,
    u.coverage?.requiredResponses ?? null,
    u.coverage ? (u.coverage.met ? 'Đạt' : `Chưa đạt (thiếu ${u.coverage.missing})`) : null,
    u.outlierText,
    u.rank,
    u.rankTied ? 'Đồng hạng' : u.smallSample ? `Ít dữ liệu (dưới ${r.ranking.minResponses} phiếu)` : null,
  ]);
  const o = r.overall;
  const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1).replace('.', ',')} %`);
  return {
    title: comparisonTitle(r),
    subtitle: `${periodText(r)} – ${r.form.title}`,
    columns,
    rows,
    info: [
      ['Đơn vị', r.unit.name],
      ['Kỳ', periodText(r)],
      ['Phiếu khảo sát', `${r.form.title} (mẫu "${r.form.key}", phiên bản ${r.form.version})`],
      ...(r.campaignId ? [['Đợt khảo sát', r.campaignId] as [string, string]] : []),
      ['Số đơn vị', String(r.units.length)],
      ['Tổng số phiếu', String(o.responses)],
      ['Tỷ lệ hài lòng chung', pct(o.satisfiedShare)],
      ['Tỷ lệ không hài lòng chung (mức chung)', pct(o.dissatisfiedShare)],
      ['Xếp hạng', r.ranking.note],
    ],
    notes: r.notes,
  };
}
