import { postSync } from '../api/campaigns.ts';
import { deviceStorage, type DeviceStorage } from '../zalo/storage.ts';
import { newClientId } from './client-id.ts';
import { createEnumeratorStore, type EnumeratorStore } from './enumerator-store.ts';
import { createEnumeratorSync, type EnumeratorSync, type PostSync } from './enumerator-sync.ts';

/** The enumerator's device store and its sync, for one signed-in user. */
export interface EnumeratorServices {
  readonly store: EnumeratorStore;
  readonly sync: EnumeratorSync;
}

const made = new Map<string, EnumeratorServices>();

/** One store and one sync per user and page (a run under way is shared by every screen). */
export function enumeratorServices(user: string, storage: DeviceStorage = deviceStorage, post: PostSync = postSync): EnumeratorServices {
  const known = made.get(user);
  if (known && storage === deviceStorage && post === postSync) return known;
  const store = createEnumeratorStore({ storage, user });
  const services = { store, sync: createEnumeratorSync(store, post) };
  if (storage === deviceStorage && post === postSync) made.set(user, services);
  return services;
}

/** A random opId (v4), or the app's own UUID where an old WebView lacks randomUUID. */
export function newOpId(): string {
  const c: Crypto | undefined = typeof crypto === 'undefined' ? undefined : crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : newClientId();
}
