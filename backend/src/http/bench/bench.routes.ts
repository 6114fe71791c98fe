import { Hono } from 'hono';
import { vietnamDay } from '../../domain/day.ts';
import type { Deps } from '../../deps.ts';
import { jsonBody } from '../middleware/validation.ts';
import { responseBodySchema } from '../public/responses.schema.ts';

/** Baseline for `npm run bench`: the same parsing and validation as a real response, nothing stored. */
export function benchRoutes(deps: Deps) {
  return new Hono().post(
    '/responses-noop',
    jsonBody(responseBodySchema, { maxBytes: deps.config.BODY_LIMIT_BYTES }),
    (c) => {
      const now = deps.now();
      return c.json({ id: crypto.randomUUID(), receivedAt: now.toISOString(), day: vietnamDay(now) }, 201);
    },
  );
}
