import { formatViTime } from '@hai-long/backend/domain/day';
import type { IssuedEntry } from './ticket-session.ts';

/** The tickets issued here in this session, newest first: the code, the time, and the way back to its QR. */
export function IssuedList({ entries, shown, onShow }: { readonly entries: readonly IssuedEntry[]; readonly shown: string | null; readonly onShow: (entry: IssuedEntry) => void }) {
  return (
    <section className="report-card ticket-issued no-print" aria-labelledby="ticket-issued-h">
      <h2 id="ticket-issued-h">Đã tạo trong phiên làm việc này</h2>
      {entries.length === 0 ? (
        <p className="staff-muted">Chưa tạo mã QR nào.</p>
      ) : (
        <ol className="ticket-issued-list">
          {entries.map((e) => {
            const current = e.ticket.token === shown;
            return (
              <li key={e.ticket.token} className={current ? 'is-current' : undefined}>
                <span className="ticket-issued-time">{formatViTime(e.issuedAt)}</span>
                <span className="ticket-issued-code">{e.ticket.dossierCode}</span>
                {current ? (
                  <span className="staff-small staff-muted">Đang hiển thị</span>
                ) : (
                  <button type="button" className="staff-btn ticket-issued-show" aria-label={`Xem lại mã QR hồ sơ ${e.ticket.dossierCode}`} onClick={() => onShow(e)}>
                    Xem lại
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
