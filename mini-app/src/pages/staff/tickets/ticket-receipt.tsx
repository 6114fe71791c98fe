import { useState } from 'react';
import { formatInstant } from '../../../services/format/staff.ts';
import { downloadReceipt, RECEIPT_PAPERS, type IssuedTicket, type ReceiptFormat, type ReceiptPaper } from '../../../services/api/tickets.ts';
import { StaffApiError } from '../../../services/api/staff-http.ts';
import { QrCode } from './qr-code.tsx';

/** A ticket without an officer or a field: the citizen chooses on the form. */
const NOT_SET = 'Người dân tự chọn';

export const PAPER_LABELS: Record<ReceiptPaper, string> = { '58mm': '58 mm', '80mm': '80 mm', a5: 'A5' };

export interface TicketReceiptProps {
  readonly unitId: string;
  readonly unitName: string;
  readonly ticket: IssuedTicket;
  /** What the QR carries: the link that opens the form (in Zalo, or in a browser). */
  readonly link: string;
  readonly paper: ReceiptPaper;
  readonly onPaper: (paper: ReceiptPaper) => void;
  readonly onPrint: () => void;
  readonly onNext: () => void;
}

/**
 * The issued ticket: the QR large (the citizen scans it from the screen), the dossier, officer,
 * field and expiry; printing (this card alone, at the chosen paper's width), the receipt files
 * for thermal printers and A5, and the way to the next dossier.
 */
export function TicketReceipt({ unitId, unitName, ticket, link, paper, onPaper, onPrint, onNext }: TicketReceiptProps) {
  return (
    <section className={`report-card ticket-receipt is-paper-${paper}`} aria-labelledby="ticket-receipt-h" data-token={ticket.token}>
      <p className="ticket-receipt-unit">{unitName}</p>
      <h2 id="ticket-receipt-h" className="ticket-receipt-title">
        Mời Ông/Bà quét mã QR để đánh giá sự hài lòng
      </h2>
      <div className="ticket-body">
        <QrCode text={link} label={`Mã QR đánh giá hồ sơ ${ticket.dossierCode}`} className="ticket-qr" />
        <div className="ticket-side">
          <dl className="ticket-facts">
            <div>
              <dt>Mã hồ sơ</dt>
              <dd className="ticket-code-value">{ticket.dossierCode}</dd>
            </div>
            <div>
              <dt>Cán bộ tiếp nhận</dt>
              <dd>{ticket.officer?.name ?? NOT_SET}</dd>
            </div>
            <div>
              <dt>Lĩnh vực</dt>
              <dd>{ticket.field?.name ?? NOT_SET}</dd>
            </div>
            <div>
              <dt>Hạn đánh giá</dt>
              <dd>{formatInstant(ticket.expiresAt)}</dd>
            </div>
          </dl>
          <p className="ticket-receipt-note">Quét bằng Zalo hoặc máy ảnh điện thoại. Mỗi hồ sơ được đánh giá một lần.</p>
          <div className="ticket-actions no-print">
            <button type="button" className="staff-btn staff-btn-primary" onClick={onPrint}>
              In biên nhận
            </button>
            <button type="button" className="staff-btn" onClick={onNext}>
              Hồ sơ tiếp theo
            </button>
          </div>
        </div>
      </div>
      <div className="ticket-options no-print">
        <fieldset className="ticket-paper">
          <legend>Khổ giấy in</legend>
          <div className="ticket-paper-options">
            {RECEIPT_PAPERS.map((p) => (
              <label key={p} className={`ticket-paper-option${p === paper ? ' is-active' : ''}`}>
                <input type="radio" name="ticket-paper" value={p} checked={p === paper} onChange={() => onPaper(p)} />
                {PAPER_LABELS[p]}
              </label>
            ))}
          </div>
        </fieldset>
        <ReceiptFiles unitId={unitId} ticket={ticket} paper={paper} />
      </div>
    </section>
  );
}

/** "Tải biên nhận": the server's receipt image for the chosen paper, PNG (thermal printers) or SVG (to place in a document). */
function ReceiptFiles({ unitId, ticket, paper }: { readonly unitId: string; readonly ticket: IssuedTicket; readonly paper: ReceiptPaper }) {
  const [busy, setBusy] = useState<ReceiptFormat | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  async function run(format: ReceiptFormat) {
    setBusy(format);
    setResult(null);
    try {
      setResult({ ok: true, text: `Đã tải: ${await downloadReceipt(unitId, ticket, paper, format)}` });
    } catch (e) {
      setResult({ ok: false, text: e instanceof StaffApiError ? e.message : 'Chưa tải được biên nhận. Vui lòng thử lại.' });
    } finally {
      setBusy(null);
    }
  }
  const size = PAPER_LABELS[paper];
  return (
    <div className="ticket-files">
      <span className="ticket-files-label">Tải biên nhận khổ {size}</span>
      <span className="ticket-files-buttons">
        <button type="button" className="staff-btn" disabled={busy !== null} aria-label={`Tải ảnh PNG khổ ${size}`} onClick={() => void run('png')}>
          {busy === 'png' ? 'Đang tải…' : 'PNG'}
        </button>
        <button type="button" className="staff-btn" disabled={busy !== null} aria-label={`Tải SVG khổ ${size}`} onClick={() => void run('svg')}>
          {busy === 'svg' ? 'Đang tải…' : 'SVG'}
        </button>
      </span>
      <span className={result && !result.ok ? 'staff-error-text' : 'staff-small staff-muted'} role={result && !result.ok ? 'alert' : 'status'}>
        {result?.text ?? ''}
      </span>
    </div>
  );
}
