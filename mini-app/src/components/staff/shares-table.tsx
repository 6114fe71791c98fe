import { Link } from 'react-router-dom';
import type { SatisfactionRule, Shares } from '../../services/api/staff.ts';
import { formatCount, formatInterval, formatPercent, formatPercentShort } from '../../services/format/staff.ts';
import { LevelChips, type LevelScale } from './level-chips.tsx';
import { VerdictBadge, verdictFor, verdictRowClass } from './verdict.tsx';

/** A row is the API's results model as is: its flag, interval and small-sample mark are the server's. */
export type SharesRow = Shares & {
  readonly id: string;
  readonly name: string;
  readonly sub?: string | null;
};

/**
 * One row per officer, field or criterion: n, the five levels, the shares, the interval and the
 * marks. Below 700 px each row becomes a card (staff.css), the cells keeping their labels.
 * `withFlag` (officers: the rule's low rating is theirs) adds the verdict column (verdictOf's one
 * wording) and colours the row red (over, certain) or amber (over, maybe chance); a table without
 * the column does not mark rows by colour alone. `linkOf` makes a row's name a link (an officer's page).
 */
export function SharesTable({
  caption,
  nameHeader,
  rows,
  rule,
  scale,
  withFlag = false,
  linkOf,
}: {
  readonly caption: string;
  readonly nameHeader: string;
  readonly rows: readonly SharesRow[];
  readonly rule: SatisfactionRule;
  readonly scale?: LevelScale;
  readonly withFlag?: boolean;
  readonly linkOf?: (row: SharesRow) => string | null;
}) {
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
            Không hài lòng <span className="staff-small">(khoảng tin cậy {formatPercentShort(rule.confidence)})</span>
          </th>
          {withFlag && <th scope="col">Đánh giá</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const href = linkOf?.(r) ?? null;
          return (
            <tr key={r.id} data-row-id={r.id} className={withFlag ? verdictRowClass(verdictFor(r, rule)) : undefined}>
              <th scope="row" data-label={nameHeader}>
                {href ? (
                  <Link className="row-name row-link" to={href}>
                    {r.name}
                  </Link>
                ) : (
                  <span className="row-name">{r.name}</span>
                )}
                {r.sub && <span className="row-sub">{r.sub}</span>}
              </th>
              <td className="num" data-label="Số phiếu (n)" data-col="responses">
                {formatCount(r.responses)}
                {r.smallSample && r.responses > 0 && <span className="badge badge-small">ít dữ liệu</span>}
              </td>
              <td data-label="Mức 5 → 1" data-col="levels">
                <LevelChips levels={r.levels} scale={scale} />
              </td>
              <td className="num" data-label="Hài lòng" data-col="satisfied">
                {formatPercent(r.satisfiedShare)}
              </td>
              <td className="num" data-label="Không hài lòng" data-col="dissatisfied">
                <strong>{formatPercent(r.dissatisfiedShare)}</strong>
                {r.dissatisfiedInterval && <span className="row-sub">{formatInterval(r.dissatisfiedInterval)}</span>}
              </td>
              {withFlag && (
                <td data-label="Đánh giá" data-col="flag">
                  <VerdictBadge shares={r} rule={rule} />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
