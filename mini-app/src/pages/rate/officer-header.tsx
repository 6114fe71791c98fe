import type { PublicPoint } from '../../services/api/types.ts';

/** Who is being rated: the unit, and the officer when the QR code is an officer's desk. */
export function OfficerHeader({ point }: { readonly point: PublicPoint }) {
  return (
    <header className="hero">
      <p className="hero-kicker">Phiếu đánh giá sự hài lòng</p>
      <h1 className="hero-unit">{point.unit.name}</h1>
      {point.officer && (
        <p className="hero-officer">
          Cán bộ tiếp nhận: <strong>{point.officer.name}</strong>
          {point.officer.title && <span className="hero-officer-title"> – {point.officer.title}</span>}
        </p>
      )}
    </header>
  );
}
