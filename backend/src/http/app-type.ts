import type { createApp } from './create-app.ts';

/** The backend's route types, for Hono's typed client (`hc<AppType>`) in the Mini App. */
export type AppType = ReturnType<typeof createApp>;
