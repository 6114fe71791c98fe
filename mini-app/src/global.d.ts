/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The backend's public base URL (its `PUBLIC_URL`); empty means same origin. */
  readonly VITE_API_BASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
