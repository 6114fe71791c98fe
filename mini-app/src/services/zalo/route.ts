import { loadZaloSdk } from './sdk.ts';

export interface LaunchParams {
  /** The point token from the QR code (`q`), or null when the link carries none. */
  readonly token: string | null;
  /** Kiosk mode (`kiosk=1`): a shared tablet at the counter. */
  readonly kiosk: boolean;
}

function fromRecord(get: (name: string) => string | null | undefined): LaunchParams {
  const token = get('q')?.trim();
  const kiosk = get('kiosk');
  return { token: token ? token : null, kiosk: kiosk === '1' || kiosk === 'true' };
}

/** Launch parameters from the page URL (web link, kiosk, browser tests). */
export function readUrlParams(search: string = window.location.search): LaunchParams {
  const params = new URLSearchParams(search);
  return fromRecord((name) => params.get(name));
}

/** Launch parameters: zmp-sdk `getRouteParams()` inside Zalo, the URL everywhere else. */
export async function readLaunchParams(): Promise<LaunchParams> {
  const fromUrl = readUrlParams();
  const sdk = await loadZaloSdk();
  if (!sdk) return fromUrl;
  try {
    const route = sdk.getRouteParams();
    const fromZalo = fromRecord((name) => route[name]);
    return { token: fromZalo.token ?? fromUrl.token, kiosk: fromZalo.kiosk || fromUrl.kiosk };
  } catch {
    return fromUrl;
  }
}
