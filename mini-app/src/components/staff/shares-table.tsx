import { formatCount, formatInterval, formatPercent, SMALL_SAMPLE, wilsonInterval } from '../../services/staff-format.ts';
import { LevelChips } from './level-chips.tsx';

export interface SharesRow {
  readonly id: string;
  readonly name: string;
  readonly sub?: string | null;
  readonly responses: number;
  readonly levels: Readonly<Record<'1' | '2' | '3' | '4' | '5', number>>;
  readonly satisfiedShare: number | null;
  readonly dissatisfiedShare: number | null;
  /** Given by the server for officers; computed from the levels otherwise. */
  readonly interval?: { low: number; high: number } | null;
  readonly flagged?: boolean;
}

/**
 * One row per officer, field or criterion: n, the five levels, the shares, the 95 % interval and
 * the marks. Below 700 px each row becomes a card (staff.css), the cells keeping their labels.
 */
export function SharesTable({ caption, nameHeader, rows, withFlag = false }: { readonly caption: string; readonly nameHeader: string; readonly rows: readonly SharesRow[]; readonly withFlag?: boolean }) {
  return (
    <table className="shares-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameHeader}</th>
          <th scope="col" className="num">
            Số phiếu (n)
          </th>
          <th scope="col">Mức đánh giá (5 → 1)</th>
          <th scope="col" className="num">
            Hài lòng
          </th>
          <th scope="col" className="num">
            Không hài lòng <span className="staff-small">(khoảng tin cậy 95%)</span>
          </th>
          {withFlag && <th scope="col">Đánh giá</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const interval = r.interval !== undefined ? r.interval : wilsonInterval(r.levels['1'] + r.levels['2'], r.responses);
          const small = r.responses > 0 && r.responses < SMALL_SAMPLE;
          return (
            <tr key={r.id} data-row-id={r.id} className={r.flagged ? 'is-flagged' : undefined}>
              <th scope="row" data-label={nameHeader}>
                <span className="row-name">{r.name}</span>
                {r.sub && <span className="row-sub">{r.sub}</span>}
              </th>
              <td className="num" data-label="Số phiếu (n)" data-col="responses">
                {formatCount(r.responses)}
                {small && <span className="badge badge-small">ít dữ liệu</span>}
              </td>
              <td data-label="Mức 5 → 1" data-col="levels">
                <LevelChips levels={r.levels} />
              </td>
              <td className="num" data-label="Hài lòng" data-col="satisfied">
                {formatPercent(r.satisfiedShare)}
              </td>
              <td className="num" data-label="Không hài lòng" data-col="dissatisfied">
                <strong>{formatPercent(r.dissatisfiedShare)}</strong>
                {interval && <span className="row-sub">{formatInterval(interval)}</span>}
              </td>
              {withFlag && (
                <td data-label="Đánh giá" data-col="flag">
                  {r.flagged ? (
                    <span className="badge badge-flag">Trên 25% không hài lòng</span>
                  ) : r.responses === 0 ? (
                    <span className="staff-muted">Chưa có phiếu</span>
                  ) : (
                    <span className="badge badge-ok">Đạt</span>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
