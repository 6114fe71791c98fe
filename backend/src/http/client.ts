import { hc } from 'hono/client';
import type { AppType } from './app-type.ts';

/** A typed client over the backend's routes: a changed contract breaks the caller's build. */
export const createClient = (baseUrl: string, init?: Parameters<typeof hc>[1]) => hc<AppType>(baseUrl, init);
export type Client = ReturnType<typeof createClient>;
export type { AppType };
