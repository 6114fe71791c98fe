import { formatViInstant } from '@hai-long/backend/domain/day';
import type { PublicPoint } from '../../services/api/types.ts';
import { ticketPreset } from '../../state/ticket-preset.ts';

/**
 * Who is being rated: the unit, and the officer when the QR code is an officer's desk. A receipt
 * ticket's officer and field are stated here, not offered as a choice.
 */
export function OfficerHeader({ point }: { readonly point: PublicPoint }) {
  const ticket = ticketPreset(point);
  const officer = ticket ? ticket.officer : point.officer;
  return (
    <header className="hero">
      <p className="hero-kicker">{ticket ? 'Phiếu đánh giá theo hồ sơ' : 'Phiếu đánh giá sự hài lòng'}</p>
      <h1 className="hero-unit">{point.unit.name}</h1>
      {ticket?.dossierHint && (
        <p className="hero-officer hero-dossier">
          Hồ sơ số: <strong>{ticket.dossierHint}</strong>
        </p>
      )}
      {officer && (
        <p className="hero-officer">
          Cán bộ tiếp nhận: <strong>{officer.name}</strong>
          {officer.title && <span className="hero-officer-title"> – {officer.title}</span>}
        </p>
      )}
      {ticket?.field && (
        <p className="hero-officer hero-field">
          Lĩnh vực: <strong>{ticket.field.name}</strong>
        </p>
      )}
      {ticket && <p className="hero-ticket">Mã QR của hồ sơ: đánh giá một lần, hạn đến {formatViInstant(ticket.expiresAt)}.</p>}
    </header>
  );
}
