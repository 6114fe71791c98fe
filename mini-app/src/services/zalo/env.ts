const MINI_APP_HOST = 'h5.zdn.vn';
const MINI_APP_PATH = '/zapps/';

/**
 * True when running as a Zalo Mini App (Zalo serves Mini Apps from h5.zdn.vn under /zapps/<id>,
 * or from zbrowser://). A plain web page opened in Zalo's in-app browser is not a Mini App.
 */
export function isInsideZalo(location: Pick<Location, 'hostname' | 'pathname' | 'protocol'> = window.location): boolean {
  if (location.protocol === 'zbrowser:') return true;
  return location.hostname.endsWith(MINI_APP_HOST) || location.pathname.startsWith(MINI_APP_PATH);
}
