import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { vietnamDay } from '../../domain/day.ts';
import type { Deps } from '../../services/context.ts';
import { AppError } from '../errors.ts';
import { jsonBody, requireJson } from '../validation.ts';
import { responseBodySchema } from './responses.schema.ts';

/** Baseline for `npm run bench`: the same parsing and validation as a real response, nothing stored. */
export function benchRoutes(deps: Deps) {
  return new Hono().post(
    '/responses-noop',
    bodyLimit({ maxSize: deps.config.BODY_LIMIT_BYTES, onError: () => { throw new AppError('payload_too_large'); } }),
    requireJson,
    jsonBody(responseBodySchema),
    (c) => {
      const now = deps.now();
      return c.json({ id: crypto.randomUUID(), receivedAt: now.toISOString(), day: vietnamDay(now) }, 201);
    },
  );
}
