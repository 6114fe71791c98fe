import type { ComparisonRow } from '../../../services/api/comparison.ts';
import { formatCount } from '../../../services/format/staff.ts';

const BADGE: Record<ComparisonRow['outlier'], string> = {
  higher: 'badge-flag',
  lower: 'badge-ok',
  within: 'badge-info',
  too_few: 'badge-muted',
};

/** The server's outlier wording, coloured by what it says (and never by colour alone: the words are there). */
export function OutlierCell({ row }: { readonly row: ComparisonRow }) {
  return <span className={`badge cmp-outlier ${BADGE[row.outlier]}`}>{row.outlierText}</span>;
}

/** "12/30" and whether R4.1's share is met; a dash without a dossier count for the period. */
export function CoverageCell({ row }: { readonly row: ComparisonRow }) {
  const c = row.coverage;
  if (!c) return <span className="staff-muted" title="Chưa có số hồ sơ của kỳ này">–</span>;
  return (
    <span className="cmp-coverage">
      {formatCount(row.responses)}/{formatCount(c.requiredResponses)}
      <span className={`row-sub ${c.met ? 'cmp-met' : 'cmp-missing'}`}>{c.met ? 'Đạt' : `Thiếu ${formatCount(c.missing)} phiếu`}</span>
      <span className="row-sub">{formatCount(c.dossiers)} hồ sơ</span>
    </span>
  );
}

/** The rank, "đồng hạng" on a tie, and why a unit has none. */
export function RankCell({ row }: { readonly row: ComparisonRow }) {
  if (row.rank === null) {
    return (
      <span className="cmp-rank staff-muted">
        –<span className="row-sub">{row.responses === 0 ? 'Chưa có phiếu' : row.smallSample ? 'Ít phiếu, không xếp hạng' : 'Không xếp hạng'}</span>
      </span>
    );
  }
  return (
    <span className="cmp-rank">
      {row.rank}
      {row.rankTied && <span className="row-sub">đồng hạng</span>}
    </span>
  );
}
