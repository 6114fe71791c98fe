/**
 * A UUIDv7 (RFC 9562) for one filled form: the phone's time in ms, then 74 random bits. The
 * server keeps clientIds in a unique index; ids that begin with the time are added near its
 * end instead of on a random page each, which makes every commit cheaper. A phone with a wrong
 * clock costs nothing but that locality: uniqueness comes from the random bits.
 */
export function newClientId(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  const c: typeof globalThis.crypto | undefined = typeof crypto === 'undefined' ? undefined : crypto;
  if (c && typeof c.getRandomValues === 'function') {
    c.getRandomValues(bytes);
  } else {
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  }
  let ms = Math.max(0, Math.floor(now));
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
