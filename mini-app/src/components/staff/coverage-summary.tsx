import type { CoverageReport } from '../../services/api/coverage.ts';
import { formatCount, formatPercent, formatPercentShort } from '../../services/format/staff.ts';
import './coverage-summary.css';

type Coverage = Pick<CoverageReport, 'dossiers' | 'responses' | 'requiredShare' | 'requiredResponses' | 'met' | 'missing' | 'dossierSource'>;

/** "Đạt", "Còn thiếu N phiếu", or that no dossier count is known yet (then nothing can be judged). */
export function CoverageVerdict({ c }: { readonly c: Coverage }) {
  if (c.dossierSource === 'none' && c.dossiers === 0) return <span className="badge badge-open">Chưa có số hồ sơ</span>;
  if (c.met) return <span className="badge badge-ok">Đạt</span>;
  return <span className="badge badge-flag">Còn thiếu {formatCount(c.missing)} phiếu</span>;
}

/**
 * The unit's coverage of a period as the API computes it (R4.1): dossiers, responses, the
 * required share and number, the verdict; then the satisfied share with the API's note on what
 * Decision 766 would count instead.
 */
export function CoverageSummary({ c }: { readonly c: Coverage & Pick<CoverageReport, 'label' | 'yearDossiers' | 'rate766'> }) {
  return (
    <div className="coverage-summary">
      <dl className="coverage-figures">
        <div data-coverage="dossiers">
          <dt>Số hồ sơ</dt>
          <dd>{c.dossierSource === 'none' && c.dossiers === 0 ? 'Chưa nhập' : formatCount(c.dossiers)}</dd>
        </div>
        <div data-coverage="responses">
          <dt>Số phiếu</dt>
          <dd>{formatCount(c.responses)}</dd>
        </div>
        <div data-coverage="required">
          <dt>Cần tối thiểu</dt>
          <dd>
            {formatCount(c.requiredResponses)} phiếu <span className="staff-small">({formatPercentShort(c.requiredShare)} số hồ sơ)</span>
          </dd>
        </div>
        <div data-coverage="verdict">
          <dt>Kết quả</dt>
          <dd>
            <CoverageVerdict c={c} />
          </dd>
        </div>
      </dl>
      <p className="staff-small staff-muted">
        {c.yearDossiers === null
          ? 'Chưa có số hồ sơ cả năm: tỷ lệ phải khảo sát tạm tính theo số hồ sơ của kỳ.'
          : `Cả năm ${formatCount(c.yearDossiers)} hồ sơ: phải khảo sát ít nhất ${formatPercentShort(c.requiredShare)} số hồ sơ.`}
      </p>
      <Rate766 r={c.rate766} />
    </div>
  );
}

/** Per dossier when the unit issues receipt tickets (Decision 766 counts dossiers), else per response, said so. */
function Rate766({ r }: { readonly r: CoverageReport['rate766'] }) {
  if (r.basis === 'dossiers') {
    return (
      <p className="coverage-766">
        <strong>Tỷ lệ hài lòng theo hồ sơ: {formatPercent(r.share)}</strong> ({formatCount(r.satisfied)}/{formatCount(r.rated)} hồ sơ được đánh giá; {formatCount(r.rated)}/{formatCount(r.dossiers)} hồ sơ có đánh giá
        {r.ratedShare === null ? '' : `, ${formatPercent(r.ratedShare)}`}). {r.note}
      </p>
    );
  }
  return (
    <p className="coverage-766">
      <strong>Tỷ lệ hài lòng trên số phiếu: {formatPercent(r.share)}</strong> ({formatCount(r.satisfied)}/{formatCount(r.rated)} phiếu). {r.note}
    </p>
  );
}
