/** The backend's base URL: `VITE_API_BASE` (the backend's PUBLIC_URL, needed inside Zalo), else same origin. */
export function apiBase(): string {
  const configured = import.meta.env.VITE_API_BASE;
  return typeof configured === 'string' ? configured.replace(/\/+$/, '') : '';
}
