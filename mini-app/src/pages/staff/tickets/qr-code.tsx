import { create } from 'qrcode';
import { useMemo } from 'react';

/** Modules of white around the code, as the QR standard asks: scanners need it. */
const QUIET_ZONE = 4;

/**
 * The dark modules as one SVG path, a rectangle per horizontal run: small enough for a link of a
 * few hundred characters, sharp at any size and on paper.
 */
export function qrPath(text: string): { readonly d: string; readonly size: number } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    let x = 0;
    while (x < n) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < n && modules.get(y, x)) x++;
      d += `M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`;
    }
  }
  return { d, size: n + 2 * QUIET_ZONE };
}

/** A QR code drawn in the page (no image request, nothing for the CSP to allow), black on white. */
export function QrCode({ text, label, className }: { readonly text: string; readonly label: string; readonly className?: string }) {
  const { d, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className={className} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" data-qr-text={text}>
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
