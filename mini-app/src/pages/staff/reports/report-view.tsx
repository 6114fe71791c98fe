import { CoverageSummary } from '../../../components/staff/coverage-summary.tsx';
import { LevelLegend } from '../../../components/staff/level-chips.tsx';
import { SharesTable, type SharesRow } from '../../../components/staff/shares-table.tsx';
import { SipasIndexTable } from '../../../components/staff/sipas-index-table.tsx';
import { StatTile } from '../../../components/staff/stat-tile.tsx';
import { BucketTable } from '../../../components/staff/bucket-table.tsx';
import { UNIT_WORDS } from '../../../components/staff/bucket-words.ts';
import { officerHref } from '../../../components/staff/officer-link.ts';
import { FlaggedNote } from '../../../components/staff/verdict-notes.tsx';
import { overRuleWords } from '../../../components/staff/verdict.tsx';
import type { ReportData, ReportRow } from '../../../services/api/reports.ts';
import { formatCount, formatDay, formatInstant, formatPercent } from '../../../services/format/staff.ts';

const rowsOf = (rows: readonly ReportRow[]): SharesRow[] => rows.map((r) => ({ ...r.shares, id: r.key || 'none', name: r.name, sub: r.detail }));

/**
 * The report as the files state it (`format=json`), for the screen and for printing: every figure
 * is the API's. The public version has no officer and no comment: those sections are left out.
 */
