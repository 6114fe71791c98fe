import QRCode from 'qrcode';

/**
 * Error correction 'H' (about 30 % of the symbol can be lost): posters at a rural counter get
 * scratched, taped over, sun-faded and photographed at an angle. The payload is short (a deep
 * link of ~60–80 bytes → version 6–7, 41–45 modules), so even on an A5 poster a module is over
 * 1.5 mm wide: the density H costs is irrelevant and its damage tolerance is what matters.
 * Quiet zone: 4 modules, the minimum ISO/IEC 18004 asks for.
 */
export const QR_OPTIONS = { errorCorrectionLevel: 'H', margin: 4 } as const;

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  version: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
  return { size: qr.modules.size, version: qr.version, dark: (r, c) => qr.modules.get(r, c) === 1 };
}

/** SVG (scalable: print shops prefer it), black on white, with the quiet zone. */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { ...QR_OPTIONS, type: 'svg', color: { dark: '#000000', light: '#ffffff' } });
  return svg.endsWith('\n') ? svg : `${svg}\n`;
}

/** PNG, 12 px per module (≈ 600 px square): enough for a phone screen, a chat message or a printout. */
export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: 'png', scale: 12, color: { dark: '#000000ff', light: '#ffffffff' } });
}
