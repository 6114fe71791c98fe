import { sendResponse } from '../api/public.ts';
import { createOutbox, type Outbox } from './outbox.ts';
import { getZaloAccessToken } from '../zalo/auth.ts';
import { deviceStorage } from '../zalo/storage.ts';

let instance: Outbox | undefined;

/** The app's one outbox; sends what was kept from earlier visits and listens for the network. */
export function appOutbox(): Outbox {
  if (instance) return instance;
  const outbox = createOutbox({ storage: deviceStorage, send: sendResponse, accessToken: getZaloAccessToken });
  instance = outbox;
  if (typeof window !== 'undefined') {
    window.addEventListener('online', () => void outbox.flush());
    void outbox.flush();
  }
  return outbox;
}