export function ReportView({ r }: { readonly r: ReportData }) {
  const flagged = r.officers?.filter((o) => o.shares.flagged) ?? [];
  const running = r.dataUntil < r.period.to;
  const trendRows = r.trend.rows.filter((t) => t.shares.responses > 0);
  const unitWord = UNIT_WORDS[r.trend.unit];
  return (
    <article className="report-view" aria-labelledby="report-h">
      <header className="report-head">
        <h2 id="report-h">
          {r.unit.name}: {r.period.label}
        </h2>
        <p className="staff-muted">
          {r.form.title} · {r.audience === 'public' ? 'Bản công khai' : 'Bản nội bộ'} · số liệu từ {formatDay(r.period.from)} đến {formatDay(r.dataUntil)}
          {running ? ' (kỳ chưa kết thúc)' : ''}
        </p>
      </header>

      <section className="stat-grid" aria-label="Tổng hợp">
        <StatTile label="Số phiếu" value={formatCount(r.total.responses)} id="total" />
        <StatTile label="Hài lòng" value={formatPercent(r.total.satisfiedShare)} tone="good" id="satisfied" />
        <StatTile label="Không hài lòng" value={formatPercent(r.total.dissatisfiedShare)} tone="bad" id="dissatisfied" />
        {r.officers ? (
          <StatTile label={`Cán bộ ${overRuleWords(r.rule).toLocaleLowerCase('vi-VN')}`} value={formatCount(flagged.length)} tone={flagged.length > 0 ? 'bad' : 'good'} id="flagged" />
        ) : (
          <StatTile label="Phản ánh tiêu cực" value={formatCount(r.issueCounts.reduce((n, i) => n + i.count, 0))} id="issues" />
        )}
      </section>
      <FlaggedNote rule={r.rule} officers={(r.officers ?? []).map((o) => ({ ...o.shares, name: o.name }))} describe={(o) => `${o.name} (${formatCount(o.responses)} phiếu)`} />

      {r.index && (
        <section className="staff-section" aria-labelledby="report-index">
          <h3 id="report-index">Chỉ số hài lòng SIPAS</h3>
          <SipasIndexTable index={r.index} />
        </section>
      )}
      <LevelLegend scale={r.form.levels} />
      <section className="staff-section" aria-labelledby="report-questions">
        <h3 id="report-questions">Theo tiêu chí</h3>
        <SharesTable caption="Kết quả theo tiêu chí" nameHeader="Tiêu chí" rule={r.rule} scale={r.form.levels} rows={rowsOf(r.questions)} />
      </section>
      <section className="staff-section" aria-labelledby="report-fields">
        <h3 id="report-fields">Theo lĩnh vực</h3>
        {r.fields.length > 0 ? (
          <SharesTable caption="Kết quả theo lĩnh vực" nameHeader="Lĩnh vực" rule={r.rule} scale={r.form.levels} rows={rowsOf(r.fields)} />
        ) : (
          <p className="staff-empty">Chưa có phiếu nào theo lĩnh vực trong kỳ.</p>
        )}
      </section>
      {r.officers && (
        <section className="staff-section" aria-labelledby="report-officers">
          <h3 id="report-officers">Theo cán bộ, công chức</h3>
          {r.officers.length > 0 ? (
            <SharesTable
              caption="Kết quả theo cán bộ, công chức"
              nameHeader="Cán bộ, công chức"
              rule={r.rule}
              scale={r.form.levels}
              withFlag
              rows={rowsOf(r.officers)}
              linkOf={(row) => officerHref(row.id, { from: r.period.from, to: r.period.to })}
            />
          ) : (
            <p className="staff-empty">Chưa có phiếu nào gắn với cán bộ trong kỳ.</p>
          )}
        </section>
      )}

      <section className="staff-section" aria-labelledby="report-trend">
        <h3 id="report-trend">Diễn biến theo {unitWord}</h3>
        <div className="staff-card">
          {trendRows.length === 0 ? (
            <p className="staff-muted">Chưa có phiếu nào trong kỳ.</p>
          ) : (
            <BucketTable
              className="report-table"
              unitWord={unitWord}
              caption={`Kết quả theo ${unitWord}`}
              rows={trendRows.map((t) => ({
                key: t.key,
                name: r.trend.unit === 'month' ? `Tháng ${t.name}` : (t.detail ?? t.name),
                responses: t.shares.responses,
                satisfiedShare: t.shares.satisfiedShare,
                dissatisfiedShare: t.shares.dissatisfiedShare,
              }))}
            />
          )}
        </div>
      </section>

      {r.channels.length > 0 && (
        <section className="staff-section" aria-labelledby="report-channels">
          <h3 id="report-channels">Theo kênh đánh giá</h3>
          <div className="staff-card">
            <table className="plain-table report-table">
              <caption className="sr-only">Số phiếu theo kênh</caption>
              <thead>
                <tr>
                  <th scope="col">Kênh</th>
                  <th scope="col" className="num">
                    Số phiếu
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.channels.map((c) => (
                  <tr key={c.channel}>
                    <th scope="row">{c.label}</th>
                    <td className="num">{formatCount(c.responses)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section className="staff-section" aria-labelledby="report-coverage">
        <h3 id="report-coverage">Số phiếu so với số hồ sơ</h3>
        {r.coverage ? <CoverageSummary c={r.coverage} /> : <p className="staff-muted">Độ bao phủ chỉ tính cho một tháng, quý, 6 tháng hoặc năm, không cho khoảng ngày tự chọn.</p>}
      </section>

      {r.issueCounts.length > 0 && (
        <section className="staff-section" aria-labelledby="report-issues">
          <h3 id="report-issues">Phản ánh tiêu cực</h3>
          <div className="staff-card">
            <table className="plain-table report-table">
              <caption className="sr-only">Số phản ánh tiêu cực theo loại</caption>
              <thead>
                <tr>
                  <th scope="col">Loại phản ánh</th>
                  <th scope="col" className="num">
                    Số phản ánh
                  </th>
                  <th scope="col" className="num">
                    Đã xử lý
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.issueCounts.map((i) => (
                  <tr key={i.key} data-issue={i.key}>
                    <th scope="row">{i.label}</th>
                    <td className="num">{formatCount(i.count)}</td>
                    <td className="num">{formatCount(i.handled)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <footer className="report-foot staff-footnote">
        {r.comments && <p>Góp ý và phản ánh trong kỳ: {formatCount(r.comments.length)} (xem và xử lý ở màn hình Góp ý).</p>}
        <p>
          Lập lúc {formatInstant(r.generatedAt)}. Mã kiểm chứng (đầu chuỗi băm{r.chainHead ? `, phiếu số ${r.chainHead.seq}` : ''}):{' '}
          <code className="report-hash">{r.chainHead?.hash ?? '–'}</code>
        </p>
      </footer>
    </article>
  );
}
