import type { ReactNode } from 'react';
import { capitalize, formatCount, formatPercent } from '../../services/format/staff.ts';

export interface BucketRow {
  readonly key: string;
  /** What the row header says: a day, a week's range, "Tháng 03/2026". */
  readonly name: string;
  readonly responses: number;
  readonly satisfiedShare: number | null;
  readonly dissatisfiedShare: number | null;
}

/**
 * A trend as a table (day, week or month per row: responses, satisfied, dissatisfied): the same
 * on Trends, the officer's page and the report, with an optional footer row (the whole period).
 */
export function BucketTable({ unitWord, caption, rows, className, foot }: { unitWord: string; caption: string; rows: readonly BucketRow[]; className?: string; foot?: ReactNode }) {
  return (
    <table className={className ? `plain-table ${className}` : 'plain-table'}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{capitalize(unitWord)}</th>
          <th scope="col" className="num">
            Số phiếu
          </th>
          <th scope="col" className="num">
            Hài lòng
          </th>
          <th scope="col" className="num">
            Không hài lòng
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-bucket={r.key}>
            <th scope="row">{r.name}</th>
            <td className="num">{formatCount(r.responses)}</td>
            <td className="num">{formatPercent(r.satisfiedShare)}</td>
            <td className="num">{formatPercent(r.dissatisfiedShare)}</td>
          </tr>
        ))}
      </tbody>
      {foot}
    </table>
  );
}
