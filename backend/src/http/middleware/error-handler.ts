import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, codeForStatus } from '../../app-error.ts';
import type { Logger } from '../../logger.ts';

/**
 * The one error handler (STYLE.md §8), registered once at the root: every 4xx/5xx is JSON
 * `{ error: { code, message, details? } }`. An AppError keeps its code, status and headers;
 * Hono's own exceptions (malformed JSON, a body limit) map to the matching code; anything else is
 * logged with its stack and answered 500 without detail.
 */
export function errorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
      return c.json(err.toJSON(), err.status);
    }
    if (err instanceof HTTPException) {
      const code = /malformed json/i.test(err.message) ? 'invalid_json' : codeForStatus(err.status);
      const mapped = new AppError(code);
      return c.json(mapped.toJSON(), mapped.status);
    }
    logger.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, err: err instanceof Error ? err.stack : String(err) });
    return c.json(new AppError('internal').toJSON(), 500);
  };
}
