import { useMemo, useState } from 'react';
import type { ComparisonReport, ComparisonRow } from '../../../services/api/comparison.ts';
import { formatCount, formatPercent } from '../../../services/format/staff.ts';
import { ariaSort, nextSort, sortRows, SORT_KEYS, type SortKey, type SortState } from '../../../state/comparison-table.ts';
import { CoverageCell, OutlierCell, RankCell } from './comparison-cells.tsx';

const PAGE = 200;

interface Column {
  readonly key: SortKey;
  readonly label: string;
  readonly num: boolean;
}

/** The sortable columns, SIPAS only for a form that has an index. */
function columnsOf(r: ComparisonReport): Column[] {
  return [
    { key: 'name', label: 'Đơn vị', num: false },
    { key: 'responses', label: 'Số phiếu (n)', num: true },
    { key: 'satisfied', label: 'Hài lòng', num: true },
    { key: 'dissatisfied', label: 'Không hài lòng', num: true },
    ...(r.form.hasIndex ? [{ key: 'sipas' as const, label: 'Chỉ số SIPAS', num: true }] : []),
    { key: 'coverage', label: 'Độ phủ (số phiếu/yêu cầu)', num: true },
    { key: 'rank', label: 'Hạng', num: true },
  ];
}

const SORT_LABELS: Record<SortKey, string> = {
  tree: 'Theo cây đơn vị',
  name: 'Tên đơn vị',
  responses: 'Số phiếu',
  satisfied: 'Tỷ lệ hài lòng',
  dissatisfied: 'Tỷ lệ không hài lòng',
  sipas: 'Chỉ số SIPAS',
  coverage: 'Độ phủ',
  rank: 'Hạng',
};

/**
 * Every unit of the comparison: sortable by a click (or Enter) on a column's header, each row
 * with its outlier wording (not a bare league table), small samples marked. Below 700 px the rows
 * are cards and a "Sắp xếp theo" select takes the headers' place. A row (or its name) opens the unit.
 */
export function ComparisonTable({
  report,
  sort,
  onSort,
  onOpen,
  currentUnitId,
}: {
  readonly report: ComparisonReport;
  readonly sort: SortState;
  readonly onSort: (s: SortState) => void;
  readonly onOpen: (row: ComparisonRow) => void;
  readonly currentUnitId: string;
}) {
  const columns = columnsOf(report);
  const rows = useMemo(() => sortRows(report.units, sort), [report, sort]);
  const [shown, setShown] = useState(PAGE);
  const treeOrder = sort.key === 'tree';
  const minDepth = Math.min(...report.units.map((u) => u.depth));
  const keys = SORT_KEYS.filter((k) => k !== 'sipas' || report.form.hasIndex);
  return (
    <>
      <div className="cmp-sort-bar">
        <label className="staff-inline-field">
          <span>Sắp xếp theo</span>
          <select value={sort.key} onChange={(e) => onSort(nextSort({ key: 'tree', dir: 'asc' }, e.target.value as SortKey))}>
            {keys.map((k) => (
              <option key={k} value={k}>
                {SORT_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        {!treeOrder && (
          <button type="button" className="staff-btn" onClick={() => onSort({ key: sort.key, dir: sort.dir === 'asc' ? 'desc' : 'asc' })}>
            {sort.dir === 'asc' ? 'Tăng dần ↑' : 'Giảm dần ↓'}
          </button>
        )}
      </div>
      <table className="cmp-table">
        <caption className="sr-only">
          Bảng so sánh {report.units.length} đơn vị; bấm tiêu đề cột để sắp xếp{treeOrder ? '' : `, đang sắp xếp theo ${SORT_LABELS[sort.key].toLocaleLowerCase('vi-VN')}`}.
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.num ? 'num' : undefined} aria-sort={ariaSort(sort, c.key)}>
                <button type="button" className="cmp-sort" onClick={() => onSort(nextSort(sort, c.key))}>
                  {c.label}
                  <span className="cmp-sort-mark" aria-hidden="true">
                    {sort.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            ))}
            <th scope="col">Đánh giá theo biểu đồ phễu</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, shown).map((r) => (
            <tr
              key={r.unitId}
              data-unit-id={r.unitId}
              data-unit-code={r.code}
              className={`cmp-row cmp-${r.outlier}${r.unitId === currentUnitId ? ' is-current' : ''}`}
              onClick={() => onOpen(r)}
            >
              <th scope="row" data-label="Đơn vị" style={treeOrder ? { paddingLeft: `${12 + 16 * (r.depth - minDepth)}px` } : undefined}>
                {/* The button is what the keyboard reaches; its click bubbles to the row. */}
                <button type="button" className="row-name cmp-open">
                  {r.name}
                </button>
                <span className="row-sub">
                  {r.kindLabel}
                  {!treeOrder && r.parentName ? ` · ${r.parentName}` : ''}
                  {r.children > 0 ? ` · ${r.children} đơn vị trực thuộc` : ''}
                  {r.unitId === currentUnitId ? ' · đang xem' : ''}
                </span>
                {r.flaggedOfficers > 0 && <span className="row-sub cmp-flagged">{r.flaggedOfficers} cán bộ có kết quả thấp</span>}
              </th>
              <td className="num" data-label="Số phiếu (n)" data-col="responses">
                <span>
                  {formatCount(r.responses)}
                  {r.smallSample && r.responses > 0 && <span className="badge badge-small">ít phiếu</span>}
                </span>
              </td>
              <td className="num" data-label="Hài lòng" data-col="satisfied">
                {formatPercent(r.satisfiedShare)}
              </td>
              <td className="num" data-label="Không hài lòng" data-col="dissatisfied">
                {formatPercent(r.dissatisfiedShare)}
              </td>
              {report.form.hasIndex && (
                <td className="num" data-label="Chỉ số SIPAS" data-col="sipas">
                  {formatPercent(r.sipasIndex)}
                </td>
              )}
              <td className="num" data-label="Độ phủ" data-col="coverage">
                <CoverageCell row={r} />
              </td>
              <td className="num" data-label="Hạng" data-col="rank">
                <RankCell row={r} />
              </td>
              <td data-label="Đánh giá" data-col="outlier">
                <OutlierCell row={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > shown && (
        <p className="cmp-more">
          <button type="button" className="staff-btn" onClick={() => setShown((n) => n + PAGE)}>
            Xem thêm {formatCount(Math.min(PAGE, rows.length - shown))} đơn vị (đang hiện {formatCount(shown)}/{formatCount(rows.length)})
          </button>
        </p>
      )}
    </>
  );
}
