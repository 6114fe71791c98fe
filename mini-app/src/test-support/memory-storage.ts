import type { DeviceStorage } from '../services/zalo/storage.ts';

/** DeviceStorage in a Map, for tests. */
export function memoryStorage(initial: Record<string, string> = {}): DeviceStorage & { readonly data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: async (key) => data.get(key) ?? null,
    setItem: async (key, value) => {
      data.set(key, value);
    },
    removeItem: async (key) => {
      data.delete(key);
    },
  };
}
