declare global {
  interface Window {
    /** Started by the inline script in index.html (web link only). */
    __hlPoint?: { readonly token: string; readonly response: Promise<Response> };
  }
}

/** The point request index.html already started for this token, once; null when there is none. */
export function takePrefetchedPoint(token: string): Promise<Response> | null {
  if (typeof window === 'undefined') return null;
  const prefetched = window.__hlPoint;
  if (!prefetched || prefetched.token !== token) return null;
  window.__hlPoint = undefined;
  return prefetched.response;
}
