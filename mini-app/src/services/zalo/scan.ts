import { isInsideZalo } from './env.ts';
import { loadZaloSdk } from './sdk.ts';

/** Whether the camera scanner is there: inside Zalo only (a desktop browser types, or a barcode scanner types for it). */
export const canScanCodes = (): boolean => isInsideZalo();

/**
 * Scans a QR code or barcode with Zalo's camera (zmp-sdk `scanQRCode`): its text, trimmed; null
 * when the clerk closed the scanner, nothing was read, or Zalo is not there.
 */
export async function scanCode(): Promise<string | null> {
  const sdk = await loadZaloSdk();
  if (!sdk) return null;
  try {
    const { content } = await sdk.scanQRCode();
    const text = typeof content === 'string' ? content.trim() : '';
    return text || null;
  } catch {
    return null;
  }
}
